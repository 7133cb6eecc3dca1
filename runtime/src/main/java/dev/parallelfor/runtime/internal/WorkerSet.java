package dev.parallelfor.runtime.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A run's workers: slots against the parallelism, the tasks handed to the executor, the workers
 * inside the run, and the moment the last one leaves. Talks to the executor only through its {@link
 * ExecutorPort}.
 *
 * <p>The slot rule: a worker that waits (an item's backoff, a rate-limit permit, a nested run it
 * helps or joins) keeps its slot; a worker that gives its slot back ({@link #releaseSlot}) is
 * leaving, has closed its state already, and takes a slot again only if one is free at once ({@link
 * #retakeSlot}). Nothing waits for a slot: on a caller's pool that cannot grow, the worker that
 * would return it might be a task queued behind the waiter. So the workers running a run's items
 * never exceed the parallelism, and neither does the state they make.
 *
 * <p>Counts, guarded by {@link #lock}: {@code slots} is the number of workers that count against
 * the parallelism (tasks handed to the executor and not started yet, and workers inside the run
 * that hold a slot, helpers included), never above the parallelism; {@code active} the number of
 * workers inside the run (including one that gave its slot back and is about to leave); {@code
 * reading} the number of those inside a call to the input. The run is quiescent when no worker is
 * inside it and it will need none: its input is exhausted or it was stopped; once stopped, workers
 * stuck in a call to the input do not count, so an input that ignores interrupts cannot keep the
 * run alive. Nothing here calls user code under the lock; the executor is called outside it.
 */
final class WorkerSet {
  private final ExecutorPort executor;
  private final int parallelism;
  private final Lifecycle lifecycle;

  /** How long a finishing run waits for its tasks that a pool thread took but did not start. */
  private static final long UNSTARTED_WAIT_NANOS = 100_000_000;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition unstartedGone = lock.newCondition();

  // Guarded by lock.
  private final Set<Worker> running = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Runnable> pending = Collections.newSetFromMap(new IdentityHashMap<>());
  private int slots;
  private int active;
  private int reading;
  private boolean quiescent;

  /**
   * How many workers may hold slots at present: the parallelism, or fewer while an IO run on the
   * shared platform pool has not shown that its items block ({@link BlockingGrowth}).
   */
  private int allowed;

  /**
   * The executor's last refusal while other workers were left to go on; cleared when it takes a
   * worker again. If those workers all leave with items still to run, the run cannot go on.
   */
  private Throwable refusal;

  WorkerSet(Executor executor, int parallelism, Lifecycle lifecycle) {
    this.executor = new ExecutorPort(executor);
    this.parallelism = parallelism;
    this.lifecycle = lifecycle;
    this.allowed = parallelism;
  }

  int parallelism() {
    return parallelism;
  }

  /**
   * Takes a slot for one more worker if it would find work: the run goes on, items are left (or may
   * be: {@code remaining} is -1 when unknown), and fewer workers than the parallelism, or than the
   * input's size, hold slots. {@code exhausted} is read under the lock: a worker that left because
   * the input ran out set it before its slot came free, so that slot is never handed to a worker
   * that would find nothing.
   */
  boolean reserveSlot(long size, long remaining, BooleanSupplier exhausted) {
    lock.lock();
    try {
      if (quiescent || lifecycle.stopped() || exhausted.getAsBoolean()) {
        return false;
      }
      long cap = size >= 0 ? Math.min(allowed, size) : allowed;
      // With no worker at all, one starts even when no item should be left, to find the end of an
      // input whose size was only a promise.
      if (slots >= cap || (remaining == 0 && slots > 0)) {
        return false;
      }
      slots++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Lets at most {@code workers} (at least one) hold slots from now on; returns that number. */
  int limitTo(int workers) {
    lock.lock();
    try {
      allowed = Math.max(1, Math.min(parallelism, workers));
      return allowed;
    } finally {
      lock.unlock();
    }
  }

  /** {@link #growIfAllBlocked}: the run cannot grow any more, or is over. */
  static final int CANNOT_GROW = -1;

  /** {@link #growIfAllBlocked}: no worker is blocked; they run their chunks or claim new ones. */
  static final int NONE_BLOCKED = -2;

  /** {@link #growIfAllBlocked}: some workers are blocked, or some are still starting. */
  static final int NOT_ALL_BLOCKED = 0;

  /**
   * Doubles the workers allowed when all the allowed ones are there, none is queued, and every one
   * is inside a chunk and blocked in it ({@link Worker#activity}; one RUNNABLE deep into its chunk
   * only if it is blocked in native code, {@link Worker#blockedInNative}, which is asked only once
   * no other worker runs); or lets one be started when all are blocked and fewer than allowed (one
   * left). Returns the workers now allowed when one more would help, else {@link #CANNOT_GROW},
   * {@link #NONE_BLOCKED} or {@link #NOT_ALL_BLOCKED}.
   */
  int growIfAllBlocked(long now, long stallNanos) {
    lock.lock();
    try {
      if (quiescent || allowed >= parallelism) {
        return CANNOT_GROW;
      }
      if (running.isEmpty() || !pending.isEmpty()) {
        return NOT_ALL_BLOCKED;
      }
      int blocked = 0;
      boolean stalled = false;
      boolean working = false;
      for (Worker worker : running) {
        Worker.Activity activity = worker.activity(now, stallNanos);
        if (activity == Worker.Activity.BLOCKED) {
          blocked++;
        } else if (activity == Worker.Activity.STALLED) {
          stalled = true;
        } else {
          working = true;
        }
      }
      if (working) {
        return blocked == 0 ? NONE_BLOCKED : NOT_ALL_BLOCKED;
      }
      if (stalled) {
        for (Worker worker : running) {
          if (worker.activity(now, stallNanos) == Worker.Activity.BLOCKED) {
            continue;
          }
          if (!worker.blockedInNative(now, stallNanos)) {
            return blocked == 0 ? NONE_BLOCKED : NOT_ALL_BLOCKED;
          }
          blocked++;
        }
      }
      if (slots >= allowed) {
        allowed = (int) Math.min(parallelism, 2L * allowed);
      }
      return allowed;
    } finally {
      lock.unlock();
    }
  }

  /** A worker that left for lack of room (a full look-ahead) takes its slot back, if free. */
  boolean retakeSlot(Worker worker) {
    lock.lock();
    try {
      if (quiescent || lifecycle.stopped() || slots >= allowed) {
        return false;
      }
      slots++;
      worker.holdsSlot = true;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Gives up a worker's slot while it is still inside the run (it is about to leave). */
  void releaseSlot(Worker worker) {
    lock.lock();
    try {
      release(worker);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Under lock: the worker gives back its slot, if it holds one. With {@link #release(Runnable)},
   * the only code that frees a slot.
   */
  private void release(Worker worker) {
    if (worker.holdsSlot) {
      worker.holdsSlot = false;
      slots--;
    }
  }

  /**
   * Under lock: a task that has not entered leaves the tasks handed out, and gives back the slot
   * reserved for it if it still has it (a helper may have taken it over). Returns whether it did.
   */
  private boolean release(Runnable task) {
    if (pending.remove(task)) {
      slots--;
      return true;
    }
    return false;
  }

  /**
   * Hands a task for a reserved slot to the executor.
   *
   * @param onFailure told what {@code execute} threw, and whether the run is then left without any
   *     worker (called without locks held)
   */
  void spawn(Runnable task, FailureHandler onFailure) {
    lock.lock();
    try {
      pending.add(task);
    } finally {
      lock.unlock();
    }
    try {
      executor.execute(task);
    } catch (Throwable thrown) {
      boolean none;
      boolean dead = executor.shutDown();
      lock.lock();
      try {
        // A task the executor ran inline (a direct executor) before throwing is gone already.
        release(task);
        // Tasks queued on an executor that was shut down may have been dropped (shutdownNow).
        none = active == 0 && (slots == 0 || dead);
        refusal = none ? null : thrown;
      } finally {
        lock.unlock();
      }
      onFailure.spawnFailed(thrown, none);
      return;
    }
    lock.lock();
    try {
      refusal = null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * After a worker left: what the executor threw when it refused a worker that the run now lacks
   * (no worker is left, items are), or null.
   */
  Throwable orphanedBy(boolean exhausted) {
    boolean dead = executor.shutDown();
    lock.lock();
    try {
      if (refusal == null || exhausted || quiescent || (slots > 0 && !dead) || active > 0) {
        return null;
      }
      Throwable thrown = refusal;
      refusal = null;
      return thrown;
    } finally {
      lock.unlock();
    }
  }

  /** What to do when the executor does not take a worker. */
  @FunctionalInterface
  interface FailureHandler {
    void spawnFailed(Throwable thrown, boolean noWorkerLeft);
  }

  /**
   * A worker arrives. A task enters with the slot reserved for it; a helper takes a free slot, or
   * the slot of a task the executor has not started yet (that task then leaves at once when it
   * starts), so the items in flight never exceed the parallelism and a helper is never kept out by
   * tasks stuck in a busy executor's queue. Returns false when the worker must leave at once: the
   * run is over or stopped, its task was taken back, or (helpers) every slot is held by a worker
   * that is already running.
   */
  boolean enter(Worker worker) {
    Runnable displaced = null;
    lock.lock();
    try {
      if (worker.task != null) {
        if (!pending.contains(worker.task)) {
          return false; // withdrawn, or its slot went to a helper
        }
        // A task run inline by the thread of one of this run's workers (a direct executor) would
        // hold that worker's claimed chunk hostage: the worker goes on alone instead.
        if (quiescent || lifecycle.stopped() || Worker.workingFor(this)) {
          lock.unlock();
          try {
            leaveUnstarted(worker);
          } finally {
            lock.lock();
          }
          return false;
        }
        pending.remove(worker.task); // the slot reserved for the task is the worker's now
      } else {
        if (quiescent || lifecycle.stopped() || Worker.workingFor(this)) {
          return false;
        }
        if (slots < parallelism) {
          slots++;
        } else if (!pending.isEmpty()) {
          displaced = pending.iterator().next();
          pending.remove(displaced); // its slot is the helper's now
        } else {
          return false;
        }
      }
      worker.set = this;
      worker.holdsSlot = true;
      running.add(worker);
      active++;
    } finally {
      lock.unlock();
    }
    if (displaced != null) {
      executor.withdraw(displaced);
    }
    return true;
  }

  /**
   * A task that started too late leaves: its thread counts as idle first, then the finishing thread
   * that may wait for it ({@link #withdrawUnstarted()}) hears of it.
   */
  private void leaveUnstarted(Worker worker) {
    executor.taskEnding(worker.task);
    lock.lock();
    try {
      release(worker.task);
      unstartedGone.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * A task that never entered the run (a context wrapper did not run it) gives up the slot it was
   * handed if it still held it. Returns whether it did.
   */
  boolean abandon(Runnable task) {
    executor.taskEnding(task);
    lock.lock();
    try {
      boolean held = release(task);
      unstartedGone.signalAll();
      return held;
    } finally {
      lock.unlock();
    }
  }

  /**
   * A worker leaves. Returns true when this made the run quiescent: the caller then ends the run.
   * Clears an interrupt that the run sent to this thread, so it does not leak into the thread's
   * next task.
   *
   * <p>{@code exhausted} is read here, under the lock, not by the caller beforehand: a worker that
   * leaves for a full look-ahead, while another finds the end of the input and leaves too, would
   * otherwise each see the other still inside, or the input not yet exhausted, and neither would
   * end the run.
   */
  boolean exit(Worker worker, BooleanSupplier exhausted) {
    lock.lock();
    try {
      running.remove(worker);
      active--;
      release(worker);
      if (worker.interruptedByRun) {
        Thread.interrupted();
      }
      return becameQuiescent(exhausted);
    } finally {
      lock.unlock();
    }
  }

  /** Under lock. {@code exhausted} is read now: it only ever turns true. */
  private boolean becameQuiescent(BooleanSupplier exhausted) {
    if (quiescent) {
      return false;
    }
    boolean stopped = lifecycle.stopped();
    if ((active == 0 && (stopped || exhausted.getAsBoolean())) || (stopped && active == reading)) {
      quiescent = true;
      return true;
    }
    return false;
  }

  /**
   * The run was stopped: interrupts every worker running an item (other than the calling thread).
   * Returns true when this made the run quiescent.
   */
  boolean interruptAll(BooleanSupplier exhausted) {
    Thread self = Thread.currentThread();
    lock.lock();
    try {
      for (Worker w : running) {
        if (w.thread != self) {
          w.interruptedByRun = true;
          w.thread.interrupt();
        }
      }
      return becameQuiescent(exhausted);
    } finally {
      lock.unlock();
    }
  }

  /** Makes a run that no worker entered quiescent (an empty input); true if this did it. */
  boolean quiesceIfIdle(BooleanSupplier exhausted) {
    lock.lock();
    try {
      return becameQuiescent(exhausted);
    } finally {
      lock.unlock();
    }
  }

  /** The worker calls into the input, which may block. */
  void beginRead() {
    lock.lock();
    try {
      reading++;
    } finally {
      lock.unlock();
    }
  }

  /** The worker's call into the input returned. */
  void endRead() {
    lock.lock();
    try {
      reading--;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Once quiescent: takes back the tasks that never started from executors that allow it, so they
   * hold no place in their queues. On the shared pool, waits (briefly: they run none of the
   * caller's code) for those a thread took already to leave, so that the next run finds their
   * threads idle instead of starting new ones. Called without locks held.
   */
  void withdrawUnstarted() {
    List<Runnable> unstarted;
    lock.lock();
    try {
      if (pending.isEmpty()) {
        return;
      }
      unstarted = new ArrayList<>(pending);
    } finally {
      lock.unlock();
    }
    for (Runnable task : unstarted) {
      if (executor.withdraw(task)) {
        lock.lock();
        try {
          release(task);
        } finally {
          lock.unlock();
        }
      }
    }
    if (executor.isSharedPool()) {
      long nanos = UNSTARTED_WAIT_NANOS;
      lock.lock();
      try {
        while (!pending.isEmpty() && nanos > 0) {
          nanos = unstartedGone.awaitNanos(nanos);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Runs a task of the run's own (not a worker) on the shared pool, if the run uses it. */
  boolean executeOnSharedPool(Runnable task) {
    return executor.executeOnSharedPool(task);
  }

  /**
   * The worker's task is about to return: a shared pool may count its thread as idle from now on
   * (see {@link ElasticPool}). Only called when the thread runs nothing of the caller's afterwards.
   */
  void taskEnding(Worker worker) {
    executor.taskEnding(worker.task);
  }
}
