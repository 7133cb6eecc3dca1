package dev.parallelfor.it;

import dev.parallelfor.ParallelFor;

/** Instance methods: two annotated methods in one class, with and without shared arguments. */
public class Texts {
  private final String suffix;

  public Texts(String suffix) {
    this.suffix = suffix;
  }

  @ParallelFor
  public String upper(String item) {
    return item.toUpperCase() + suffix;
  }

  /** One item, a reference and a primitive shared argument, and varargs. */
  @ParallelFor
  public String decorate(String item, String prefix, int times, String... marks) {
    return prefix.repeat(times) + item + String.join("", marks) + suffix;
  }
}
