package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * The per-item options of a loop, kept together so that a loop without any of them pays nothing:
 * the time one attempt of an item may take, the retry policy, and the cap on item starts per
 * second. Immutable; each {@code with} method checks its argument and returns a new value.
 */
public final class Resilience {
  static final Resilience NONE = new Resilience(null, null, 0);

  private final Duration itemTimeout;
  private final RetryPolicy retry;
  private final int ratePerSecond;

  private Resilience(Duration itemTimeout, RetryPolicy retry, int ratePerSecond) {
    this.itemTimeout = itemTimeout;
    this.retry = retry;
    this.ratePerSecond = ratePerSecond;
  }

  Resilience withItemTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "itemTimeout");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException(
          "itemTimeout must be > 0, was " + Durations.toText(timeout));
    }
    return new Resilience(timeout, retry, ratePerSecond);
  }

  Resilience withRetry(RetryPolicy policy) {
    Objects.requireNonNull(policy, "retry");
    return new Resilience(itemTimeout, policy, ratePerSecond);
  }

  Resilience withRateLimit(int perSecond) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("rateLimit must be >= 1 per second, was " + perSecond);
    }
    return new Resilience(itemTimeout, retry, perSecond);
  }

  /** True when no per-item option is set: items are called directly. */
  boolean none() {
    return itemTimeout == null && retry == null && ratePerSecond == 0;
  }

  /** The time one attempt may take, or null. */
  Duration itemTimeout() {
    return itemTimeout;
  }

  /** The retry policy, or null. */
  RetryPolicy retry() {
    return retry;
  }

  /** Item starts per second across a run, or 0 for no limit. */
  int ratePerSecond() {
    return ratePerSecond;
  }

  @Override
  public String toString() {
    return (itemTimeout == null ? "" : ", itemTimeout=" + Durations.toText(itemTimeout))
        + (retry == null ? "" : ", retry=" + retry)
        + (ratePerSecond == 0 ? "" : ", rateLimit=" + ratePerSecond + "/s");
  }
}
