package dev.parallelfor.runtime.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A run's workers: slots against the parallelism, the tasks handed to the executor, the workers
 * inside the run, and the moment the last one leaves. The only code that talks to the executor.
 *
 * <p>Counts, guarded by {@link #lock}: {@code slots} is the number of workers that count against
 * the parallelism (tasks handed to the executor and not yet gone, helpers excluded); {@code active}
 * the number of workers inside the run (helpers included), never above the parallelism; {@code
 * reading} the number of those inside a call to the input. The run is quiescent when no worker is
 * inside it and it will need none: its input is exhausted or it was stopped; once stopped, workers
 * stuck in a call to the input do not count, so an input that ignores interrupts cannot keep the
 * run alive. Nothing here calls user code under the lock; the executor is called outside it.
 */
final class WorkerSet {
  private final Executor executor;
  private final int parallelism;
  private final Lifecycle lifecycle;
  private final ReentrantLock lock = new ReentrantLock();

  // Guarded by lock.
  private final Set<Worker> running = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Runnable> pending = Collections.newSetFromMap(new IdentityHashMap<>());
  private int slots;
  private int active;
  private int reading;
  private boolean quiescent;

  WorkerSet(Executor executor, int parallelism, Lifecycle lifecycle) {
    this.executor = executor;
    this.parallelism = parallelism;
    this.lifecycle = lifecycle;
  }

  int parallelism() {
    return parallelism;
  }

  /**
   * Takes a slot for one more worker if it would find work: the run goes on, items are left (or may
   * be: {@code remaining} is -1 when unknown), and fewer workers than the parallelism, or than the
   * input's size, hold slots.
   */
  boolean reserveSlot(long size, long remaining, boolean exhausted) {
    lock.lock();
    try {
      if (quiescent || exhausted || lifecycle.stopped()) {
        return false;
      }
      long cap = size >= 0 ? Math.min(parallelism, size) : parallelism;
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

  /** A worker that left for lack of room (a full look-ahead) takes its slot back, if free. */
  boolean retakeSlot(Worker worker) {
    lock.lock();
    try {
      if (quiescent || lifecycle.stopped() || slots >= parallelism) {
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
      if (worker.holdsSlot) {
        worker.holdsSlot = false;
        slots--;
      }
    } finally {
      lock.unlock();
    }
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
      lock.lock();
      try {
        // A task the executor ran inline (a direct executor) before throwing is gone already.
        if (pending.remove(task)) {
          slots--;
        }
        none = slots == 0 && active == 0;
      } finally {
        lock.unlock();
      }
      onFailure.failed(thrown, none);
    }
  }

  /** What to do when the executor does not take a worker. */
  @FunctionalInterface
  interface FailureHandler {
    void failed(Throwable thrown, boolean noWorkerLeft);
  }

  /**
   * A worker arrives. Returns false when it must leave at once: the run is over or stopped, or the
   * parallelism is reached (a helper took the place of a task that started late).
   */
  boolean enter(Worker worker) {
    lock.lock();
    try {
      boolean mine = worker.task != null && pending.remove(worker.task);
      if (worker.task != null && !mine) {
        return false; // withdrawn, or already accounted for
      }
      if (quiescent || lifecycle.stopped() || active >= parallelism) {
        if (mine) {
          slots--;
        }
        return false;
      }
      worker.holdsSlot = mine;
      running.add(worker);
      active++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * A worker leaves. Returns true when this made the run quiescent: the caller then ends the run.
   * Clears an interrupt that the run sent to this thread, so it does not leak into the thread's
   * next task.
   */
  boolean exit(Worker worker, boolean exhausted) {
    lock.lock();
    try {
      running.remove(worker);
      active--;
      if (worker.holdsSlot) {
        worker.holdsSlot = false;
        slots--;
      }
      if (worker.interruptedByRun) {
        Thread.interrupted();
      }
      return becameQuiescent(exhausted);
    } finally {
      lock.unlock();
    }
  }

  /** Under lock. */
  private boolean becameQuiescent(boolean exhausted) {
    if (quiescent) {
      return false;
    }
    boolean stopped = lifecycle.stopped();
    if ((active == 0 && (exhausted || stopped)) || (stopped && active == reading)) {
      quiescent = true;
      return true;
    }
    return false;
  }

  /**
   * The run was stopped: interrupts every worker running an item (other than the calling thread).
   * Returns true when this made the run quiescent.
   */
  boolean interruptAll(boolean exhausted) {
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
  boolean quiesceIfIdle(boolean exhausted) {
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
   * hold no place in their queues. Called without locks held.
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
    Consumer<Runnable> withdraw = null;
    if (executor instanceof ElasticPool pool) {
      withdraw = pool::withdraw;
    } else if (executor instanceof ThreadPoolExecutor pool) {
      withdraw = pool::remove;
    }
    if (withdraw != null) {
      for (Runnable task : unstarted) {
        try {
          withdraw.accept(task);
        } catch (RuntimeException ignored) {
          // The task then runs later and leaves at once.
        }
      }
    }
  }

  /**
   * The worker's task is about to return: a shared pool may count its thread as idle from now on
   * (see {@link ElasticPool}). Only called when the thread runs nothing of the caller's afterwards.
   */
  void taskEnding(Worker worker) {
    if (worker.task != null && executor instanceof ElasticPool pool) {
      pool.taskEnding(worker.task);
    }
  }
}
