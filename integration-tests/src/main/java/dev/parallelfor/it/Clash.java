package dev.parallelfor.it;

import dev.parallelfor.Index;
import dev.parallelfor.ParallelFor;

/** Shared arguments named like the driver's own fields and locals, and a deprecated method. */
public class Clash {
  @ParallelFor
  public String names(
      String item, String items, @Index int index, String target, String options, long value) {
    return String.join(",", item, items, "" + index, target, options, "" + value);
  }

  @Deprecated
  @ParallelFor
  public String old(String item) {
    return "old " + item;
  }

  /**
   * A static method whose parameters are named like the simple names a driver body uses as
   * expressions: the target's own type (its static call), {@code Indexes}, the driver's field.
   */
  @ParallelFor
  public static String add(
      int item,
      @Index int position,
      int Clash,
      int Indexes,
      int settings,
      int Engine,
      int Objects,
      int Mode,
      int List) {
    return item
        + "@"
        + position
        + ":"
        + (Clash + Indexes + settings + Engine + Objects + Mode + List);
  }
}
