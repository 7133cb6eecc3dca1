package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.IndexedItemFunction;
import dev.parallelfor.runtime.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * <p>Waits (for a rate-limited start, for a backoff) park the worker's thread until their moment
 * (in CPU mode a backoff lends the worker's slot meanwhile, see {@link #backOff}) and end at once
 * when the run stops: the lifecycle's stopped flag is set before the run interrupts its workers,
 * and every wait reads the flag before it parks and after every wake-up. A wait that ends because
 * the run stopped makes {@link #call} return {@link #STOPPED}, which the item loop treats as the
 * run's own cancellation (not a result, not a failure). Any other interrupt of the waiting thread
 * (the caller of a nested run this thread helps, an executor shutting down) is thrown as an {@link
 * InterruptedException}, as a blocking item would throw it.
 */
final class Attempts {
  /** What {@link #call} returns when the run stopped while the item waited. */
  static final Object STOPPED = new Object();

  /** A backoff shorter than this is waited with the slot held: lending it would cost more. */
  private static final long LEND_NANOS = 1_000_000;

  private final Run run;
  private final Lifecycle lifecycle;
  private final boolean lendSlots;
  private final Duration itemTimeout;
  private final long itemTimeoutNanos;
  private final RetryPolicy retry;
  private final RateLimiter rate;

  private Attempts(Run run, Resilience options, boolean lendSlots) {
    this.run = run;
    this.lifecycle = run.lifecycle();
    this.lendSlots = lendSlots;
    this.itemTimeout = options.itemTimeout();
    this.itemTimeoutNanos = itemTimeout == null ? 0 : saturatedNanos(itemTimeout);
    this.retry = options.retry();
    this.rate = options.ratePerSecond() > 0 ? new RateLimiter(options.ratePerSecond()) : null;
  }

  /**
   * The attempts of a run, or null when it has no per-item option.
   *
   * @param lendSlots whether a worker lends its slot to another worker while its item backs off
   *     (CPU mode, where a slot stands for a core)
   */
  static Attempts of(Run run, Resilience options, boolean lendSlots) {
    return options.none() ? null : new Attempts(run, options, lendSlots);
  }

  /**
   * Runs the item until an attempt succeeds, the policy gives up or the run stops. Returns the
   * value, or {@link #STOPPED}; throws the last attempt's failure, with the earlier ones attached
   * as suppressed.
   */
  Object call(IndexedItemFunction<Object, Object> fn, long index, Object item, Worker worker)
      throws Throwable {
    List<Throwable> earlier = null;
    for (int attempt = 1; ; attempt++) {
      if (rate != null && !waitUntil(rate.reserve())) {
        return STOPPED;
      }
      Object value = null;
      Throwable failure = null;
      AttemptTimer timer = itemTimeoutNanos > 0 ? AttemptTimer.start(itemTimeoutNanos) : null;
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
      if (!worthAnother(failure, attempt, timedOut)) {
        if (earlier != null) {
          attach(failure, earlier);
        }
        throw failure;
      }
      if (earlier == null) {
        earlier = new ArrayList<>(2);
      }
      earlier.add(failure);
      if (!backOff(backoffNanos(attempt), worker)) {
        return STOPPED;
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

  private boolean worthAnother(Throwable failure, int attempt, boolean timedOut) {
    if (retry == null || attempt >= retry.attempts() || failure instanceof VirtualMachineError) {
      return false;
    }
    if (lifecycle.stopped() || (!timedOut && Failures.causedByInterrupt(failure))) {
      return false; // a cancellation is never worth another attempt
    }
    return retry.retries(failure);
  }

  private static void attach(Throwable last, List<Throwable> earlier) {
    for (Throwable e : earlier) {
      if (e != last) {
        last.addSuppressed(e);
      }
    }
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
   * Waits before the next attempt; false if the run stopped meanwhile. In CPU mode a worker lends
   * its slot for a wait of a millisecond or more and starts another worker if one would find items,
   * so the cores stay busy while the item waits; it takes a slot back before the next attempt,
   * waiting for one if need be, since the parallelism bounds the items in flight.
   */
  private boolean backOff(long nanos, Worker worker) throws InterruptedException {
    long moment = System.nanoTime() + nanos;
    if (!lendSlots || nanos < LEND_NANOS || worker.helper()) {
      return waitUntil(moment);
    }
    WorkerSet workers = run.workers();
    workers.releaseSlot(worker);
    run.addWorkerIfUseful();
    boolean waited;
    InterruptedException interrupted = null;
    try {
      waited = waitUntil(moment);
    } catch (InterruptedException e) {
      waited = true;
      interrupted = e;
    }
    if (!workers.awaitSlot(worker) || !waited) {
      return false;
    }
    if (interrupted != null) {
      throw interrupted;
    }
    return true;
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
