package dev.parallelfor.it;

import dev.parallelfor.ParallelFor;

/** Static nested types: the driver name joins the type names with underscores. */
public class Outer {
  public static class Inner {
    @ParallelFor
    public String render(String item) {
      return "<" + item + ">";
    }

    interface Deeper {
      @ParallelFor
      String render(String item);
    }
  }
}
