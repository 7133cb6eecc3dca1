package dev.parallelfor.runtime.internal;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Hands out chunks of consecutive items in input order, as large as the run's {@link ChunkSizing}
 * allows for the claiming worker.
 *
 * <p>Everything is guarded by {@link #inputLock}, which is the input's own: a lazy input is read
 * under it (one reader at a time, as iterators need) and nothing else waits for it but other
 * workers claiming, who wait interruptibly, so a stop that interrupts them frees them even while
 * the input blocks. {@link #exhausted} is also volatile, for the quiescence check, which asks it as
 * the {@link BooleanSupplier} that the {@link WorkerSet} takes (the dispenser itself rather than a
 * method reference: a fresh JVM's first run then spins no lambda).
 */
final class ChunkDispenser implements BooleanSupplier {
  // Why a claim returned no chunk: int constants rather than an enum, whose class every program's
  // first run would load and initialize.

  /** The input is exhausted or the run stopped: the worker leaves. */
  static final int DONE = 0;

  /** The look-ahead is full: the worker leaves, and the consumer starts one when there is room. */
  static final int FULL = 1;

  /** The thread was interrupted while it waited for the input. */
  static final int INTERRUPTED = 2;

  private final Source source;
  private final long size;
  private final ChunkSizing sizing;
  private final Outcomes outcomes;
  private final Lifecycle lifecycle;
  private final WorkerSet workers;
  private final Stopper run;
  private final ReentrantLock inputLock = new ReentrantLock();

  // Guarded by inputLock.
  private long nextIndex;
  private volatile boolean exhausted;

  /** Guarded by inputLock: the input's failure, reported by the claimer once it let go the lock. */
  private Throwable inputFailure;

  /**
   * The dispenser of one run's input.
   *
   * @param workers told when a worker calls into the input, which may block
   * @param run stopped when the input fails
   */
  ChunkDispenser(
      Source source,
      ChunkSizing sizing,
      Outcomes outcomes,
      Lifecycle lifecycle,
      WorkerSet workers,
      Stopper run) {
    this.source = source;
    this.size = source.size();
    this.sizing = sizing;
    this.outcomes = outcomes;
    this.lifecycle = lifecycle;
    this.workers = workers;
    this.run = run;
    this.exhausted = size == 0;
  }

  boolean exhausted() {
    return exhausted;
  }

  /** {@link #exhausted()}. */
  @Override
  public boolean getAsBoolean() {
    return exhausted;
  }

  long size() {
    return size;
  }

  /** The items not yet handed out, or -1 when unknown; a hint for starting workers. */
  long remaining() {
    return size < 0 ? -1 : Math.max(0, size - nextIndexHint);
  }

  /** Written under the lock, read without it by {@link #remaining()}: a hint only. */
  private volatile long nextIndexHint;

  /**
   * Claims the next chunk for a worker.
   *
   * @param why receives why no chunk was given, when the result is null
   * @return the chunk, or null
   */
  Chunk claim(Worker worker, int[] why) {
    why[0] = DONE;
    if (lifecycle.stopped() || exhausted) {
      return null;
    }
    try {
      inputLock.lockInterruptibly();
    } catch (InterruptedException e) {
      why[0] = INTERRUPTED;
      return null;
    }
    Throwable failed;
    Chunk chunk;
    try {
      if (lifecycle.stopped() || exhausted) {
        return null;
      }
      if (outcomes.full()) {
        why[0] = FULL;
        return null;
      }
      int max = sizing.limit(worker.chunkSize, nextIndex);
      chunk = source.indexed() ? indexedChunk(max) : pulledChunk(max);
      failed = inputFailure;
      inputFailure = null;
    } finally {
      inputLock.unlock();
    }
    if (failed != null) {
      run.stop(failed, true);
    }
    return chunk;
  }

  /** Under the lock. */
  private Chunk indexedChunk(int max) {
    int count = (int) Math.min(max, size - nextIndex);
    Chunk chunk = outcomes.chunk(nextIndex, count, null);
    advance(count);
    exhausted = nextIndex >= size;
    return chunk;
  }

  /** Under the lock: copies the next items out of a lazy input. */
  private Chunk pulledChunk(int max) {
    Object[] items = new Object[max];
    int count;
    Throwable thrown;
    workers.beginRead();
    try {
      count = source.pull(items, max);
      thrown = source.takeFailure();
    } finally {
      workers.endRead();
    }
    if (thrown != null) {
      exhausted = true;
      if (!lifecycle.stopped()) { // else what it threw answers the run's own interrupt
        inputFailure =
            thrown instanceof VirtualMachineError
                ? thrown
                : Failures.input(nextIndex + count, thrown);
      }
      return null;
    }
    if (lifecycle.stopped()) {
      return null; // the run stopped while the input blocked: nothing read counts any more
    }
    if (count < max) {
      exhausted = true;
    }
    if (count == 0) {
      return null;
    }
    Chunk chunk = outcomes.chunk(nextIndex, count, items);
    advance(count);
    return chunk;
  }

  private void advance(int count) {
    nextIndex += count;
    nextIndexHint = nextIndex;
  }
}
