package dev.parallelfor.runtime.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Spaces a run's item starts evenly: each start reserves the next free moment, one interval after
 * the previous reservation or now, whichever is later, and waits for it. There is no burst
 * allowance, so over any window the starts stay within one of {@code perSecond × window}, and a
 * parallelism far above the rate only means more threads waiting for their moment.
 *
 * <p>{@link #next} is the only state: the earliest moment ({@code System.nanoTime()}) the next
 * reservation may take, updated by compare-and-set. Reservations are absolute times, so a thread
 * that wakes late from its wait delays no other thread's start.
 */
final class RateLimiter {
  private final long interval;
  private final AtomicLong next;

  RateLimiter(int perSecond) {
    this.interval = Math.max(1, 1_000_000_000L / perSecond);
    this.next = new AtomicLong(System.nanoTime());
  }

  /** Reserves a start; returns the {@code System.nanoTime()} at which it may happen. */
  long reserve() {
    long now = System.nanoTime();
    while (true) {
      long free = next.get();
      long slot = free - now > 0 ? free : now;
      if (next.compareAndSet(free, slot + interval)) {
        return slot;
      }
    }
  }
}
