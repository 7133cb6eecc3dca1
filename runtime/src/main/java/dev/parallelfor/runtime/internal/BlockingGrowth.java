package dev.parallelfor.runtime.internal;

import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Lets an IO run on the shared pool of platform threads (Java 17 to 20) grow its workers only while
 * its items block. Such a run starts as many workers as there are cores, as a CPU run does: items
 * that never block then take no more threads than the cores can run. The controller looks at the
 * run's workers on the deadline thread; when every one of them is inside a chunk and blocked in it
 * (its thread waits, sleeps or waits for a monitor, or it has been RUNNABLE for {@link
 * #STALL_NANOS} in one chunk and is found blocked in native code, as a socket read is: {@link
 * StallProbe}), the run may have twice as many, up to its parallelism, and one more a core is
 * started at once; the others follow as workers claim chunks ({@link WorkerStarter#addIfUseful}).
 * So a thousand items that sleep reach a thousand threads within about ten ticks, while trivial
 * items, and CPU-bound items however long, stay on the first few.
 *
 * <p>It looks every {@link #TICK_NANOS} while any worker blocks, and half as often each time no
 * worker does, down to every {@link #MAX_TICK_NANOS}: each look wakes the deadline thread, which
 * takes a core from the busy items of a CPU-bound run.
 *
 * <p>It never holds a run back for good where more threads would help: items that wait for each
 * other are blocked, so the run grows until they can all be in flight (items that spin until others
 * run are busy, and get no more threads than the cores, as on the virtual threads of Java 21); and
 * a failure of the controller, or a release of the shared pools, lets the run have its whole
 * parallelism. It calls no user code and stops once the run is stopped, finished or at its
 * parallelism. Idle threads of the pool end after a few seconds ({@link SharedPools}).
 */
final class BlockingGrowth implements Runnable {
  /** How often the workers are looked at while some of them block. */
  static final long TICK_NANOS = 1_000_000;

  /** The longest gap between looks, while no worker blocks. */
  static final long MAX_TICK_NANOS = 16 * TICK_NANOS;

  /**
   * A worker RUNNABLE this long in one chunk, a hundred times a chunk's target, is asked whether it
   * is blocked in native code: first looked at after half of it, judged once it has passed.
   */
  static final long STALL_NANOS = 100 * ChunkSizing.TARGET_CHUNK_NANOS;

  private final WorkerSet workers;
  private final Lifecycle lifecycle;
  private final BooleanSupplier addWorker;
  private final ChunkSizing sizing;

  // Confined to the looks, which run one after the other.
  private long delay = TICK_NANOS;

  private volatile Future<?> next;
  private volatile boolean over;

  /**
   * @param addWorker starts one more worker if useful (true if it did), from the deadline thread:
   *     if the executor refuses it, the run is ended elsewhere
   */
  BlockingGrowth(
      WorkerSet workers, Lifecycle lifecycle, BooleanSupplier addWorker, ChunkSizing sizing) {
    this.workers = workers;
    this.lifecycle = lifecycle;
    this.addWorker = addWorker;
    this.sizing = sizing;
  }

  /** The workers an IO run on platform threads starts with: the cores. */
  static int firstWorkers() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * The gap before the next look: the shortest after a look that found a worker blocked (or grew),
   * twice the last one, up to {@link #MAX_TICK_NANOS}, after a look that found none blocked.
   */
  static long nextDelay(long last, boolean noneBlocked) {
    return noneBlocked ? Math.min(MAX_TICK_NANOS, 2 * last) : TICK_NANOS;
  }

  /** Before the first worker starts: limits the run to its first workers and starts looking. */
  void start() {
    sizing.shareAmong(workers.limitTo(firstWorkers()));
    schedule(TICK_NANOS);
  }

  /** Stops looking; the run keeps the workers it has. */
  void stop() {
    over = true;
    Future<?> scheduled = next;
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
      int found = workers.growIfAllBlocked(System.nanoTime(), STALL_NANOS);
      if (found == WorkerSet.CANNOT_GROW) {
        stop();
        return;
      }
      if (found > 0) {
        sizing.shareAmong(found);
        // A chain per core: each new worker starts the next as it claims its first chunk, so
        // starting threads, the slow part of growing, goes on in parallel.
        for (int i = 0; i < firstWorkers() && addWorker.getAsBoolean(); i++) {
          // started one
        }
      }
      delay = nextDelay(delay, found == WorkerSet.NONE_BLOCKED);
      schedule(delay);
    } catch (Throwable unexpected) {
      // Never end the shared thread, never hold the run back: it may have all its workers now.
      release();
    }
  }

  /**
   * Schedules the next look on the deadline thread, a new one if the shared pools were released
   * since the last, so that a release does not stop a run's growth halfway; if the pools cannot
   * take it, the run gets its whole parallelism instead.
   */
  private void schedule(long nanos) {
    try {
      next = SharedPools.deadlines().schedule(this, nanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException released) {
      // SharedExecutors.release() ran meanwhile: the next call creates a new scheduler.
      try {
        next = SharedPools.deadlines().schedule(this, nanos, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException releasedAgain) {
        release();
        return;
      }
    }
    if (over) { // stopped meanwhile: the stop may have cancelled the look before this one
      stop();
    }
  }

  /** No more looks, and no more limit: the run may have its whole parallelism. */
  private void release() {
    stop();
    sizing.shareAmong(workers.limitTo(Integer.MAX_VALUE));
  }
}
