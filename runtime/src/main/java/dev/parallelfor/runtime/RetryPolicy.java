package dev.parallelfor.runtime;

import dev.parallelfor.runtime.internal.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * When an item that failed is tried again, and how long the run waits before it does. Immutable and
 * thread-safe: each method checks its argument at once and returns a new policy.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.on(IOException.class).attempts(4).backoff(Duration.ofMillis(200));
 * List<String> pages = Parallel.io(Crawler::fetch).retry(policy).run(urls);
 * }</pre>
 *
 * <p>An item is tried again when what it threw is an instance of one of the {@linkplain
 * #on(Class[]) listed types}, until it succeeds or has been tried {@link #attempts(int)} times in
 * all. Before the second attempt the run waits about {@link #backoff(Duration)}, and twice as long
 * before each later one, never more than {@link #maxBackoff(Duration)}; each wait is drawn at
 * random between half and all of that ("jitter"), so items that failed together do not all come
 * back together.
 *
 * <p>Only the last attempt's failure is reported, as the cause of the item's {@link
 * ParallelForException}, whose message says after how many attempts the item failed ("item 7 (x)
 * failed after 5 attempts: ..."). The earlier attempts' failures are attached to the cause as
 * suppressed exceptions: all of them up to six, else the first three and the last three, and the
 * message says how many were dropped, so an item tried a million times keeps no million exceptions.
 * Progress counts an item once, however many attempts it took. A failure is worth another attempt
 * by its type, whatever it is named: an {@link java.io.InterruptedIOException} such as a {@link
 * java.net.SocketTimeoutException} is retried like any other listed {@link java.io.IOException};
 * only what answers a stop (an interrupt that the run, or a run it is nested in, sent to the item's
 * thread) is never retried. A stopped run (a failure in a fail-fast run, the deadline, an
 * interrupt, a cancelled future or a closed stream) starts no new attempt and ends every backoff
 * wait at once.
 *
 * <p>An item waiting for its next attempt keeps its worker: the thread, the worker's place among
 * the {@code parallelism} and its {@linkplain WorkerScope own state}, so items waiting for another
 * attempt never bring more workers, or more worker states, than the parallelism, on any executor (a
 * caller's fixed pool of that size included). In CPU mode with a parallelism above 1 the worker
 * runs the other items of its current chunk meanwhile and comes back to the item when its backoff
 * ends; otherwise (IO mode, where a waiting thread costs little, and {@code parallelism(1)}, which
 * keeps the order of a {@code for} loop) it waits before its next item.
 *
 * <p>A {@linkplain ParallelLoop#rateLimit(int) rate limit} counts every attempt as a start, and an
 * {@linkplain ParallelLoop#itemTimeout(Duration) item timeout} applies to each attempt on its own;
 * a timed-out attempt is retried when {@link java.util.concurrent.TimeoutException} is among the
 * listed types. An attempt that times out while it runs a nested loop (an item that calls another
 * driver) cancels that nested run as a whole.
 */
public final class RetryPolicy {
  /** The attempts of a policy made with {@link #on(Class[])}, counting the first one. */
  public static final int DEFAULT_ATTEMPTS = 3;

  /** The wait before the second attempt of a policy made with {@link #on(Class[])}. */
  public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(100);

  /** The longest wait between two attempts of a policy made with {@link #on(Class[])}. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

  private final List<Class<? extends Throwable>> on;
  private final int attempts;
  private final Duration backoff;
  private final Duration maxBackoff;

  private RetryPolicy(
      List<Class<? extends Throwable>> on, int attempts, Duration backoff, Duration maxBackoff) {
    this.on = on;
    this.attempts = attempts;
    this.backoff = backoff;
    this.maxBackoff = maxBackoff;
  }

  /**
   * A policy that tries an item again when it throws one of {@code types} (or a subtype), {@value
   * #DEFAULT_ATTEMPTS} attempts in all, waiting 100 ms before the second.
   *
   * @param types what is worth another attempt, for example {@code IOException.class}
   * @return the policy
   * @throws NullPointerException if {@code types} or one of them is null
   * @throws IllegalArgumentException if {@code types} is empty
   */
  @SafeVarargs
  public static RetryPolicy on(Class<? extends Throwable>... types) {
    Objects.requireNonNull(types, "types");
    if (types.length == 0) {
      throw new IllegalArgumentException("types must name at least one exception type, was none");
    }
    List<Class<? extends Throwable>> listed = new ArrayList<>(types.length);
    for (int i = 0; i < types.length; i++) {
      listed.add(Objects.requireNonNull(types[i], "types[" + i + "]"));
    }
    return new RetryPolicy(
        Collections.unmodifiableList(listed),
        DEFAULT_ATTEMPTS,
        DEFAULT_BACKOFF,
        DEFAULT_MAX_BACKOFF);
  }

  /**
   * Returns a policy like this one that tries an item at most {@code attempts} times in all.
   *
   * @param attempts the attempts, counting the first; 1 never tries again
   * @return the new policy
   * @throws IllegalArgumentException if {@code attempts < 1}
   */
  public RetryPolicy attempts(int attempts) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
    }
    return new RetryPolicy(on, attempts, backoff, maxBackoff);
  }

  /**
   * Returns a policy like this one that waits about {@code backoff} before the second attempt, and
   * twice as long before each later one.
   *
   * @param backoff the first wait; zero tries again at once
   * @return the new policy
   * @throws NullPointerException if {@code backoff} is null
   * @throws IllegalArgumentException if {@code backoff} is negative
   */
  public RetryPolicy backoff(Duration backoff) {
    Objects.requireNonNull(backoff, "backoff");
    if (backoff.isNegative()) {
      throw new IllegalArgumentException("backoff must be >= 0, was " + Durations.toText(backoff));
    }
    return new RetryPolicy(on, attempts, backoff, maxBackoff);
  }

  /**
   * Returns a policy like this one whose waits between attempts never exceed {@code maxBackoff}.
   *
   * @param maxBackoff the cap of the exponential backoff
   * @return the new policy
   * @throws NullPointerException if {@code maxBackoff} is null
   * @throws IllegalArgumentException if {@code maxBackoff} is negative
   */
  public RetryPolicy maxBackoff(Duration maxBackoff) {
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (maxBackoff.isNegative()) {
      throw new IllegalArgumentException(
          "maxBackoff must be >= 0, was " + Durations.toText(maxBackoff));
    }
    return new RetryPolicy(on, attempts, backoff, maxBackoff);
  }

  /**
   * Whether a failure is worth another attempt: it is an instance of one of the listed types.
   *
   * @param failure what an attempt threw
   * @return true if the policy tries the item again (when attempts are left)
   */
  public boolean retries(Throwable failure) {
    for (Class<? extends Throwable> type : on) {
      if (type.isInstance(failure)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The types worth another attempt.
   *
   * @return the listed types, unmodifiable
   */
  public List<Class<? extends Throwable>> types() {
    return on;
  }

  /**
   * The attempts in all, counting the first.
   *
   * @return at least 1
   */
  public int attempts() {
    return attempts;
  }

  /**
   * The wait before the second attempt, before jitter.
   *
   * @return the first backoff
   */
  public Duration backoff() {
    return backoff;
  }

  /**
   * The cap of the waits between attempts.
   *
   * @return the longest backoff
   */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /**
   * The wait before attempt {@code attempt + 1} (after {@code attempt} failed), before jitter: the
   * first backoff doubled {@code attempt - 1} times, capped.
   *
   * @param attempt the attempt that failed, from 1
   * @return the nominal wait; the run waits a random time between half of it and all of it
   * @throws IllegalArgumentException if {@code attempt < 1}
   */
  public Duration delayAfter(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
    }
    long first = saturatedNanos(backoff);
    long cap = saturatedNanos(maxBackoff);
    int doublings = Math.min(attempt - 1, 62);
    long nanos = first > (cap >> doublings) ? cap : first << doublings;
    return Duration.ofNanos(Math.min(nanos, cap));
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RetryPolicy p
        && on.equals(p.on)
        && attempts == p.attempts
        && backoff.equals(p.backoff)
        && maxBackoff.equals(p.maxBackoff);
  }

  @Override
  public int hashCode() {
    return Objects.hash(on, attempts, backoff, maxBackoff);
  }

  @Override
  public String toString() {
    return "RetryPolicy[on="
        + on.stream().map(Class::getSimpleName).collect(Collectors.joining(", ", "{", "}"))
        + ", attempts="
        + attempts
        + ", backoff="
        + Durations.toText(backoff)
        + ", maxBackoff="
        + Durations.toText(maxBackoff)
        + "]";
  }
}
