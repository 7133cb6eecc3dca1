package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.IndexedItemFunction;
import dev.parallelfor.runtime.RetryPolicy;
import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;

/**
 * Calls one item with a run's per-item options: waits for its turn under the rate limit, bounds
 * each attempt by the item timeout, and tries it again after a backoff as the retry policy says.
 * One per run, shared by its workers; {@link ItemLoop} calls items directly when the run has none
 * of these options, so they cost nothing unless used.
 *
 * <p>A waiting worker keeps its slot, its thread and its state: it never lends its slot to another
 * worker and never waits for one to come back (on a caller's fixed pool the size of the
 * parallelism, the worker that would give it back could only be a task queued behind the waiter).
 * In CPU mode at a parallelism above 1, where a slot stands for a core, an item that must back off
 * is handed back to the item loop instead ({@link #DEFERRED}): the worker runs the other items of
 * its chunk meanwhile, then the deferred ones when their moment comes ({@link #resume}), and only
 * then reports the chunk. Elsewhere (IO mode, and at a parallelism of 1, which keeps the order of
 * the {@code for} loop it replaces) the worker waits for the backoff before its next item.
 *
 * <p>Waits (for a rate-limited start, for a backoff) park the worker's thread until their moment
 * and end at once when the run stops: the lifecycle's stopped flag is set before the run interrupts
 * its workers, and every wait reads the flag before it parks and after every wake-up. A wait that
 * ends because the run stopped makes a call return {@link #STOPPED}, which the item loop treats as
 * the run's own cancellation (not a result, not a failure). Any other interrupt of the waiting
 * thread (the caller of a nested run this thread helps, an executor shutting down) is thrown as an
 * {@link InterruptedException}, as a blocking item would throw it.
 *
 * <p>Whether a failure answers a cancellation, and is then never worth another attempt, depends on
 * who interrupted the thread, not on the failure's type: an {@code InterruptedIOException} such as
 * a {@code SocketTimeoutException} is retried like any other listed type, unless the run stopped,
 * an enclosing run (or its item timer) is cancelling the nested run this thread helps, or an
 * interrupt is still pending on the thread.
 *
 * <p>An item keeps the failures of its first and last few attempts only ({@link EarlierFailures});
 * when it gives up after more than one attempt it throws {@link GaveUp}, which tells the item loop
 * how many attempts were made for the item's message.
 */
final class Attempts {
  /** What a call returns when the run stopped while the item waited. */
  static final Object STOPPED = new Object();

  /** What a call returns when the item was put in the chunk's queue to back off there. */
  static final Object DEFERRED = new Object();

  /** About 73 years: moments this far apart still compare right by their difference. */
  private static final long LONGEST_WAIT_NANOS = Long.MAX_VALUE / 4;

  private final Lifecycle lifecycle;
  private final boolean deferBackoffs;
  private final Duration itemTimeout;
  private final long itemTimeoutNanos;
  private final RetryPolicy retry;
  private final RateLimiter rate;

  private Attempts(Lifecycle lifecycle, Resilience options, boolean deferBackoffs) {
    this.lifecycle = lifecycle;
    this.deferBackoffs = deferBackoffs && options.retry() != null;
    this.itemTimeout = options.itemTimeout();
    this.itemTimeoutNanos = itemTimeout == null ? 0 : saturatedNanos(itemTimeout);
    this.retry = options.retry();
    this.rate = options.ratePerSecond() > 0 ? new RateLimiter(options.ratePerSecond()) : null;
  }

  /**
   * The attempts of a run, or null when it has no per-item option.
   *
   * @param deferBackoffs whether an item that must back off is deferred to the end of its chunk
   *     rather than waited for in place (CPU mode at a parallelism above 1)
   */
  static Attempts of(Lifecycle lifecycle, Resilience options, boolean deferBackoffs) {
    return options.none() ? null : new Attempts(lifecycle, options, deferBackoffs);
  }

