package dev.parallelfor.runtime.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A run's life: running, stopped (no item starts any more), quiescent (every worker has left) and
 * finished (input closed, listener told, outcome published). Owns the run's failure and its
 * deadline, and lets threads wait for the last two states. The deadline leaves the shared queue
 * before anyone can see the run quiescent. The run's own signals (its deadline passed, its caller
 * was interrupted) are told from failures by identity, never by the class of their cause.
 *
 * <p>{@link #stopped}, {@link #quiescent} and {@link #finished} are volatile so workers read them
 * without a lock; they only ever go from false to true, each under {@link #lock}, which also guards
 * the failures and the deadline. No user code runs under the lock.
 */
final class Lifecycle {
  /** At most this many later failures are attached to the main one. */
  private static final int MAX_LATER_FAILURES = 64;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  private volatile boolean stopped;
  private volatile boolean quiescent;
  private volatile boolean finished;

  /**
   * Guarded by lock: the outcome is settled (the failure and what is attached to it are final),
   * though waiters are not woken yet; set just before {@link #finished}, so that what is logged
   * about a run happens-before its caller returns.
   */
  private boolean settled;

  // Guarded by lock.
  private Throwable failure;
  private List<Throwable> later;
  private ScheduledFuture<?> deadline;
  private boolean deadlineDisarmed;
  private List<Throwable> unseen;

  /**
   * Guarded by lock: the failure the run made about itself when it stopped it (its deadline, its
   * caller's interrupt), or null. Only that very object is a timeout or an interrupt of the run:
   * another failure at index -1 whose cause is a {@code TimeoutException} (a worker's close, a
   * context wrapper) is a failure like any other.
   */
  private Throwable signal;

  boolean stopped() {
    return stopped;
  }

  boolean finished() {
    return finished;
  }

  /**
   * Stops the run with a cause (null for a plain cancel).
   *
   * @param keepIfLate whether the cause is kept as suppressed when the run has already stopped with
   *     another failure (true for real failures, false for the run's own signals: deadline,
   *     interrupt, cancel)
   * @return true if this call stopped the run
   */
  boolean stop(Throwable cause, boolean keepIfLate) {
    lock.lock();
    try {
      if (settled) {
        return false; // the outcome is final: a late problem is the caller's to log
      }
      if (!stopped) {
        stopped = true;
        failure = cause;
        return true;
      }
      if (finished || cause == null || cause == failure) {
        return false;
      }
      if (cause instanceof VirtualMachineError && !(failure instanceof VirtualMachineError)) {
        // It propagates unwrapped whatever happened first; what did is kept on it.
        Throwable first = failure;
        failure = cause;
        if (first != null) {
          keepLater(first);
        }
      } else if (keepIfLate && failure != null) {
        keepLater(cause);
      }
      return false;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Keeps a problem found after the run was cancelled without a failure (a worker's close that
   * threw) for {@link #settle}, which attaches it to a failure found meanwhile, or has it logged.
   * Returns false when the outcome is settled already: the caller logs it.
   */
  boolean keepForLog(Throwable problem) {
    lock.lock();
    try {
      if (settled) {
        return false;
      }
      if (failure == null) { // else stop() attached it to the failure already
        if (unseen == null) {
          unseen = new ArrayList<>();
        }
        unseen.add(problem);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops the run with one of its own signals: its deadline passed or its caller was interrupted.
   * Unlike a failure, a late signal is not kept. Returns true if this call stopped the run.
   */
  boolean stopBySignal(Throwable ownSignal) {
    lock.lock();
    try {
      boolean first = stop(ownSignal, false);
      if (first) {
        signal = ownSignal;
      }
      return first;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether the run's failure is one of its own signals ({@link #stopBySignal}), rather than
   * something that failed: then it timed out or was cancelled, told from the signal's cause.
   */
  boolean stoppedBySignal() {
    lock.lock();
    try {
      return failure != null && failure == signal;
    } finally {
      lock.unlock();
    }
  }

  private void keepLater(Throwable cause) {
    if (later == null) {
      later = new ArrayList<>();
    }
    if (later.size() < MAX_LATER_FAILURES) {
      later.add(cause);
    }
  }

  /**
   * Arms the deadline: {@code onTimeout} runs on the shared deadline thread when it passes, so it
   * must run no user code (it only stops the run). A timeout too long to count in nanoseconds
   * (about 292 years) is no deadline.
   */
  void armDeadline(Duration timeout, Runnable onTimeout) {
    long nanos;
    try {
      nanos = timeout.toNanos();
    } catch (ArithmeticException tooLong) {
      return;
    }
    ScheduledFuture<?> timer;
    try {
      timer = SharedPools.deadlines().schedule(onTimeout, nanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException released) {
      // SharedExecutors.release() ran meanwhile: the next call creates a new scheduler.
      timer = SharedPools.deadlines().schedule(onTimeout, nanos, TimeUnit.NANOSECONDS);
    }
    lock.lock();
    try {
      if (!deadlineDisarmed) {
        deadline = timer;
        return;
      }
    } finally {
      lock.unlock();
    }
    timer.cancel(false);
  }

  /**
   * Every worker has left: takes the deadline out of the shared queue, then wakes the thread that
   * waits to finish the run. The deadline goes first, and synchronously, so that once anyone can
   * see the run end (its caller returns, its future completes, its stream ends) the run holds no
   * place in the deadline queue.
   */
  void markQuiescent() {
    ScheduledFuture<?> timer;
    lock.lock();
    try {
      deadlineDisarmed = true;
      timer = deadline;
      deadline = null;
    } finally {
      lock.unlock();
    }
    if (timer != null) {
      timer.cancel(false); // removed from the queue now: the scheduler removes on cancel
    }
    lock.lock();
    try {
      quiescent = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Settles the outcome: attaches later failures to the main one; from now on the failure does not
   * change. {@link #markFinished()} then wakes every waiter.
   *
   * @param problems what went wrong while finishing (closing the input, the listener): attached to
   *     the failure, or returned for logging when the run succeeded
   * @return the problems nobody will see unless they are logged
   */
  List<Throwable> settle(List<Throwable> problems) {
    List<Throwable> unseenNow = new ArrayList<>();
    lock.lock();
    try {
      List<Throwable> all = problems;
      if (unseen != null) {
        all = new ArrayList<>(unseen);
        all.addAll(problems);
        unseen = null;
      }
      for (Throwable problem : all) {
        if (problem instanceof VirtualMachineError && !(failure instanceof VirtualMachineError)) {
          if (failure != null) {
            keepLater(failure);
          }
          failure = problem;
        } else if (failure != null) {
          keepLater(problem);
        } else {
          unseenNow.add(problem);
        }
      }
      if (failure != null && !unseenNow.isEmpty()) { // a VirtualMachineError came after them
        unseenNow.forEach(this::keepLater);
        unseenNow.clear();
      }
      if (failure != null && later != null) {
        for (Throwable t : later) {
          if (t != failure) {
            failure.addSuppressed(t);
          }
        }
        later = null;
      }
      settled = true;
    } finally {
      lock.unlock();
    }
    return unseenNow;
  }

  /** Publishes the settled outcome: the run has finished; wakes every waiter. */
  void markFinished() {
    lock.lock();
    try {
      settled = true;
      finished = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The run's failure; final once {@link #finished()}. */
  Throwable failure() {
    lock.lock();
    try {
      return failure;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until every worker has left ({@code finishedToo} false) or the run has finished, or until
   * the waiting thread is interrupted. Returns true once the state is reached, false when the wait
   * was interrupted first (the interrupt flag is then clear): the caller answers the interrupt and
   * waits again, so that every further interrupt is answered too.
   */
  boolean await(boolean finishedToo) {
    // A thread of a fork-join pool (a parallel stream's) waits through the pool's managed blocking,
    // so that the pool can compensate for it. Any other thread parks without it: Condition.await()
    // would set up ForkJoinPool and its common pool, a millisecond or two of a program's first run.
    boolean managed = Thread.currentThread() instanceof ForkJoinWorkerThread;
    lock.lock();
    try {
      while (!(finishedToo ? finished : quiescent)) {
        if (managed) {
          changed.await();
        } else {
          changed.awaitNanos(Long.MAX_VALUE);
        }
      }
      return true;
    } catch (InterruptedException e) {
      return false;
    } finally {
      lock.unlock();
    }
  }
}
