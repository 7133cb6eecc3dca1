package dev.parallelfor.runtime.internal;

/**
 * A run of consecutive items claimed by one worker. Items come either from {@link #items} (copied
 * from a lazy input) or from the indexed source at {@code start + i}; results go to {@code
 * out[outOffset + i]} (no results are kept when {@code out} is null).
 *
 * <p>The counts are written by the worker that runs the chunk and read by it, or by the consumer of
 * a streaming run after {@link #done} (set under the window's lock) was seen.
 */
final class Chunk {
  final long start;
  final int count;
  final Object[] items;
  final Object[] out;
  final int outOffset;

  /** Items attempted, finished (failed ones included) and failed by the last run of the chunk. */
  int attempted;

  int finished;
  int failed;

  /** The part of {@link #finished} answered from a checkpoint without running. */
  int restored;

  /** The time the items took, when the runner measured it apart from its own cost; else -1. */
  long busyNanos = -1;

  /** Guarded by the streaming window's lock: every item of the chunk has been attempted. */
  boolean done;

  Chunk(long start, int count, Object[] items, Object[] out, int outOffset) {
    this.start = start;
    this.count = count;
    this.items = items;
    this.out = out;
    this.outOffset = outOffset;
  }
}
