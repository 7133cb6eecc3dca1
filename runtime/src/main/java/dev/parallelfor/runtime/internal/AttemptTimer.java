package dev.parallelfor.runtime.internal;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The item timeout of one attempt: armed on the shared deadline scheduler when the attempt starts,
 * it interrupts the attempt's thread if the attempt is still running when the time is up. It marks
 * the worker first ({@link Worker#interruptedByTimer}), so that a nested run the attempt is helping
 * takes the interrupt for its own cancellation, as it takes an interrupt of the enclosing run.
 *
 * <p>{@link #state} is guarded by this object's monitor, which the scheduler's thread holds while
 * it interrupts and the worker holds while it ends the attempt: so either the attempt ended first
 * and the thread is never interrupted, or the interrupt has been delivered by the time {@link
 * #end()} returns true, and the worker can clear it before running anything else. No user code runs
 * under the monitor.
 */
final class AttemptTimer implements Runnable {
  private static final int RUNNING = 0;
  private static final int ENDED = 1;
  private static final int TIMED_OUT = 2;

  private final Worker worker;
  private final ScheduledFuture<?> future;

  // Guarded by this.
  private int state = RUNNING;

  private AttemptTimer(Worker worker, long nanos) {
    this.worker = worker;
    ScheduledFuture<?> scheduled;
    try {
      scheduled = SharedPools.deadlines().schedule(this, nanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException released) {
      // SharedExecutors.release() ran meanwhile: the next call creates a new scheduler.
      scheduled = SharedPools.deadlines().schedule(this, nanos, TimeUnit.NANOSECONDS);
    }
    this.future = scheduled;
  }

  /** Arms the timeout of an attempt that the worker, on its own thread, is about to run. */
  static AttemptTimer start(Worker worker, long nanos) {
    return new AttemptTimer(worker, nanos);
  }

  /** The time is up: interrupts the attempt if it still runs. */
  @Override
  public synchronized void run() {
    if (state == RUNNING) {
      state = TIMED_OUT;
      worker.interruptedByTimer = true;
      worker.thread.interrupt();
    }
  }

  /**
   * The attempt returned or threw. Returns true if it timed out: its thread has then been
   * interrupted, and the caller clears the flag (the worker's mark is cleared here).
   */
  boolean end() {
    boolean timedOut;
    synchronized (this) {
      timedOut = state == TIMED_OUT;
      state = ENDED;
    }
    if (timedOut) {
      worker.interruptedByTimer = false;
    } else {
      future.cancel(false); // a finished attempt holds no place in the scheduler's queue
    }
    return timedOut;
  }
}
