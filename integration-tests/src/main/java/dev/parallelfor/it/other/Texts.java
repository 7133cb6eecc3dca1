package dev.parallelfor.it.other;

import dev.parallelfor.ParallelFor;

/** A class of the same simple name in another package: its driver has the same simple name. */
public class Texts {
  @ParallelFor
  public String upper(String item) {
    return "other " + item.toUpperCase();
  }
}
