package dev.parallelfor.it;

import dev.parallelfor.Index;
import dev.parallelfor.ParallelFor;

/** {@code @Index} parameters, int and long, first, in the middle and last. */
public class Positions {
  @ParallelFor
  public String first(@Index int position, String item) {
    return position + ":" + item;
  }

  @ParallelFor
  public String middle(String item, @Index long position, String separator) {
    return item + separator + position;
  }

  @ParallelFor
  public String last(String item, String separator, @Index int position) {
    return item + separator + position;
  }

  /** In runRange the index is the position in the range, the item the value. */
  @ParallelFor
  public String valueAt(@Index long position, int value) {
    return position + "=" + value;
  }
}