  /** An item whose next attempt waits for its backoff, with what its attempts came to so far. */
  static final class Tries {
    /** Earliest moment first; {@code System.nanoTime()} values are compared by difference. */
    static final Comparator<Tries> BY_MOMENT = (a, b) -> Long.signum(a.due - b.due);

    final long index;
    final Object item;

    /** The item's place in its chunk. */
    final int position;

    int made;
    long due;
    private final EarlierFailures earlier = new EarlierFailures();

    private Tries(long index, Object item, int position) {
      this.index = index;
      this.item = item;
      this.position = position;
    }

    /**
     * The item gives up with {@code last}, after {@code attempts} attempts: the kept earlier
     * failures are attached to it.
     */
    private GaveUp gaveUp(Throwable last, int attempts) {
      earlier.attachTo(last);
      return new GaveUp(last, attempts, earlier.dropped());
    }
  }

  /**
   * Thrown when an item gives up after more than one attempt: carries the last attempt's failure
   * (with the kept earlier ones attached) and the count for the item's message. Never escapes the
   * item loop, so it has no stack trace of its own.
   */
  static final class GaveUp extends Exception {
    private static final long serialVersionUID = 1L;

    /** The last attempt's failure, or the interrupt of a wait before the next one. */
    final transient Throwable last;

    final int attempts;
    final long dropped;

    private GaveUp(Throwable last, int attempts, long dropped) {
      super(null, null, false, false);
      this.last = last;
      this.attempts = attempts;
      this.dropped = dropped;
    }
  }

  /** The queue of a chunk's deferred items, earliest first; null when backoffs are waited. */
  Queue<Tries> deferredQueue() {
    return deferBackoffs ? new PriorityQueue<>(Tries.BY_MOMENT) : null;
  }

  /**
   * Runs the item until an attempt succeeds, the policy gives up or the run stops. Returns the
   * value, {@link #STOPPED}, or {@link #DEFERRED} once it put the item in {@code later} to back off
   * (only when {@code later} is not null). Throws the failure of a single attempt as it is, or a
   * {@link GaveUp} after more than one.
   */
  Object call(
      IndexedItemFunction<Object, Object> fn,
      long index,
      Object item,
      int position,
      Worker worker,
      Queue<Tries> later)
      throws Throwable {
    return attempt(fn, index, item, position, null, worker, later);
  }

  /** Goes on with a deferred item: waits for its moment, then as {@link #call}. */
  Object resume(
      IndexedItemFunction<Object, Object> fn, Tries tries, Worker worker, Queue<Tries> later)
      throws Throwable {
    try {
      if (!waitUntil(tries.due)) {
        return STOPPED;
      }
    } catch (InterruptedException e) {
      throw tries.gaveUp(e, tries.made);
    }
    return attempt(fn, tries.index, tries.item, tries.position, tries, worker, later);
  }

  private Object attempt(
      IndexedItemFunction<Object, Object> fn,
      long index,
      Object item,
      int position,
      Tries tries,
      Worker worker,
      Queue<Tries> later)
      throws Throwable {
    while (true) {
      try {
        if (rate != null && !paced(worker)) {
          return STOPPED;
        }
      } catch (InterruptedException e) {
        throw tries == null ? e : tries.gaveUp(e, tries.made);
      }
      int attempt = tries == null ? 1 : tries.made + 1;
      Object value = null;
      Throwable failure = null;
      AttemptTimer timer =
          itemTimeoutNanos > 0 ? AttemptTimer.start(worker, itemTimeoutNanos) : null;
      try {
        value = fn.apply(index, item);
      } catch (Throwable thrown) {
        failure = thrown;
      }
      boolean timedOut = timer != null && timer.end();
      if (timedOut) {
        if (!lifecycle.stopped()) {
          Thread.interrupted(); // the timer's interrupt, not the run's: the thread goes on
        }
        failure = timedOut(failure);
      }
      if (failure == null) {
        return value;
      }
      if (!worthAnother(failure, attempt, worker)) {
        if (retryCutShortByEnclosingRun(failure, attempt, worker)) {
          // The policy would try again, but the run this one is nested in is cancelling it: that
          // is this run's cancellation (the item loop tells it by the enclosing run's interrupt),
          // not the item's failure after fewer attempts than allowed.
          InterruptedException cancelled =
              new InterruptedException("a run this one is nested in was stopped");
          cancelled.addSuppressed(failure);
          throw cancelled;
        }
        throw tries == null ? failure : tries.gaveUp(failure, attempt);
      }
      if (tries == null) {
        tries = new Tries(index, item, position);
      }
      tries.made = attempt;
      tries.earlier.add(failure);
      long wait = Math.min(backoffNanos(attempt), LONGEST_WAIT_NANOS);
      tries.due = System.nanoTime() + wait;
      if (later != null && wait > 0) {
        later.add(tries);
        return DEFERRED;
      }
      try {
        if (!waitUntil(tries.due)) {
          return STOPPED;
        }
      } catch (InterruptedException e) {
        throw tries.gaveUp(e, attempt);
      }
    }
  }

