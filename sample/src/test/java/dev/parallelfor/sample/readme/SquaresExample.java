package dev.parallelfor.sample.readme;

import java.util.List;

/** docs/drivers.md's range example, compiled. */
final class SquaresExample {
  private SquaresExample() {}

  static List<Long> squares() {
    // docs:range
    List<Long> squares = new SquaresSquareDriver().runRange(0, 1_000_000); // [0, 1000000)
    // docs:end
    return squares;
  }
}
