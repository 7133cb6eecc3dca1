package dev.parallelfor.sample.readme;

import dev.parallelfor.ParallelFor;

// readme:range
class Squares {
  @ParallelFor // CPU mode, one item in flight per core
  static long square(long n) {
    return n * n;
  }
}

// readme:end
