package dev.parallelfor.sample.readme;

import dev.parallelfor.ParallelFor;

// docs:range
class Squares {
  @ParallelFor // CPU mode, one item in flight per core
  static long square(long n) {
    return n * n;
  }
}

// docs:end
