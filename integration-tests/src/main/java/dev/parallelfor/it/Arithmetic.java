package dev.parallelfor.it;

import dev.parallelfor.ParallelFor;

/** Static methods over int, long, Integer and Long items: each driver has a runRange. */
public final class Arithmetic {
  private Arithmetic() {}

  @ParallelFor
  public static long square(int item) {
    return (long) item * item;
  }

  @ParallelFor
  public static long twice(long item) {
    return 2 * item;
  }

  @ParallelFor
  public static String describeInteger(Integer item) {
    return "int " + item;
  }

  @ParallelFor
  public static String describeLong(Long item) {
    return "long " + item;
  }

  @ParallelFor(driverName = "Cubes", parallelism = 3)
  public static long cube(int item) {
    return (long) item * item * item;
  }
}
