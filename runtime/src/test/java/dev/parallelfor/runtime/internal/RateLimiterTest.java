package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelfor.runtime.TestBounds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The spacing of item starts. Only what holds on a loaded machine is asserted: a reservation is
 * never earlier than the one before plus the interval, and never later than that or the moment it
 * was made, whichever is later.
 */
class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void theFirstStartMayHappenAtOnce() {
    long before = System.nanoTime();
    RateLimiter limiter = new RateLimiter(2);

    long slot = limiter.reserve();

    long after = System.nanoTime();
    assertThat(slot).isBetween(before, after);
  }

  @Test
  void aStartComesOneIntervalAfterThePreviousOneAndNoLater() {
    RateLimiter limiter = new RateLimiter(4);

    long first = limiter.reserve();
    long second = limiter.reserve();
    long third = limiter.reserve();
    long after = System.nanoTime();

    assertThat(second - first).isGreaterThanOrEqualTo(SECOND / 4);
    assertThat(second).isLessThanOrEqualTo(Math.max(first + SECOND / 4, after));
    assertThat(third - second).isGreaterThanOrEqualTo(SECOND / 4);
    assertThat(third).isLessThanOrEqualTo(Math.max(second + SECOND / 4, after));
  }

  @Test
  void theIntervalIsASecondDividedByTheRateRoundedDown() {
    RateLimiter limiter = new RateLimiter(3);

    long first = limiter.reserve();
    long second = limiter.reserve();
    long after = System.nanoTime();

    assertThat(second - first).isGreaterThanOrEqualTo(333_333_333L);
    assertThat(second).isLessThanOrEqualTo(Math.max(first + 333_333_333L, after));
  }

  @Test
  void aRateAboveOneStartPerNanosecondStillSpacesStartsByOneNanosecond() {
    RateLimiter limiter = new RateLimiter(Integer.MAX_VALUE);

    long previous = limiter.reserve();
    for (int i = 0; i < 1_000; i++) {
      long next = limiter.reserve();
      assertThat(next).isGreaterThan(previous);
      previous = next;
    }
  }

  @Test
  void aStartAfterAnIdleSpellIsNotPutInThePast() {
    RateLimiter limiter = new RateLimiter(Integer.MAX_VALUE);
    long first = limiter.reserve();
    long idleUntil = first + 1_000_000;
    while (System.nanoTime() - idleUntil < 0) {
      Thread.onSpinWait();
    }

    long before = System.nanoTime();
    long slot = limiter.reserve();
    long after = System.nanoTime();

    assertThat(slot).isBetween(before, after);
  }

  @Test
  void concurrentReservationsAreDistinctAndOneIntervalApart() throws Exception {
    int threads = 4;
    int perThread = 250;
    long interval = SECOND / 1_000_000;
    RateLimiter limiter = new RateLimiter(1_000_000);
    List<Long> slots = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < perThread; i++) {
                    slots.add(limiter.reserve());
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    List<Long> sorted = new ArrayList<>(slots);
    Collections.sort(sorted);
    assertThat(sorted).hasSize(threads * perThread);
    for (int i = 1; i < sorted.size(); i++) {
      assertThat(sorted.get(i) - sorted.get(i - 1)).isGreaterThanOrEqualTo(interval);
    }
  }
}
