package dev.parallelfor.it;

import dev.parallelfor.ParallelFor;
import java.util.Arrays;

/** Primitive and array items and results. */
public class Primitives {
  @ParallelFor
  public double half(int item) {
    return item / 2.0;
  }

  @ParallelFor
  public boolean isUpper(char item) {
    return Character.isUpperCase(item);
  }

  @ParallelFor
  public int sum(int[] item) {
    return Arrays.stream(item).sum();
  }

  @ParallelFor
  public char[] letters(String item) {
    return item.toCharArray();
  }

  @ParallelFor
  public static byte flip(byte item, byte mask) {
    return (byte) (item ^ mask);
  }
}