  private TimeoutException timedOut(Throwable thrown) {
    TimeoutException timeout =
        new TimeoutException(
            "the item did not finish within its item timeout of " + Durations.toText(itemTimeout));
    if (thrown != null) {
      timeout.initCause(thrown); // where the item was when it was interrupted
    }
    return timeout;
  }

  /**
   * Whether the policy tries the item again. Never when the failure answers a cancellation, told by
   * who interrupted the thread rather than by the failure's type: the run (it stopped), an
   * enclosing run or its item timer (a nested run on this thread is being cancelled), or someone
   * else whose interrupt is still pending (the wait before the next attempt would end at once).
   */
  private boolean worthAnother(Throwable failure, int attempt, Worker worker) {
    if (retry == null || attempt >= retry.attempts() || failure instanceof VirtualMachineError) {
      return false;
    }
    if (lifecycle.stopped()
        || Thread.currentThread().isInterrupted()
        || worker.enclosingRunInterrupted()) {
      return false;
    }
    return retry.retries(failure);
  }

  /**
   * Whether only the cancellation of an enclosing run on this thread keeps the item from a retry.
   */
  private boolean retryCutShortByEnclosingRun(Throwable failure, int attempt, Worker worker) {
    return retry != null
        && attempt < retry.attempts()
        && !(failure instanceof VirtualMachineError)
        && !lifecycle.stopped()
        && worker.enclosingRunInterrupted()
        && retry.retries(failure);
  }

  /**
   * The wait after a failed attempt: the policy's delay, drawn between half of it and all of it.
   */
  private long backoffNanos(int attempt) {
    return jittered(saturatedNanos(retry.delayAfter(attempt)), ThreadLocalRandom.current());
  }

  /**
   * A wait drawn evenly between half of {@code nominal} and all of it, so that items that failed
   * together do not all try again at the same moment.
   */
  static long jittered(long nominal, RandomGenerator random) {
    long half = nominal / 2;
    return nominal - (half == 0 ? 0 : random.nextLong(half + 1));
  }

  /**
   * Waits for the rate limit's next start. Meanwhile the worker does not count as blocked: more
   * threads would only wait for their moment too ({@link BlockingGrowth}).
   */
  private boolean paced(Worker worker) throws InterruptedException {
    worker.pacing = true;
    try {
      return waitUntil(rate.reserve());
    } finally {
      worker.pacing = false;
    }
  }

  /**
   * Parks the current thread until {@code moment} ({@code System.nanoTime()}); returns false at
   * once if the run stops meanwhile (leaving the run's interrupt set for the worker to clear as it
   * leaves).
   */
  private boolean waitUntil(long moment) throws InterruptedException {
    while (true) {
      if (lifecycle.stopped()) {
        return false;
      }
      long remaining = moment - System.nanoTime();
      if (remaining <= 0) {
        return true;
      }
      LockSupport.parkNanos(this, remaining);
      if (Thread.interrupted()) {
        if (lifecycle.stopped()) {
          Thread.currentThread().interrupt();
          return false;
        }
        throw new InterruptedException("interrupted while waiting to start an item");
      }
    }
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }
}
