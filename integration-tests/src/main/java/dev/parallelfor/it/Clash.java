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
}
