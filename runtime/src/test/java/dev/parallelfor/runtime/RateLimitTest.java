package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code rateLimit(perSecond)}: item starts, retries included, evenly spaced. */
class RateLimitTest {
  private static List<Integer> numbers(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toUnmodifiableList());
  }

  private static long[] sorted(ConcurrentLinkedQueue<Long> starts) {
    long[] times = starts.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(times);
    return times;
  }

  /** Starts in {@code [from, from + window)}. */
  private static long count(long[] times, long from, long window) {
    return Arrays.stream(times).filter(t -> t - from >= 0 && t - from < window).count();
  }

  @Test
  void theRateOverTwoSecondsStaysWithinTenPercentOfTheLimit() {
    int perSecond = 200;
    ConcurrentLinkedQueue<Long> starts = new ConcurrentLinkedQueue<>();
    List<Integer> values =
        Parallel.io(
                (Integer n) -> {
                  starts.add(System.nanoTime());
                  return n;
                })
            .parallelism(64)
            .rateLimit(perSecond)
            .run(numbers(500));

    assertThat(values).isEqualTo(numbers(500));
    long[] times = sorted(starts);
    long window = TimeUnit.SECONDS.toNanos(2);
    // Any two-second window inside the run, measured here after a quarter of a second.
    long counted = count(times, times[0] + TimeUnit.MILLISECONDS.toNanos(250), window);
    assertThat((double) counted).isCloseTo(2.0 * perSecond, within(0.1 * 2 * perSecond));
    // Smooth rather than bursty (a token bucket would start a second's worth at once): no half
    // second holds much more than its share, the run's first included. The exact spacing of the
    // reservations is RateLimiterTest's; here the starts are seen from the items, which a loaded
    // machine may run some milliseconds after their turn, bunching a few of them together, but
    // never into a second's worth.
    for (long t : times) {
      assertThat(count(times, t, TimeUnit.MILLISECONDS.toNanos(500)))
          .isLessThanOrEqualTo(perSecond / 2 + perSecond / 4);
    }
  }

  @Test
  void aParallelismFarAboveTheRateOnlyMeansMoreThreadsWaitingForTheirTurn() {
    int perSecond = 50;
    ConcurrentLinkedQueue<Long> starts = new ConcurrentLinkedQueue<>();
    List<Integer> values =
        Parallel.io(
                (Integer n) -> {
                  starts.add(System.nanoTime());
                  return n;
                })
            .parallelism(1_000)
            .rateLimit(perSecond)
            .run(numbers(60));

    assertThat(values).isEqualTo(numbers(60));
    long[] times = sorted(starts);
    long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
    assertThat(times[59] - times[0]).isGreaterThanOrEqualTo(58 * interval);
    assertThat(count(times, times[0], TimeUnit.MILLISECONDS.toNanos(500)))
        .isLessThanOrEqualTo(perSecond / 2 + 2);
  }

  @Test
  void attemptsOfRetriedItemsCountAsStarts() {
    int perSecond = 100;
    Set<Integer> failedOnce = ConcurrentHashMap.newKeySet();
    ConcurrentLinkedQueue<Long> starts = new ConcurrentLinkedQueue<>();
    List<Integer> values =
        Parallel.io(
                (Integer n) -> {
                  starts.add(System.nanoTime());
                  if (failedOnce.add(n)) {
                    throw new IOException("429 Too Many Requests");
                  }
                  return n;
                })
            .parallelism(64)
            .rateLimit(perSecond)
            .retry(RetryPolicy.on(IOException.class).backoff(Duration.ZERO))
            .run(numbers(20));

    assertThat(values).isEqualTo(numbers(20));
    long[] times = sorted(starts);
    assertThat(times).hasSize(40);
    // 40 starts at most 100 a second, evenly spaced: 39 intervals of 10 ms between the first and
    // the last (a thread may wake a little late, never early).
    long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
    assertThat(times[39] - times[0]).isGreaterThanOrEqualTo(38 * interval);
  }

  @Test
  void everyFormHonoursTheRateLimit() throws Exception {
    ParallelLoop<Integer, Integer> loop =
        Parallel.<Integer, Integer>cpu(n -> n + 1).parallelism(4).rateLimit(2_000);
    List<Integer> expected = numbers(40).stream().map(n -> n + 1).toList();

    assertThat(loop.run(numbers(40))).isEqualTo(expected);
    assertThat(loop.run(Range.of(0, 40))).isEqualTo(expected);
    assertThat(loop.runAll(numbers(40)).values()).isEqualTo(expected);
    assertThat(loop.runAsync(numbers(40)).get()).isEqualTo(expected);
    try (Stream<Integer> s = loop.stream(numbers(40))) {
      assertThat(s.toList()).isEqualTo(expected);
    }
    try (Stream<Completed<Integer>> s = loop.asCompleted(numbers(40).stream())) {
      assertThat(s.map(Completed::value).sorted().toList()).isEqualTo(expected);
    }
    assertThat(
            LoopSettings.of(dev.parallelfor.Mode.CPU)
                .rateLimit(2_000)
                .rangeLoop((index, value) -> value * 2)
                .run(Range.of(0L, 40L)))
        .hasSize(40);
  }

  @Test
  void aRateLimitMustBePositive() {
    assertThatThrownBy(() -> Parallel.io((Integer n) -> n).rateLimit(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rateLimit must be >= 1 per second, was 0");
  }

  @Test
  void aWorkerWaitingForItsTurnIsStoppedWithTheRunAndStartsNothing() throws Exception {
    List<Thread> poolThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(
            2,
            task -> {
              Thread thread = new Thread(task);
              thread.setDaemon(true);
              poolThreads.add(thread);
              return thread;
            });
    java.util.concurrent.atomic.AtomicInteger started =
        new java.util.concurrent.atomic.AtomicInteger();
    try {
      java.util.concurrent.CompletableFuture<List<Integer>> run =
          Parallel.io(
                  (Integer n) -> {
                    started.incrementAndGet();
                    return n;
                  })
              .parallelism(2)
              .executor(pool)
              .rateLimit(1)
              .runAsync(List.of(0, 1, 2));
      while (started.get() == 0 || poolThreads.stream().noneMatch(RateLimitTest::waitsForItsTurn)) {
        Thread.onSpinWait(); // the first item started at once; the next waits a second
      }
      run.cancel(true);

      pool.shutdown();
      assertThat(pool.awaitTermination(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(run).isCancelled();
      assertThat(started).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A run on a direct executor started from an item ({@code runAsync} here; also the workers a
   * nested {@code run} spawns besides its helping caller) runs its worker on that item's thread.
   * When the outer run stops, it interrupts that thread while the worker waits for the rate limit's
   * next permit: that interrupt is no failure of the item the worker was about to start, which
   * never started, and the nested run does not count that item as finished.
   */
  @Test
  void anInterruptThatEndsARateLimitWaitIsNoFailureOfTheItemThatNeverStarted() {
    AtomicInteger nestedStarts = new AtomicInteger();
    AtomicReference<Progress> nestedFinish = new AtomicReference<>();
    AtomicReference<Object> nestedOutcome = new AtomicReference<>();
    CountDownLatch nestedItemRan = new CountDownLatch(1);
    ParallelLoop<Integer, Integer> nested =
        Parallel.<Integer, Integer>cpu(
                item -> {
                  nestedStarts.incrementAndGet();
                  nestedItemRan.countDown();
                  return item;
                })
            .executor(Runnable::run)
            .parallelism(1)
            .rateLimit(1) // the second item waits about a second for its permit
            .onProgress(
                new ProgressListener() {
                  @Override
                  public void onFinish(Progress progress) {
                    nestedFinish.set(progress);
                  }
                });
    ParallelLoop<Integer, Integer> outer =
        Parallel.<Integer, Integer>cpu(
                item -> {
                  if (item == 0) {
                    try {
                      // On a direct executor the run's worker runs here, inside runAsync.
                      nestedOutcome.set(nested.runAsync(List.of(0, 1, 2)).join());
                    } catch (CompletionException e) {
                      nestedOutcome.set(e.getCause());
                    }
                    return item;
                  }
                  // Stop the outer run while the nested one waits for its second permit.
                  nestedItemRan.await(TestBounds.HANG.toMillis(), TimeUnit.MILLISECONDS);
                  throw new IllegalStateException("stops the outer run");
                })
            .parallelism(2);
    assertThrows(
        ParallelForException.class,
        () -> assertTimeoutPreemptively(TestBounds.HANG, () -> outer.run(List.of(0, 1))));
    Progress finish = nestedFinish.get();
    assertNotNull(finish, "the nested run finished");
    assertTrue(
        finish.completed() <= nestedStarts.get(),
        "the nested run's onFinish counts "
            + finish
            + " but only "
            + nestedStarts.get()
            + " of its items started");
    if (nestedOutcome.get() instanceof ParallelForException failure) {
      assertTrue(
          failure.index() < 0 || failure.index() < nestedStarts.get(),
          "item "
              + failure.index()
              + " of the nested run, which never started, is reported as failed: "
              + failure.getCause());
    }
  }

  private static boolean waitsForItsTurn(Thread thread) {
    Object blocker = java.util.concurrent.locks.LockSupport.getBlocker(thread);
    return blocker != null && blocker.getClass().getName().endsWith(".internal.Attempts");
  }
}
