package dev.parallelfor.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.Progress;
import dev.parallelfor.runtime.ProgressListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Details of what a run reports that the larger tests do not pin: the counts in a deadline's
 * message, the elapsed time, how many listener failures are kept, and the future's answers.
 */
class ReportingDetailsTest {
  private static final List<Integer> TEN = IntStream.range(0, 10).boxed().toList();

  @Test
  void aDeadlinesMessageCountsTheItemsFinishedBeforeIt() {
    RunOptions options =
        RunOptions.of(Mode.IO, 0).withParallelism(1).withTimeout(Duration.ofSeconds(1));
    ParallelForException failure =
        assertThrows(
            ParallelForException.class,
            () ->
                Runs.run(
                    options,
                    TEN,
                    (index, item) -> {
                      if (item == 3) {
                        new CountDownLatch(1).await(); // until the deadline interrupts it
                      }
                      spin(300_000); // keeps each chunk at one item: progress is counted by chunk
                      return item;
                    }));
    assertTrue(failure.getMessage().contains("(3 of 10 items done)"), failure.getMessage());
  }

  @Test
  void theElapsedTimeReportedIsTheRunsOwn() {
    AtomicReference<Progress> last = new AtomicReference<>();
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void onFinish(Progress progress) {
            last.set(progress);
          }
        };
    long before = System.nanoTime();
    Runs.run(RunOptions.of(Mode.CPU, 0).withListener(listener), TEN, (index, item) -> item);
    long wall = System.nanoTime() - before;
    Duration elapsed = last.get().elapsed();
    assertFalse(elapsed.isNegative(), elapsed.toString());
    assertTrue(elapsed.toNanos() <= wall, elapsed + " > " + Duration.ofNanos(wall));
  }

  @Test
  void aListenerThatAlwaysThrowsKeepsItsFirstFailureWithABoundedNumberOfLaterOnes() {
    AtomicInteger thrown = new AtomicInteger();
    ProgressListener failing =
        new ProgressListener() {
          @Override
          public void onProgress(Progress progress) {
            throw new IllegalStateException("listener failure " + thrown.incrementAndGet());
          }
        };
    // Items of about 300 µs keep every chunk at one item, so each item is one onProgress call.
    List<Integer> items = IntStream.range(0, 60).boxed().toList();
    ParallelForException failure =
        assertThrows(
            ParallelForException.class,
            () ->
                Runs.run(
                    RunOptions.of(Mode.CPU, 0).withParallelism(1).withListener(failing),
                    items,
                    (index, item) -> {
                      spin(300_000);
                      if (item == 59) {
                        throw new IllegalArgumentException("last item");
                      }
                      return item;
                    }));
    assertTrue(thrown.get() > 20, "listener threw only " + thrown.get() + " times");
    Throwable first = null;
    for (Throwable suppressed : failure.getSuppressed()) {
      if (suppressed.getMessage().equals("listener failure 1")) {
        first = suppressed;
      }
    }
    assertNotNull(first, "the listener's first failure is attached to the run's");
    assertEquals(15, first.getSuppressed().length, "sixteen listener failures kept in all");
    assertEquals("listener failure 2", first.getSuppressed()[0].getMessage());
  }

  @Test
  void cancellingAFinishedFutureAnswersFalseAndARunningOneTrue() throws Exception {
    RunOptions options = RunOptions.of(Mode.IO, 0);
    CompletableFuture<List<Integer>> done = Runs.runAsync(options, TEN, (index, item) -> item);
    assertEquals(TEN, done.join());
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
  void getOnANestedFutureInsideAWorkerOfAOneThreadPoolRunsItsItems() throws Exception {
    ExecutorService pool = ThreadFixtures.fixedDaemonPool(1, "nested-get-");
    try {
      RunOptions options = RunOptions.of(Mode.CPU, 0).withExecutor(pool);
      // The only thread runs the outer item, which waits for the inner run with get(): the inner
      // run can only make progress if the waiting worker runs its items itself.
      List<Integer> results =
          Runs.run(
              options,
              List.of(1, 2),
              (index, item) ->
                  Runs.runAsync(options, List.of(item, item), (i, x) -> x * 10).get().stream()
                      .mapToInt(Integer::intValue)
                      .sum());
      assertEquals(List.of(20, 40), results);
    } finally {
      ThreadFixtures.shutDownAndDrain(pool);
    }
  }

  /** Keeps the worker busy for about {@code nanos}: longer than the chunk sizing's target. */
  private static void spin(long nanos) {
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}
