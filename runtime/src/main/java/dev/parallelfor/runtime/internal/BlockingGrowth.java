package dev.parallelfor.runtime.internal;

import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Lets an IO run on the shared pool of platform threads (Java 17 to 20) grow its workers only while
 * its items block. Such a run starts as many workers as there are cores, as a CPU run does: items
 * that never block then take no more threads than the cores can run. Every {@link #TICK_NANOS} the
 * controller looks at the run's workers; when every one of them is inside a chunk and blocked in it
 * (its thread waits, sleeps or waits for a monitor, or it has spent {@link #STALL_NANOS} in one
 * chunk, a hundred times a chunk's target: blocked in native code, say; this only while the last
 * growth raised the completions per second, or nothing completes at all, since busy items look the
 * same), the run may have twice as many, up to its parallelism, and one more a core is started at
 * once; the others follow as workers claim chunks ({@link WorkerStarter#addIfUseful}). So a
 * thousand items that sleep reach a thousand threads within about ten ticks, while trivial items
 * stay on the first few.
 *
 * <p>It never holds a run back for good: items that wait for each other are blocked, so the run
 * grows until they can all be in flight, and a failure of the controller lets the run have its
 * whole parallelism. It runs on the deadline thread, calls no user code and stops once the run is
 * stopped, finished or at its parallelism. Idle threads of the pool end after a few seconds ({@link
 * SharedPools}).
 */
final class BlockingGrowth implements Runnable {
  /** How often the workers are looked at. */
  static final long TICK_NANOS = 1_000_000;

  /** A worker this long in one chunk counts as blocked, whatever its thread's state. */
  static final long STALL_NANOS = 100 * ChunkSizing.TARGET_CHUNK_NANOS;

  /** How much the throughput must have risen since the last growth for stalls to count. */
  static final double RISE = 1.25;

  private final WorkerSet workers;
  private final Lifecycle lifecycle;
  private final BooleanSupplier addWorker;
  private final ChunkSizing sizing;

  /** Items finished so far, failed ones included. */
  private final LongSupplier completed;

  // Confined to the ticks, which the scheduler runs one after the other.
  private long grewAt;
  private long completedWhenGrew;
  private double rateBeforeGrowth;
  private int grownTo;

  private volatile Future<?> ticks;
  private volatile boolean over;

  /**
   * @param addWorker starts one more worker if useful (true if it did), from the deadline thread:
   *     if the executor refuses it, the run is ended elsewhere
   */
  BlockingGrowth(
      WorkerSet workers,
      Lifecycle lifecycle,
      BooleanSupplier addWorker,
      ChunkSizing sizing,
      LongSupplier completed) {
    this.completed = completed;
    this.workers = workers;
    this.lifecycle = lifecycle;
    this.addWorker = addWorker;
    this.sizing = sizing;
  }

  /** The workers an IO run on platform threads starts with: the cores. */
  static int firstWorkers() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Before the first worker starts: limits the run to its first workers and starts looking. */
  void start() {
    grewAt = System.nanoTime();
    grownTo = workers.limitTo(firstWorkers());
    sizing.shareAmong(grownTo);
    try {
      ticks =
          SharedPools.deadlines()
              .scheduleWithFixedDelay(this, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException released) { // released meanwhile: no growth, no limit
      over = true;
      sizing.shareAmong(workers.limitTo(Integer.MAX_VALUE));
    }
    if (over) {
      stop();
    }
  }

  /** Stops looking; the run keeps the workers it has. */
  void stop() {
    over = true;
    Future<?> scheduled = ticks;
    if (scheduled != null) {
      scheduled.cancel(false);
    }
  }

  @Override
  public void run() {
    try {
      if (over || lifecycle.stopped()) {
        stop();
        return;
      }
      long now = System.nanoTime();
      long done = completed.getAsLong() - completedWhenGrew;
      double rate = done / (double) Math.max(1, now - grewAt);
      // Growing on stalls alone pays only if the last growth raised the throughput (or nothing
      // finishes at all): busy items, which look the same, need no more threads than the cores.
      boolean stallsCount = done == 0 || rate > rateBeforeGrowth * RISE;
      int allowed = workers.growIfAllBlocked(now, stallsCount ? STALL_NANOS : Long.MAX_VALUE);
      if (allowed < 0) {
        stop();
      } else if (allowed > 0) {
        if (allowed > grownTo) {
          grownTo = allowed;
          grewAt = now;
          completedWhenGrew += done;
          rateBeforeGrowth = rate;
        }
        sizing.shareAmong(allowed);
        // A chain per core: each new worker starts the next as it claims its first chunk, so
        // starting threads, the slow part of growing, goes on in parallel.
        for (int i = 0; i < firstWorkers() && addWorker.getAsBoolean(); i++) {
          // started one
        }
      }
    } catch (Throwable unexpected) {
      // Never end the shared thread, never hold the run back: it may have all its workers now.
      stop();
      sizing.shareAmong(workers.limitTo(Integer.MAX_VALUE));
    }
  }
}
