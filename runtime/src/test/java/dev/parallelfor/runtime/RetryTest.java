package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parallelfor.Mode;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code retry(RetryPolicy)}: which failures are tried again, what an item that gave up reports,
 * how a stop ends the waits between attempts, and how items backing off share the workers.
 */
class RetryTest {
  /** Long enough that a test finishing in time proves the wait was cut short. */
  private static final Duration FOREVER = Duration.ofHours(1);

  private static final Duration GUARD = TestBounds.HANG;

  private static final RetryPolicy IMMEDIATE =
      RetryPolicy.on(IOException.class).attempts(3).backoff(Duration.ZERO);

  private static List<Integer> numbers(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toUnmodifiableList());
  }

  // ---------------------------------------------------------------------------------------------
  // Which failures are tried again

  @Test
  void anItemIsTriedAgainUntilItSucceeds() {
    ConcurrentHashMap<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();
    List<Integer> values =
        Parallel.io(
                (Integer n) -> {
                  int attempt =
                      attempts.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
                  if (attempt < 3) {
                    throw new IOException("attempt " + attempt + " of " + n);
                  }
                  return n * 2;
                })
            .retry(IMMEDIATE)
            .run(numbers(50));

    assertThat(values).isEqualTo(numbers(50).stream().map(n -> n * 2).toList());
    assertThat(attempts.values()).allSatisfy(a -> assertThat(a).hasValue(3));
  }

  @Test
  void failuresOfOtherTypesAreNotTriedAgain() {
    AtomicInteger attempts = new AtomicInteger();
    ParallelForException e =
        catchThrowableOfType(
            ParallelForException.class,
            () ->
                Parallel.io(
                        (Integer n) -> {
                          attempts.incrementAndGet();
                          throw new IllegalStateException("not worth another try");
                        })
                    .retry(IMMEDIATE)
                    .run(numbers(1)));

    assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
    assertThat(attempts).hasValue(1);
  }

  @Test
  void aTimedOutAttemptIsTriedAgainWhenTimeoutsAreListed() {
    AtomicInteger attempts = new AtomicInteger();
    List<String> values =
        Parallel.io(
                (String s) -> {
                  if (attempts.incrementAndGet() == 1) {
                    new CountDownLatch(1).await(); // the first attempt hangs
                  }
                  return s + "!";
                })
            .itemTimeout(Duration.ofMillis(50))
            .retry(RetryPolicy.on(TimeoutException.class).backoff(Duration.ZERO))
            .run(List.of("a"));

    assertThat(values).containsExactly("a!");
    assertThat(attempts).hasValue(2);
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

  // ---------------------------------------------------------------------------------------------
  // What an item that gave up reports

  @Test
  void onlyTheLastAttemptIsReportedWithTheEarlierOnesSuppressed() {
    AtomicInteger attempts = new AtomicInteger();
    Results<Integer> results =
        Parallel.io(
                (Integer n) -> {
                  if (n == 1) {
                    throw new IOException("attempt " + attempts.incrementAndGet());
                  }
                  return n;
                })
            .retry(IMMEDIATE)
            .runAll(numbers(3));

    assertThat(attempts).hasValue(3);
    ParallelForException failure = results.failures().get(0);
    assertThat(failure.index()).isEqualTo(1);
    assertThat(failure.getSuppressed()).isEmpty(); // other items' failures would go here
    assertThat(failure.getCause()).isInstanceOf(IOException.class).hasMessage("attempt 3");
    assertThat(Arrays.stream(failure.getCause().getSuppressed()).map(Throwable::getMessage))
        .containsExactly("attempt 1", "attempt 2");
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

  @Test
  void progressCountsEachItemOnceHoweverManyAttemptsItTook() {
    ConcurrentHashMap<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();
    AtomicReference<Progress> last = new AtomicReference<>();
    AtomicInteger progressCalls = new AtomicInteger();
    Results<Integer> results =
        Parallel.cpu(
                (Integer n) -> {
                  int attempt =
                      attempts.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
                  if (n == 7 || attempt < 2) {
                    throw new IOException("attempt " + attempt);
                  }
                  return n;
                })
            .retry(IMMEDIATE)
            .onProgress(
                new ProgressListener() {
                  @Override
                  public void onProgress(Progress p) {
                    progressCalls.incrementAndGet();
                    assertThat(p.completed()).isLessThanOrEqualTo(20);
                  }

                  @Override
                  public void onFinish(Progress p) {
                    last.set(p);
                  }
                })
            .runAll(numbers(20));

    assertThat(results.failed()).isEqualTo(1);
    assertThat(last.get().completed()).isEqualTo(20);
    assertThat(last.get().failed()).isEqualTo(1);
    assertThat(last.get().total()).isEqualTo(20);
  }

  // ---------------------------------------------------------------------------------------------
  // A stop ends the waits between attempts

  /**
   * Item 0 fails and waits an hour before its next attempt; item 1 waits until item 0's thread is
   * parked in that wait and then fails: the fail-fast stop must end the backoff at once.
   */
  @ParameterizedTest
  @EnumSource(Mode.class) // a CPU worker defers the item to the end of its chunk, an IO one waits
  void aFailFastStopEndsABackoffWaitAtOnce(Mode mode) {
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          CountDownLatch firstAttemptFailed = new CountDownLatch(1);
          AtomicReference<Thread> zero = new AtomicReference<>();
          AtomicInteger attemptsOfZero = new AtomicInteger();
          ParallelForException e =
              catchThrowableOfType(
                  ParallelForException.class,
                  () ->
                      Parallel.of(
                              mode,
                              (Integer n) -> {
                                if (n == 0) {
                                  attemptsOfZero.incrementAndGet();
                                  zero.set(Thread.currentThread());
                                  firstAttemptFailed.countDown();
                                  throw new IOException("service unavailable");
                                }
                                firstAttemptFailed.await();
                                awaitParked(zero.get());
                                throw new IllegalStateException("item 1 broke");
                              })
                          .parallelism(2)
                          .retry(RetryPolicy.on(IOException.class).backoff(FOREVER))
                          .run(numbers(2)));

          assertThat(e.index()).isEqualTo(1);
          assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
          assertThat(e.getSuppressed()).isEmpty(); // the cut-short wait is no failure
          assertThat(attemptsOfZero).hasValue(1);
          assertThat(Thread.currentThread().isInterrupted()).isFalse();
        });
  }

  /**
   * Waits until {@code thread} is parked in a wait of the runtime (a backoff): no synchronizer
   * tells when another thread starts to park, so this polls its blocker, yielding in between.
   */
  private static void awaitParked(Thread thread) {
    while (LockSupport.getBlocker(thread) == null) {
      Thread.yield();
    }
  }

  @Test
  void anItemCutShortInItsBackoffIsNeitherFinishedNorFailed() {
    AtomicReference<Progress> last = new AtomicReference<>();
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void onFinish(Progress progress) {
            last.set(progress);
          }
        };
    assertTimeoutPreemptively(
        GUARD,
        () ->
            catchThrowableOfType(
                ParallelForException.class,
                () ->
                    Parallel.io(
                            (Integer n) -> {
                              throw new IOException("down");
                            })
                        .retry(RetryPolicy.on(IOException.class).backoff(FOREVER))
                        .timeout(Duration.ofMillis(100))
                        .onProgress(listener)
                        .runAll(numbers(3))));

    assertThat(last.get().completed()).isZero();
    assertThat(last.get().failed()).isZero();
  }

  @Test
  void theDeadlineEndsBackoffWaits() {
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          ParallelForException e =
              catchThrowableOfType(
                  ParallelForException.class,
                  () ->
                      Parallel.io(
                              (Integer n) -> {
                                throw new IOException("down");
                              })
                          .retry(RetryPolicy.on(IOException.class).backoff(FOREVER))
                          .timeout(Duration.ofMillis(100))
                          .runAll(numbers(8)));

          assertThat(e.index()).isEqualTo(-1);
          assertThat(e.getCause()).isInstanceOf(TimeoutException.class);
        });
  }

  @Test
  void cancellingTheFutureOrClosingTheStreamEndsBackoffWaits() {
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          CountDownLatch waiting = new CountDownLatch(4);
          CountDownLatch finished = new CountDownLatch(1);
          ParallelLoop<Integer, Integer> loop =
              Parallel.<Integer, Integer>io(
                      (Integer n) -> {
                        waiting.countDown();
                        throw new IOException("down");
                      })
                  .parallelism(4)
                  .retry(RetryPolicy.on(IOException.class).backoff(FOREVER))
                  .onProgress(
                      new ProgressListener() {
                        @Override
                        public void onFinish(Progress p) {
                          finished.countDown();
                        }
                      });

          Future<List<Integer>> future = loop.runAsync(numbers(4));
          waiting.await();
          future.cancel(true);
          finished.await(); // the run ended: every backoff wait was cut short
          assertThat(future.isCancelled()).isTrue();

          CountDownLatch streaming = new CountDownLatch(4);
          ParallelLoop<Integer, Integer> streamed =
              Parallel.<Integer, Integer>io(
                      (Integer n) -> {
                        streaming.countDown();
                        throw new IOException("down");
                      })
                  .parallelism(4)
                  .retry(RetryPolicy.on(IOException.class).backoff(FOREVER));
          Stream<Integer> results = streamed.stream(numbers(4));
          streaming.await();
          results.close(); // returns once the run's workers have left
        });
  }

  @Test
  void interruptingTheCallerEndsBackoffWaitsAndRestoresTheFlag() {
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          CountDownLatch failedOnce = new CountDownLatch(3);
          AtomicReference<Throwable> thrown = new AtomicReference<>();
          AtomicReference<Boolean> flag = new AtomicReference<>();
          Thread caller =
              new Thread(
                  () -> {
                    try {
                      Parallel.io(
                              (Integer n) -> {
                                failedOnce.countDown();
                                throw new IOException("down");
                              })
                          .parallelism(3)
                          .retry(RetryPolicy.on(IOException.class).backoff(FOREVER))
                          .run(numbers(3));
                    } catch (Throwable t) {
                      thrown.set(t);
                    }
                    flag.set(Thread.currentThread().isInterrupted());
                  });
          caller.start();
          failedOnce.await();
          caller.interrupt();
          caller.join();

          assertThat(thrown.get())
              .isInstanceOf(ParallelForException.class)
              .hasCauseInstanceOf(InterruptedException.class);
          assertThat(flag.get()).isTrue();
        });
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
    AtomicReference<Throwable> nestedOutcome = new AtomicReference<>();
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

  // ---------------------------------------------------------------------------------------------
  // Items backing off keep their place among the workers

  /**
   * At parallelism 1 the loop keeps the order of the {@code for} loop it replaces, retries
   * included: an item is tried again before the next one starts, in either mode.
   */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void atParallelismOneAnItemIsTriedAgainBeforeTheNextStarts(Mode mode) {
    List<Integer> calls = new CopyOnWriteArrayList<>();
    Set<Integer> failedOnce = ConcurrentHashMap.newKeySet();
    List<Integer> values =
        assertTimeoutPreemptively(
            GUARD,
            () ->
                Parallel.<Integer, Integer>of(
                        mode,
                        n -> {
                          calls.add(n);
                          if (n % 2 == 0 && failedOnce.add(n)) {
                            throw new IOException("busy");
                          }
                          return n;
                        })
                    .parallelism(1)
                    .retry(RetryPolicy.on(IOException.class).backoff(Duration.ofMillis(2)))
                    .run(numbers(5)));

    assertThat(values).isEqualTo(numbers(5));
    assertThat(calls).containsExactly(0, 0, 1, 2, 2, 3, 4, 4);
  }

  /**
   * In CPU mode items that back off are deferred within their worker's chunk: never more items in
   * flight than the parallelism, and every result at its own index.
   */
  @Test
  void itemsBackingOffInCpuModeStayWithinTheParallelismAndInOrder() {
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          Set<Integer> failedOnce = ConcurrentHashMap.newKeySet();
          AtomicInteger inFlight = new AtomicInteger();
          AtomicInteger mostInFlight = new AtomicInteger();
          List<Integer> values =
              Parallel.<Integer, Integer>cpu(
                      n -> {
                        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        try {
                          if (n % 7 == 0 && failedOnce.add(n)) {
                            throw new IOException("busy");
                          }
                          return n;
                        } finally {
                          inFlight.decrementAndGet();
                        }
                      })
                  .parallelism(2)
                  .retry(RetryPolicy.on(IOException.class).backoff(Duration.ofMillis(5)))
                  .run(numbers(200));

          assertThat(values).isEqualTo(numbers(200));
          assertThat(mostInFlight.get()).isLessThanOrEqualTo(2);
        });
  }

  /**
   * A retried item is tried again when its backoff ends, not at the end of the input: here the
   * input never ends, and the consumer waits for the retried item.
   */
  @Test
  void aRetriedItemIsHandedOverBeforeAnEndlessInputEnds() {
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          AtomicBoolean failed = new AtomicBoolean();
          ParallelLoop<Long, Long> loop =
              Parallel.<Long, Long>cpu(
                      n -> {
                        if (n == 0 && failed.compareAndSet(false, true)) {
                          throw new IOException("busy");
                        }
                        return n;
                      })
                  .parallelism(1)
                  .retry(RetryPolicy.on(IOException.class).backoff(Duration.ofMillis(5)));
          try (Stream<Completed<Long>> results = loop.asCompleted(Stream.iterate(0L, n -> n + 1))) {
            assertThat(results.anyMatch(c -> c.index() == 0)).isTrue();
          }
        });
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
}
