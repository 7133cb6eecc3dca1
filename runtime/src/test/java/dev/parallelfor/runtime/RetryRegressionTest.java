package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parallelfor.Mode;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Retries and item timeouts together with the rest: a caller's fixed pool, state per worker, nested
 * runs, exceptions that only look like interrupts, and items tried very many times.
 */
class RetryRegressionTest {
  private static final Duration GUARD = TestBounds.HANG;

  private static List<Integer> numbers(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toUnmodifiableList());
  }

  /**
   * A worker whose item backs off keeps its slot: on a caller's pool with as many threads as the
   * parallelism, nothing waits for a slot that only a task queued behind it could give back. The
   * first items fail together, one per worker, so that every worker backs off at once.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void aCpuBackoffEndsOnACallersFixedPoolTheSizeOfTheParallelism(int parallelism) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            parallelism,
            task -> {
              Thread thread = new Thread(task, "fixed-pool");
              thread.setDaemon(true);
              return thread;
            });
    try {
      CyclicBarrier together = new CyclicBarrier(parallelism);
      Set<Integer> failedOnce = ConcurrentHashMap.newKeySet();
      List<Integer> values =
          assertTimeoutPreemptively(
              GUARD,
              () ->
                  Parallel.<Integer, Integer>cpu(
                          n -> {
                            if (failedOnce.add(n)) {
                              if (n < parallelism) {
                                together.await(GUARD.toSeconds(), TimeUnit.SECONDS);
                              }
                              throw new IOException("busy");
                            }
                            return n * 2;
                          })
                      .parallelism(parallelism)
                      .executor(pool)
                      .retry(RetryPolicy.on(IOException.class).backoff(Duration.ofMillis(20)))
                      .run(numbers(6)));

      assertThat(values).containsExactly(0, 2, 4, 6, 8, 10);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Items that back off never bring more worker states to life than the parallelism, and each one
   * made is closed once.
   */
  @Test
  void itemsBackingOffNeverKeepMoreWorkerStatesThanTheParallelism() {
    AtomicInteger live = new AtomicInteger();
    AtomicInteger mostLive = new AtomicInteger();
    Queue<AtomicInteger> closes = new ConcurrentLinkedQueue<>();
    Set<Integer> failedOnce = ConcurrentHashMap.newKeySet();
    List<Integer> values =
        assertTimeoutPreemptively(
            GUARD,
            () ->
                Parallel.<Integer, Integer>perWorker(
                        Mode.CPU,
                        (WorkerScope worker) -> {
                          worker.local(
                              () -> {
                                AtomicInteger closed = new AtomicInteger();
                                closes.add(closed);
                                mostLive.accumulateAndGet(live.incrementAndGet(), Math::max);
                                return (AutoCloseable)
                                    () -> {
                                      closed.incrementAndGet();
                                      live.decrementAndGet();
                                    };
                              });
                          return (long index, Integer n) -> {
                            if (failedOnce.add(n)) {
                              throw new IOException("busy");
                            }
                            return n;
                          };
                        })
                    .parallelism(2)
                    .retry(RetryPolicy.on(IOException.class).backoff(Duration.ofMillis(5)))
                    .run(numbers(40)));

    assertThat(values).isEqualTo(numbers(40));
    assertThat(mostLive.get()).isBetween(1, 2);
    assertThat(live).hasValue(0);
    assertThat(closes).isNotEmpty().allSatisfy(closed -> assertThat(closed).hasValue(1));
  }

  /**
   * A worker that leaves a streaming run because its look-ahead is full closes its state before it
   * gives its slot up: the worker the consumer then starts makes its own only afterwards. Here the
   * first close waits (a while, bounded) for a second state to be made, which it must not see.
   */
  @Test
  void aWorkerLeavingAFullLookAheadClosesItsStateBeforeAnotherIsMade() throws Exception {
    AtomicInteger live = new AtomicInteger();
    AtomicInteger mostLive = new AtomicInteger();
    AtomicInteger made = new AtomicInteger();
    CountDownLatch firstClosing = new CountDownLatch(1);
    CountDownLatch secondMade = new CountDownLatch(1);
    List<Integer> items = numbers(200_000);
    ParallelLoop<Integer, Integer> loop =
        Parallel.<Integer, Integer>perWorker(
                Mode.CPU,
                (WorkerScope worker) -> {
                  worker.local(
                      () -> {
                        mostLive.accumulateAndGet(live.incrementAndGet(), Math::max);
                        if (made.incrementAndGet() == 2) {
                          secondMade.countDown();
                        }
                        return (AutoCloseable)
                            () -> {
                              if (firstClosing.getCount() > 0) {
                                firstClosing.countDown();
                                secondMade.await(1, TimeUnit.SECONDS);
                              }
                              live.decrementAndGet();
                            };
                      });
                  return (long index, Integer n) -> n;
                })
            .parallelism(1);

    long sum =
        assertTimeoutPreemptively(
            GUARD,
            () -> {
              try (Stream<Integer> results = loop.stream(items)) {
                Iterator<Integer> it = results.iterator();
                long total = it.next();
                firstClosing.await(); // the worker left the full look-ahead
                while (it.hasNext()) {
                  total += it.next();
                }
                return total;
              }
            });

    assertThat(sum).isEqualTo(200_000L * 199_999 / 2);
    assertThat(mostLive.get()).isEqualTo(1);
    assertThat(live).hasValue(0);
  }

  /**
   * The item timeout of an attempt that runs a nested run cancels that run, as the enclosing run's
   * own stop would: the nested items are interrupted and none starts after the time-up, instead of
   * the interrupt counting as one nested item's failure while the others run on (and here block for
   * good). The timeout is long enough for the attempt's thread to be inside a nested item when it
   * fires, the case the test is about, even on a busy machine.
   */
  @Test
  void anItemTimeoutCancelsTheNestedRunItsAttemptHelps() {
    CountDownLatch never = new CountDownLatch(1); // counted down only when the test is over
    AtomicInteger nestedStarts = new AtomicInteger();
    try {
      Results<Results<Integer>> outer =
          assertTimeoutPreemptively(
              GUARD,
              () ->
                  Parallel.io(
                          (Integer n) ->
                              Parallel.io(
                                      (Integer m) -> {
                                        nestedStarts.incrementAndGet();
                                        never.await();
                                        return m;
                                      })
                                  .parallelism(2)
                                  .runAll(numbers(20)))
                      .itemTimeout(Duration.ofSeconds(1))
                      .runAll(List.of(0)));

      assertThat(outer.failures()).hasSize(1);
      ParallelForException failure = outer.failures().get(0);
      assertThat(failure.index()).isZero();
      assertThat(failure.getCause()).isInstanceOf(TimeoutException.class);
      assertThat(nestedStarts.get()).as("nested items started").isBetween(1, 2);
    } finally {
      never.countDown();
    }
  }

  /**
   * A {@link SocketTimeoutException} is an {@code InterruptedIOException}, but nothing interrupted
   * the thread: it is an {@link IOException} like any other, retried when the policy lists it.
   */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void aSocketTimeoutIsTriedAgainLikeAnyIoException(Mode mode) {
    AtomicInteger attempts = new AtomicInteger();
    List<String> values =
        Parallel.of(
                mode,
                (String s) -> {
                  if (attempts.incrementAndGet() <= 2) {
                    throw new SocketTimeoutException("read timed out");
                  }
                  return s + "!";
                })
            .retry(RetryPolicy.on(IOException.class).attempts(3).backoff(Duration.ofMillis(1)))
            .run(List.of("a"));

    assertThat(values).containsExactly("a!");
    assertThat(attempts).hasValue(3);
  }

  /** Without a retry, a socket timeout is that item's failure, with or without per-item options. */
  @Test
  void aSocketTimeoutWithoutRetryIsThatItemsFailure() {
    ParallelLoop<String, String> loop =
        Parallel.io(
            (String s) -> {
              if (s.equals("b")) {
                throw new SocketTimeoutException("read timed out");
              }
              return s;
            });

    for (ParallelLoop<String, String> each : List.of(loop, loop.itemTimeout(Duration.ofHours(1)))) {
      Results<String> results = each.runAll(List.of("a", "b", "c"));

      assertThat(results.failures()).hasSize(1);
      assertThat(results.failures().get(0).index()).isEqualTo(1);
      assertThat(results.failures().get(0).getCause()).isInstanceOf(SocketTimeoutException.class);
      assertThat(results.succeeded()).isEqualTo(2);
    }
  }

  /**
   * An attempt that leaves an interrupt pending on its thread (someone wants that thread to stop)
   * is not tried again: its own failure is reported, rather than the interrupt of the wait that
   * would have come before the next attempt.
   */
  @Test
  void aFailureWithAnInterruptStillPendingIsNotTriedAgain() {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      AtomicInteger attempts = new AtomicInteger();
      Results<Integer> results =
          Parallel.<Integer, Integer>io(
                  (Integer n) -> {
                    attempts.incrementAndGet();
                    Thread.currentThread().interrupt();
                    throw new IOException("down");
                  })
              .executor(pool)
              .retry(RetryPolicy.on(IOException.class).backoff(Duration.ofMillis(1)))
              .runAll(List.of(0));

      assertThat(attempts).hasValue(1);
      assertThat(results.failures().get(0).getCause()).isInstanceOf(IOException.class);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * An item tried a thousand times keeps the failures of its first three and last three earlier
   * attempts, not all of them, and its message says how many were dropped.
   */
  @Test
  void anItemTriedAThousandTimesKeepsItsFirstAndLastFewFailures() {
    AtomicInteger attempts = new AtomicInteger();
    Results<Integer> results =
        Parallel.<Integer, Integer>io(
                (Integer n) -> {
                  throw new IOException("attempt " + attempts.incrementAndGet());
                })
            .retry(RetryPolicy.on(IOException.class).attempts(1_000).backoff(Duration.ZERO))
            .runAll(List.of(0));

    assertThat(attempts).hasValue(1_000);
    ParallelForException failure = results.failures().get(0);
    assertThat(failure.getCause()).hasMessage("attempt 1000");
    assertThat(Arrays.stream(failure.getCause().getSuppressed()).map(Throwable::getMessage))
        .containsExactly(
            "attempt 1", "attempt 2", "attempt 3", "attempt 997", "attempt 998", "attempt 999");
    assertThat(failure.getMessage())
        .contains("failed after 1000 attempts")
        .contains("993 earlier failures dropped");
  }

  /** An item that gave up says after how many attempts; one tried once says nothing of it. */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void anItemsFailureSaysHowManyAttemptsItTook(Mode mode) {
    ParallelLoop<Integer, Integer> failing =
        Parallel.<Integer, Integer>of(
            mode,
            (Integer n) -> {
              throw new IOException("down");
            });
    RetryPolicy fiveTimes =
        RetryPolicy.on(IOException.class).attempts(5).backoff(Duration.ofMillis(1));

    ParallelForException recorded = failing.retry(fiveTimes).runAll(List.of(7)).failures().get(0);
    ParallelForException thrown =
        catchThrowableOfType(
            ParallelForException.class, () -> failing.retry(fiveTimes).run(List.of(7)));
    ParallelForException once = failing.runAll(List.of(7)).failures().get(0);

    assertThat(recorded)
        .hasMessage("item 0 (7) failed after 5 attempts: java.io.IOException: down");
    assertThat(thrown).hasMessage(recorded.getMessage());
    assertThat(once).hasMessage("item 0 (7) failed: java.io.IOException: down");
    assertThat(recorded.getCause().getSuppressed()).hasSize(4);
  }

  /**
   * A nested run's item fails while the run it is nested in is being stopped: the policy would try
   * it again, and only that stop keeps it from it. The nested run is then cancelled with its
   * enclosing run; it does not report the item as failed after fewer attempts than allowed.
   */
  @Test
  void aRetryCutShortByTheEnclosingRunsStopCancelsTheNestedRun() {
    CountDownLatch nestedStarted = new CountDownLatch(1);
    AtomicInteger nestedAttempts = new AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<Throwable> nestedOutcome =
        new java.util.concurrent.atomic.AtomicReference<>();
    ParallelLoop<Integer, Integer> nested =
        Parallel.<Integer, Integer>cpu(
                n -> {
                  nestedAttempts.incrementAndGet();
                  nestedStarted.countDown();
                  try {
                    new CountDownLatch(1).await();
                  } catch (InterruptedException e) {
                    // Code that answers an interrupt with a failure of its own.
                    throw new IllegalStateException("the connection went away");
                  }
                  return n;
                })
            .parallelism(1)
            .retry(RetryPolicy.on(IllegalStateException.class).attempts(3).backoff(Duration.ZERO));
    ParallelLoop<Integer, Integer> outer =
        Parallel.<Integer, Integer>cpu(
                n -> {
                  if (n == 0) {
                    try {
                      nested.run(List.of(7));
                    } catch (ParallelForException e) {
                      nestedOutcome.set(e);
                      throw e;
                    }
                    return n;
                  }
                  nestedStarted.await();
                  throw new IllegalArgumentException("stops the outer run");
                })
            .parallelism(2);
    ParallelForException failure =
        catchThrowableOfType(
            ParallelForException.class,
            () -> assertTimeoutPreemptively(GUARD, () -> outer.run(List.of(0, 1))));
    assertThat(failure.getCause()).isInstanceOf(IllegalArgumentException.class);
    assertThat(nestedOutcome.get())
        .isInstanceOfSatisfying(
            ParallelForException.class,
            e -> {
              assertThat(e.index()).isEqualTo(-1);
              assertThat(e.getCause()).isInstanceOf(InterruptedException.class);
            });
    assertThat(nestedAttempts).hasValue(1);
    assertThat(failure.getSuppressed()).isEmpty();
  }
}
