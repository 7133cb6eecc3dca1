package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.ParallelForException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a run keeps what its items returned. The dispenser asks it for each chunk it hands out (in
 * input order, under the input lock), so the holder decides where the chunk's results go.
 */
interface Outcomes {
  /**
   * Makes the chunk for items {@code [start, start + count)}.
   *
   * @param items the items copied from a lazy input, or null for an indexed one
   */
  Chunk chunk(long start, int count, Object[] items);

  /** After a successful run: every outcome in input order. */
  Object[] collect();

  /** Whether no further chunk fits (a streaming run's look-ahead is full). */
  default boolean full() {
    return false;
  }

  /** A failed item's outcome in runs that attempt every item. */
  record Failure(ParallelForException exception) {}

  /**
   * The outcome of an item that failed in a run that attempts every item, from what {@link
   * Failures#ofItem} made.
   */
  static Object failed(RuntimeException itemFailure) {
    return new Failure((ParallelForException) itemFailure);
  }

  /** Results of an indexed input, stored by index in one array: order costs nothing. */
  final class Indexed implements Outcomes {
    private final Object[] results;

    Indexed(long size) {
      if (size > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            "cannot keep " + size + " results in a list; use the streaming form");
      }
      results = new Object[(int) size];
    }

    @Override
    public Chunk chunk(long start, int count, Object[] items) {
      return new Chunk(start, count, items, results, (int) start);
    }

    @Override
    public Object[] collect() {
      return results;
    }
  }

  /**
   * Results of a lazy input: each chunk's results overwrite its copied items in place, and the
   * chunks are joined in order at the end. Guarded by the input lock until the run is quiescent.
   */
  final class Chunked implements Outcomes {
    private final List<Chunk> chunks = new ArrayList<>();
    private long total;

    @Override
    public Chunk chunk(long start, int count, Object[] items) {
      Chunk chunk = new Chunk(start, count, items, items, 0);
      chunks.add(chunk);
      total += count;
      return chunk;
    }

    @Override
    public Object[] collect() {
      if (total > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            "cannot keep " + total + " results in a list; use the streaming form");
      }
      Object[] all = new Object[(int) total];
      for (Chunk chunk : chunks) {
        System.arraycopy(chunk.out, 0, all, (int) chunk.start, chunk.count);
      }
      return all;
    }
  }

  /** Nothing kept: a void method. */
  final class None implements Outcomes {
    private static final Object[] EMPTY = new Object[0];

    @Override
    public Chunk chunk(long start, int count, Object[] items) {
      return new Chunk(start, count, items, null, 0);
    }

    @Override
    public Object[] collect() {
      return EMPTY;
    }
  }
}
