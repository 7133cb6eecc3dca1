package dev.parallelfor.runtime.internal;

/**
 * A run of consecutive items claimed by one worker. Items come either from {@link #items} (pulled
 * from an iterator) or from the indexed source at {@code start + i}; results go to {@code
 * out[outOffset + i]} (no results are kept when {@code out} is null).
 */
final class Chunk {
  final long start;
  final int count;
  final Object[] items;
  final Object[] out;
  final int outOffset;

  /** Guarded by the run's lock: every item of the chunk has been attempted (streaming form). */
  boolean done;

  Chunk(long start, int count, Object[] items, Object[] out, int outOffset) {
    this.start = start;
    this.count = count;
    this.items = items;
    this.out = out;
    this.outOffset = outOffset;
  }
}
