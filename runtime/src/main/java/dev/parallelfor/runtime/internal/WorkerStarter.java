package dev.parallelfor.runtime.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * Starts a run's workers: the only code that makes a {@link Worker} and enters it into the run. A
 * worker is one of three kinds, and each starts the same way ({@link #enter}, then the {@link
 * WorkerLoop}):
 *
 * <ul>
 *   <li>a task handed to the executor for a slot reserved first ({@link #addIfUseful});
 *   <li>the calling thread of a run started from inside another run's item, which takes its slot
 *       before any task is handed out ({@link #startFirst});
 *   <li>a thread that waits for the run (joins its future, reads its stream) while it is itself a
 *       worker of another run, and helps rather than block ({@link #help}).
 * </ul>
 *
 * <p>When the run propagates a context, tasks and helpers run inside the wrapper captured from the
 * run's caller ({@link InContext}); the caller of a nested run, which made the capture, works as it
 * is. Holds no state of its own beyond what it was made with.
 */
final class WorkerStarter {
  private final WorkerSet workers;
  private final WorkerLoop loop;
  private final ChunkDispenser dispenser;
  private final Lifecycle lifecycle;
  private final RunControl control;

  /**
   * Wraps each worker task in the context captured from the thread that made the run, or null.
   * Captured once, by the run, because workers are also started later from other workers' threads.
   */
  private final UnaryOperator<Runnable> context;

  /**
   * True when this synchronous nested run is too deep to add threads to the shared pool: its
   * calling thread, which helps, is its only worker.
   */
  private final boolean callerRunsAlone;

  WorkerStarter(
      WorkerSet workers,
      WorkerLoop loop,
      ChunkDispenser dispenser,
      Lifecycle lifecycle,
      RunControl control,
      UnaryOperator<Runnable> context,
      boolean callerRunsAlone) {
    this.workers = workers;
    this.loop = loop;
    this.dispenser = dispenser;
    this.lifecycle = lifecycle;
    this.control = control;
    this.context = context;
    this.callerRunsAlone = callerRunsAlone;
  }

  /**
   * The one way a worker enters the run: a task's with the slot reserved for it, a helper's ({@code
   * task} null) with a slot it finds. Null when it must not: it then holds nothing.
   */
  private Worker enter(Runnable task) {
    Worker worker = new Worker(task);
    return workers.enter(worker) ? worker : null;
  }

  /**
   * Hands out the run's first workers: as many as the parallelism (no more than the input has
   * items; one for an input of unknown size, which others join as it claims chunks). When {@code
   * callerHelps} (the calling thread is itself a worker of another run), the calling thread counts
   * as one of them and works on the items too, until none is left for it.
   */
  void startFirst(boolean callerHelps) {
    Worker caller = callerHelps ? enter(null) : null;
    long size = dispenser.size();
    int wanted = size >= 0 ? (int) Math.min(workers.parallelism(), size) : 1;
    // A helper holds a slot too: reserveSlot never lets the total pass the parallelism.
    for (int i = caller != null ? 1 : 0; i < wanted && !lifecycle.stopped(); i++) {
      if (!addIfUseful()) {
        break;
      }
    }
    if (caller != null) {
      loop.run(caller);
    }
  }

  /** Starts one more worker if it would find work and the parallelism has room; true if so. */
  boolean addIfUseful() {
    return addIfUseful(control);
  }

  /** {@link #addIfUseful()}, telling {@code onFailure} if the executor refuses the worker. */
  boolean addIfUseful(WorkerSet.FailureHandler onFailure) {
    if (callerRunsAlone
        || !workers.reserveSlot(dispenser.size(), dispenser.remaining(), dispenser)) {
      return false;
    }
    workers.spawn(context == null ? new Task() : new InContext(false), onFailure);
    return true;
  }

  /**
   * Lets the current thread, a worker of another run that waits for this one, work on this run's
   * items until none is left for it, inside this run's context wrapper: the thread has the context
   * of the run it works for, not this one's. Returns whether it ran any item.
   */
  boolean help() {
    if (lifecycle.stopped()) {
      return false;
    }
    if (context != null) {
      return new InContext(true).help();
    }
    Worker helper = enter(null);
    return helper != null && loop.run(helper) > 0;
  }

  /** A worker task without a context to run in. */
  private final class Task implements Runnable {
    @Override
    public void run() {
      Worker worker = enter(this);
      if (worker != null) {
        loop.run(worker);
      }
    }
  }

  /**
   * A worker run inside the caller's context: a worker task, or a thread that helps this run while
   * it waits for it ({@link #help()}). The wrapper is the caller's code: whatever it throws fails
   * the run, and a wrapper that never runs the task cannot leave the run waiting for a worker that
   * never comes.
   *
   * <p>The worker leaves the run only once the wrapper has returned: what the wrapper throws after
   * its task is recorded while the worker still counts as inside, so before the run can be
   * quiescent and its outcome settled. (A wrapper that runs the task on another thread, which the
   * contract forbids, gets a worker that leaves on that thread as soon as its task is done.)
   */
  private final class InContext implements Runnable {
    private final boolean helps;

    /** Set by the first run of the task, or once the wrapper returned without running it. */
    private final AtomicBoolean taken = new AtomicBoolean();

    /** The worker that entered on the wrapper's own thread, to leave once the wrapper returned. */
    private Worker stayed; // confined to that thread

    private volatile int chunks;

    InContext(boolean helps) {
      this.helps = helps;
    }

    @Override
    public void run() {
      Throwable thrown = runWrapped();
      if (taken.compareAndSet(false, true)) { // never ran: a later run of the task enters nothing
        boolean heldSlot = workers.abandon(this);
        if (heldSlot || thrown != null) {
          control.contextFailed(thrown);
        }
        if (workers.quiesceIfIdle(dispenser)) {
          control.onQuiescent(null);
        }
        return;
      }
      afterWrapper(thrown);
    }

    boolean help() {
      Throwable thrown = runWrapped();
      if (taken.compareAndSet(false, true)) {
        // The wrapper returned without running the helper: the run fails, as when it drops a
        // worker task, rather than leave the waiting thread waiting for workers that may be
        // queued behind it.
        control.contextFailed(thrown);
        return false;
      }
      afterWrapper(thrown);
      return chunks > 0;
    }

    private Throwable runWrapped() {
      Thread wrapperThread = Thread.currentThread();
      try {
        context.apply(() -> enterAndWork(wrapperThread)).run();
        return null;
      } catch (Throwable t) {
        return t;
      }
    }

    private void enterAndWork(Thread wrapperThread) {
      if (!taken.compareAndSet(false, true)) {
        return; // a wrapper that runs its task twice: once is all a worker may
      }
      Worker worker = enter(helps ? null : this);
      if (worker == null) {
        return;
      }
      if (Thread.currentThread() == wrapperThread) {
        chunks = loop.work(worker);
        stayed = worker;
      } else {
        chunks = loop.run(worker);
      }
    }

    private void afterWrapper(Throwable thrown) {
      if (thrown != null) {
        control.contextFailed(thrown);
      }
      Worker worker = stayed;
      if (worker != null) {
        stayed = null;
        loop.leave(worker);
      }
    }
  }
}
