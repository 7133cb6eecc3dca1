package dev.parallelfor.runtime.internal;

import static dev.parallelfor.runtime.internal.Fixtures.cpu;
import static dev.parallelfor.runtime.internal.Fixtures.io;
import static dev.parallelfor.runtime.internal.Fixtures.lazy;
import static dev.parallelfor.runtime.internal.Fixtures.numbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.TestBounds;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CancellationTest {
  private static final Duration GUARD = TestBounds.HANG;

  /** An item body that blocks until interrupted and counts the interrupts it saw. */
  private static Integer blockForever(AtomicInteger interrupted, Integer x)
      throws InterruptedException {
    try {
      new CountDownLatch(1).await();
      return x;
    } catch (InterruptedException e) {
      interrupted.incrementAndGet();
      throw e;
    }
  }

  @Test
  void timeoutCancelsTheRunAndReportsATimeout() {
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          AtomicInteger started = new AtomicInteger();
          AtomicInteger interrupted = new AtomicInteger();
          Fixtures.RecordingListener listener = new Fixtures.RecordingListener();
          ParallelForException e =
              catchThrowableOfType(
                  ParallelForException.class,
                  () ->
                      Runs.run(
                          io().withParallelism(3)
                              .withTimeout(Duration.ofMillis(100))
                              .withListener(listener),
                          numbers(10),
                          (i, x) -> {
                            started.incrementAndGet();
                            return blockForever(interrupted, x);
                          }));
          assertThat(e.index()).isEqualTo(-1);
          assertThat(e.item()).isNull();
          assertThat(e.getCause()).isInstanceOf(TimeoutException.class);
          assertThat(e.getSuppressed()).isEmpty();
          // On a loaded machine the deadline may pass before every worker has started its item:
          // each item that did start was interrupted, and no other started.
          assertThat(started.get()).isBetween(0, 3);
          assertThat(interrupted).hasValue(started.get());
          assertThat(listener.finishes).hasSize(1);
          assertThat(Thread.currentThread().isInterrupted()).isFalse();
        });
  }

  @Test
  void interruptingTheCallerCancelsTheRunAndRestoresTheFlag() {
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          AtomicInteger interrupted = new AtomicInteger();
          CountDownLatch running = new CountDownLatch(2);
          AtomicReference<Throwable> thrown = new AtomicReference<>();
          AtomicBoolean flagAfter = new AtomicBoolean();
          Thread caller =
              new Thread(
                  () -> {
                    try {
                      Runs.run(
                          cpu().withParallelism(2),
                          numbers(100),
                          (i, x) -> {
                            running.countDown();
                            return blockForever(interrupted, x);
                          });
                    } catch (Throwable t) {
                      thrown.set(t);
                    }
                    flagAfter.set(Thread.currentThread().isInterrupted());
                  });
          caller.start();
          running.await();
          caller.interrupt();
          caller.join();
          ParallelForException e = (ParallelForException) thrown.get();
          assertThat(e.index()).isEqualTo(-1);
          assertThat(e.getCause()).isInstanceOf(InterruptedException.class);
          assertThat(interrupted).hasValue(2);
          assertThat(flagAfter).isTrue();
        });
  }

  @Test
  void timeoutAlsoStopsARunOfParallelismOne() {
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          AtomicInteger started = new AtomicInteger();
          AtomicInteger interrupted = new AtomicInteger();
          ParallelForException e =
              catchThrowableOfType(
                  ParallelForException.class,
                  () ->
                      Runs.run(
                          cpu().withParallelism(1).withTimeout(Duration.ofMillis(50)),
                          numbers(5),
                          (i, x) -> {
                            started.incrementAndGet();
                            return blockForever(interrupted, x);
                          }));
          assertThat(e.getCause()).isInstanceOf(TimeoutException.class);
          // On a loaded machine the deadline may pass before the worker starts: then no item runs.
          assertThat(started.get()).isLessThanOrEqualTo(1);
          assertThat(interrupted).hasValue(started.get());
          // The run's own interrupt does not leak into the caller.
          assertThat(Thread.currentThread().isInterrupted()).isFalse();
        });
  }

  @Test
  void interruptingAnInlineRunCancelsItAndKeepsTheFlag() {
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          AtomicReference<Throwable> thrown = new AtomicReference<>();
          AtomicBoolean flagAfter = new AtomicBoolean();
          AtomicInteger calls = new AtomicInteger();
          CountDownLatch running = new CountDownLatch(1);
          Thread caller =
              new Thread(
                  () -> {
                    try {
                      Runs.run(
                          cpu().withParallelism(1),
                          numbers(100),
                          (i, x) -> {
                            calls.incrementAndGet();
                            running.countDown();
                            new CountDownLatch(1).await();
                            return x;
                          });
                    } catch (Throwable t) {
                      thrown.set(t);
                    }
                    flagAfter.set(Thread.currentThread().isInterrupted());
                  });
          caller.start();
          running.await();
          caller.interrupt();
          caller.join();
          ParallelForException e = (ParallelForException) thrown.get();
          assertThat(e.index()).isEqualTo(-1);
          assertThat(e.getCause()).isInstanceOf(InterruptedException.class);
          assertThat(flagAfter).isTrue();
          assertThat(calls).hasValue(1);
        });
  }

  @Test
  void runAsyncReturnsAtOnceAndCompletesWithTheResults() throws Exception {
    Semaphore release = new Semaphore(0);
    CompletableFuture<List<Integer>> future =
        Runs.runAsync(
            cpu(),
            numbers(100),
            (i, x) -> {
              if (x == 0) {
                release.acquire();
              }
              return x + 1;
            });
    assertThat(future).isNotDone();
    release.release();
    assertThat(future.get()).hasSize(100).startsWith(1, 2, 3);
  }

  @Test
  void runAsyncFailureCompletesExceptionallyWithTheParallelForException() {
    CompletableFuture<List<Integer>> future =
        Runs.runAsync(
            cpu(),
            numbers(100),
            (i, x) -> {
              if (x == 42) {
                throw new IOException("42");
              }
              return x;
            });
    ExecutionException e = catchThrowableOfType(ExecutionException.class, future::get);
    assertThat(e.getCause()).isInstanceOf(ParallelForException.class);
    assertThat(((ParallelForException) e.getCause()).index()).isEqualTo(42);
  }

  @Test
  void cancellingTheFutureInterruptsTheRunningItems() {
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          AtomicInteger interrupted = new AtomicInteger();
          CountDownLatch running = new CountDownLatch(2);
          CountDownLatch finished = new CountDownLatch(1);
          CompletableFuture<List<Integer>> future =
              Runs.runAsync(
                  cpu()
                      .withParallelism(2)
                      .withListener(
                          new dev.parallelfor.runtime.ProgressListener() {
                            @Override
                            public void onFinish(dev.parallelfor.runtime.Progress p) {
                              finished.countDown();
                            }
                          }),
                  numbers(100),
                  (i, x) -> {
                    running.countDown();
                    return blockForever(interrupted, x);
                  });
          running.await();
          assertThat(future.cancel(true)).isTrue();
          finished.await();
          assertThat(interrupted).hasValue(2);
          assertThat(future).isCancelled();
        });
  }

  @Test
  void cancellingAFinishedFutureAnswersFalseAndARunningOneTrue() throws Exception {
    RunOptions options = RunOptions.of(Mode.IO, 0);
    CompletableFuture<List<Integer>> done =
        Runs.runAsync(options, numbers(10), (index, item) -> item);
    assertEquals(numbers(10), done.join());
    assertFalse(done.cancel(true));

    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<List<Integer>> running =
        Runs.runAsync(
            options,
            List.of(1),
            (index, item) -> {
              started.countDown();
              new CountDownLatch(1).await(); // until cancelled
              return item;
            });
    started.await();
    assertTrue(running.cancel(true));
    assertTrue(running.isCancelled());
  }

  @Test
  void closingTheResultStreamEarlyCancelsTheRunAndClosesTheInput() {
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          AtomicInteger started = new AtomicInteger();
          AtomicInteger inputClosed = new AtomicInteger();
          Fixtures.RecordingListener listener = new Fixtures.RecordingListener();
          Stream<Integer> input =
              Stream.iterate(0, x -> x + 1).onClose(inputClosed::incrementAndGet);
          try (Stream<Integer> results =
              Runs.stream(
                  cpu().withParallelism(2).withListener(listener),
                  input,
                  (i, x) -> {
                    started.incrementAndGet();
                    return x;
                  })) {
            assertThat(results.limit(10)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
          }
          // close() returned only after the workers stopped: nothing starts any more.
          int afterClose = started.get();
          assertThat(inputClosed).hasValue(1);
          assertThat(listener.finishes).hasSize(1);
          assertThat(started.get()).isEqualTo(afterClose);
        });
  }

  @Test
  void abandonedStreamIsCancelledOnceCollected() {
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          CountDownLatch inputClosed = new CountDownLatch(1);
          Stream<Integer> unbounded = Stream.iterate(0, x -> x + 1).onClose(inputClosed::countDown);
          assertThat(firstResultWithoutClosing(unbounded)).isZero();
          // Nothing holds the result stream any more: the collector finds it and the run ends.
          while (!inputClosed.await(50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            System.gc();
          }
        });
  }

  private static Integer firstResultWithoutClosing(Stream<Integer> input) {
    return Runs.<Integer, Integer>stream(cpu().withParallelism(2), input, (i, x) -> x)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void streamingFormThrowsTheFirstFailure() {
    try (Stream<Integer> results =
        Runs.stream(
            cpu(),
            lazy(numbers(1000)),
            (i, x) -> {
              if (x == 500) {
                throw new IOException("at 500");
              }
              return x;
            })) {
      ParallelForException e =
          catchThrowableOfType(ParallelForException.class, () -> results.forEach(x -> {}));
      assertThat(e.index()).isEqualTo(500);
    }
  }

  @Test
  void runAllIsCancelledByTheDeadlineLikeRun() {
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          AtomicInteger interrupted = new AtomicInteger();
          ParallelForException e =
              catchThrowableOfType(
                  ParallelForException.class,
                  () ->
                      Runs.runAll(
                          io().withParallelism(2).withTimeout(Duration.ofMillis(50)),
                          numbers(4),
                          (i, x) -> blockForever(interrupted, x)));
          assertThat(e.getCause()).isInstanceOf(TimeoutException.class);
        });
  }

  @Test
  void inputIsNotReadAfterTheRunStopped() {
    AtomicInteger read = new AtomicInteger();
    Iterable<Integer> input =
        () ->
            new Iterator<>() {
              @Override
              public boolean hasNext() {
                return true;
              }

              @Override
              public Integer next() {
                return read.getAndIncrement();
              }
            };
    catchThrowableOfType(
        ParallelForException.class,
        () ->
            Runs.run(
                cpu().withParallelism(1),
                input,
                (i, x) -> {
                  if (x == 3) {
                    throw new IOException("stop");
                  }
                  return x;
                }));
    // Chunks grow from one item: at most the chunk holding item 3 was read.
    assertThat(read.get()).isLessThanOrEqualTo(4 + 16);
  }
}
