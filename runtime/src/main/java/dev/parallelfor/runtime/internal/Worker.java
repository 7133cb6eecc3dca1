package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.IndexedItemFunction;

/**
 * One worker of a run: a task on the executor, or a thread that helps (the caller of a nested run,
 * a consumer or joiner that is itself a worker). Its fields other than {@link #interruptedByRun}
 * and {@link #interruptedByTimer} are confined to its thread unless their comments say otherwise.
 * The workers a thread is running form a chain (the innermost first), from which a run started on
 * that thread learns how deeply it is nested ({@link #nestingDepth()}).
 */
final class Worker {
  private static final ThreadLocal<Worker> CURRENT = new ThreadLocal<>();

  final Thread thread = Thread.currentThread();

  /** The executor task this worker runs as; null for a helping thread. */
  final Runnable task;

  /** The worker this thread was running when it became this one: set for nested runs. */
  private Worker outer;

  /** The worker set of the run this worker entered; written once, before it runs anything. */
  WorkerSet set;

  /**
   * How deeply the run this worker works for is nested ({@link #nestingDepth()}); written before it
   * runs anything.
   */
  int runDepth = 1;

  /** How many items this worker wants in its next chunk; {@link ChunkSizing} sizes it. */
  int chunkSize = ChunkSizing.FIRST_CHUNK;

  /** Written under the worker set's lock, before the interrupt it describes. */
  volatile boolean interruptedByRun;

  /**
   * Set by the item timer of the attempt this worker runs, before the interrupt it describes;
   * cleared when the attempt ends. A nested run this thread helps meanwhile is then being
   * cancelled, as when the run itself interrupts it.
   */
  volatile boolean interruptedByTimer;

  /**
   * When the worker began the chunk it runs ({@link System#nanoTime()}), or 0 between chunks.
   * Written by its thread, read by {@link BlockingGrowth}.
   */
  volatile long chunkSince;

  /** True while the worker waits for the rate limit: it is not blocked by its items then. */
  volatile boolean pacing;

  /** Made and used by the run's growth controller only ({@link #blockedInNative}). */
  private StallProbe stallProbe;

  /** Guarded by the worker set's lock: the worker counts against the parallelism's slots. */
  boolean holdsSlot;

  /**
   * For a run whose workers keep their own state: this worker's function, made on its first item,
   * and what it made with it, closed when it leaves. Null until then.
   */
  IndexedItemFunction<Object, Object> localCall;

  /** What the item that ended the item loop's last batch threw; confined to the worker's thread. */
  Throwable thrown;

  WorkerLocals locals;

  /**
   * The array the item loop copies the items of each chunk of an indexed input into, reused from
   * chunk to chunk (replaced only when a chunk outgrows it): a run over a million tiny items would
   * otherwise allocate another array of a million references, and collect it. Null until the first.
   */
  Object[] items;

  Worker(Runnable task) {
    this.task = task;
  }

  /** What a worker is doing, as its run's growth controller sees it ({@link BlockingGrowth}). */
  enum Activity {
    /** Between chunks, or waiting for the rate limit: no item blocks it. */
    OUTSIDE,
    /** Running its chunk. */
    RUNNING,
    /** RUNNABLE for half a stall in one chunk: computing, or blocked in native code. */
    STALLED,
    /** Waiting, sleeping or waiting for a monitor inside its chunk. */
    BLOCKED
  }

  /**
   * What the worker is doing: inside a chunk and blocked in it (its thread waits, sleeps or waits
   * for a monitor), RUNNABLE in it for {@code stallNanos / 2} already (ask {@link
   * #blockedInNative}), running it, or outside any chunk. Waiting for the rate limit is not
   * blocked.
   */
  Activity activity(long now, long stallNanos) {
    long since = chunkSince;
    if (since == 0 || pacing) {
      return Activity.OUTSIDE;
    }
    Thread.State state = thread.getState();
    if (state == Thread.State.WAITING
        || state == Thread.State.TIMED_WAITING
        || state == Thread.State.BLOCKED) {
      return Activity.BLOCKED;
    }
    return now - since >= stallNanos / 2 ? Activity.STALLED : Activity.RUNNING;
  }

  /**
   * For a {@link Activity#STALLED} worker: whether it is blocked in native code rather than
   * computing ({@link StallProbe}), known once it has spent {@code stallNanos} in its chunk. Only
   * its run's growth controller calls this.
   */
  boolean blockedInNative(long now, long stallNanos) {
    if (stallProbe == null) {
      stallProbe = new StallProbe(thread);
    }
    return stallProbe.blockedInNative(chunkSince, now, stallNanos / 2);
  }

  boolean helper() {
    return task == null;
  }

  /** Whether the current thread is running items of some run (so a run it starts is nested). */
  static boolean insideWorker() {
    return CURRENT.get() != null;
  }

  /**
   * Whether the current thread is already working for the run of {@code set}: a task that a direct
   * executor (or a caller-runs policy) runs inline while a worker of the same run spawns it.
   */
  static boolean workingFor(WorkerSet set) {
    for (Worker w = CURRENT.get(); w != null; w = w.outer) {
      if (w.set == set) {
        return true;
      }
    }
    return false;
  }

  /**
   * How deeply a run started now on the current thread is nested: 1 outside any run, 2 inside an
   * item of such a run, and so on, whichever thread runs the enclosing runs' items.
   */
  static int nestingDepth() {
    Worker current = CURRENT.get();
    return current == null ? 1 : current.runDepth + 1;
  }

  /** Makes this the current thread's worker until {@link #leaveThread()}. */
  void enterThread() {
    outer = CURRENT.get();
    CURRENT.set(this);
  }

  void leaveThread() {
    if (outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(outer);
      outer = null;
    }
  }

  /**
   * Whether a run that encloses this one on the same thread has interrupted it, itself or through
   * the item timer of the attempt that started (or joined) this run: what a nested item throws in
   * answer is then that cancellation reaching the nested run's caller.
   */
  boolean enclosingRunInterrupted() {
    for (Worker w = outer; w != null; w = w.outer) {
      if (w.interruptedByRun || w.interruptedByTimer) {
        return true;
      }
    }
    return false;
  }

  /** Closes what this worker made for the run; returns the first failure, or null. */
  Throwable closeLocals() {
    WorkerLocals made = locals;
    if (made == null) {
      return null;
    }
    locals = null;
    localCall = null;
    return made.closeAll();
  }
}
