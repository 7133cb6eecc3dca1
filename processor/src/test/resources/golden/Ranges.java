package com.example.ranges;

import dev.parallelfor.Index;
import dev.parallelfor.Mode;
import dev.parallelfor.ParallelFor;

final class Ranges {
  private Ranges() {}

  @ParallelFor(mode = Mode.IO, parallelism = 16, driverName = "Squares")
  static long square(int item, @Index int position) {
    return (long) item * item + position;
  }
}
