package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelfor.Mode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every request to stop a run (a deadline, a failure, the caller's interrupt, closing its stream,
 * cancelling its future) interrupts whatever user code the run is still in, even when the run had
 * stopped already, and every wait of the caller answers each of its interrupts.
 */
class StopReachesUserCodeTest {
  /**
   * A run of one worker whose state's {@code close()} blocks until interrupted, and whose item
   * blocks until the deadline interrupts it: the close starts after the deadline, with the
   * deadline's interrupt cleared.
   */
  private static final class CloseBlocksAfterTheDeadline {
    final CompletableFuture<Void> closeBlocking = new CompletableFuture<>();
    final CompletableFuture<Void> finished = new CompletableFuture<>();
    final AtomicBoolean closeInterrupted = new AtomicBoolean();

    ParallelLoop<Integer, Integer> loop() {
      return Parallel.<Integer, Integer>perWorker(
              Mode.IO,
              worker -> {
                worker.local(
                    () ->
                        (AutoCloseable)
                            () -> {
                              closeBlocking.complete(null);
                              try {
                                new CountDownLatch(1).await();
                              } catch (InterruptedException e) {
                                closeInterrupted.set(true);
                                throw e;
                              }
                            });
                return (long index, Integer n) -> {
                  new CountDownLatch(1).await(); // until the deadline interrupts it
                  return n;
                };
              })
          .parallelism(1)
          .timeout(Duration.ofMillis(100))
          .onProgress(
              new ProgressListener() {
                @Override
                public void onFinish(Progress progress) {
                  finished.complete(null);
                }
              });
    }

    /**
     * Whether the close blocks now; false when the run ended without any: on a slow machine the
     * deadline may pass before the worker's first item, which then never makes its state.
     */
    boolean closeBlocks() throws Exception {
      CompletableFuture.anyOf(closeBlocking, finished)
          .get(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS);
      return closeBlocking.isDone();
    }
  }

  /** Calls {@code call} on a thread of its own; completes with what it threw and its flag. */
  private static CompletableFuture<Object[]> onCaller(Consumer<Void> call, Thread[] caller) {
    CompletableFuture<Object[]> ended = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              Throwable thrown = null;
              try {
                call.accept(null);
              } catch (Throwable t) {
                thrown = t;
              }
              ended.complete(new Object[] {thrown, Thread.currentThread().isInterrupted()});
            },
            "caller");
    thread.setDaemon(true); // on the old code it never ends
    caller[0] = thread;
    thread.start();
    return ended;
  }

  @Test
  void aCloseBlockedAfterTheDeadlineIsInterruptedWhenTheCallerIsInterrupted() throws Exception {
    CloseBlocksAfterTheDeadline scenario;
    Thread[] caller = new Thread[1];
    CompletableFuture<Object[]> ended;
    do {
      scenario = new CloseBlocksAfterTheDeadline();
      ParallelLoop<Integer, Integer> loop = scenario.loop();
      ended = onCaller(unused -> loop.run(List.of(1)), caller);
    } while (!scenario.closeBlocks());

    caller[0].interrupt();
    Object[] outcome = ended.get(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS);

    assertThat((Throwable) outcome[0])
        .as("the deadline stopped the run first")
        .isInstanceOf(ParallelForException.class)
        .hasCauseInstanceOf(TimeoutException.class);
    assertThat(outcome[1]).as("the caller's interrupt flag is restored").isEqualTo(true);
    assertThat(scenario.closeInterrupted).isTrue();
  }

  @Test
  void closingAStreamInterruptsACloseBlockedAfterTheDeadline() throws Exception {
    CloseBlocksAfterTheDeadline scenario;
    Stream<Integer> results;
    do {
      scenario = new CloseBlocksAfterTheDeadline();
      results = scenario.loop().stream(List.of(1));
    } while (!scenario.closeBlocks());

    Stream<Integer> closing = results;
    Object[] outcome =
        onCaller(unused -> closing.close(), new Thread[1])
            .get(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS);

    assertThat((Throwable) outcome[0]).isNull(); // closing a stream throws nothing
    assertThat(scenario.closeInterrupted).isTrue();
  }

  /**
   * The item fails, which stops the run; the worker's close then starts with no interrupt pending
   * and blocks. Cancelling the future is a new request to stop: it must reach that close, though
   * the run had stopped already and the future only now completes.
   */
  @Test
  void cancellingTheFutureInterruptsACloseBlockedAfterTheRunFailed() throws Exception {
    CompletableFuture<Void> closeBlocking = new CompletableFuture<>();
    CompletableFuture<Void> finished = new CompletableFuture<>();
    AtomicBoolean closeInterrupted = new AtomicBoolean();
    CompletableFuture<List<Integer>> run =
        Parallel.<Integer, Integer>perWorker(
                Mode.IO,
                worker -> {
                  worker.local(
                      () ->
                          (AutoCloseable)
                              () -> {
                                closeBlocking.complete(null);
                                try {
                                  new CountDownLatch(1).await(); // until a stop interrupts it
                                } catch (InterruptedException e) {
                                  closeInterrupted.set(true);
                                }
                              });
                  return (long index, Integer n) -> {
                    throw new IllegalStateException("item " + index + " fails");
                  };
                })
            .parallelism(1)
            .onProgress(
                new ProgressListener() {
                  @Override
                  public void onFinish(Progress progress) {
                    finished.complete(null);
                  }
                })
            .runAsync(List.of(1));
    closeBlocking.get(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS);
    assertThat(run).as("a worker is still closing: the run has not ended").isNotDone();

    assertThat(run.cancel(true)).isTrue();

    finished.get(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS); // the run ended
    assertThat(closeInterrupted).as("the cancel reached the blocked close").isTrue();
  }

  @Test
  void aSecondCancelInterruptsAnItemThatIgnoredTheFirst() throws Exception {
    CompletableFuture<Void> firstIgnored;
    CompletableFuture<Void> finished;
    CompletableFuture<List<Integer>> run;
    do {
      CompletableFuture<Void> ignored = new CompletableFuture<>();
      CompletableFuture<Void> ended = new CompletableFuture<>();
      firstIgnored = ignored;
      finished = ended;
      run =
          Parallel.io(
                  (Integer n) -> {
                    try {
                      new CountDownLatch(1).await();
                    } catch (InterruptedException first) {
                      ignored.complete(null); // goes on, as code that swallows an interrupt
                    }
                    new CountDownLatch(1).await(); // only a second interrupt ends this
                    return n;
                  })
              .parallelism(1)
              .timeout(Duration.ofMillis(100))
              .onProgress(
                  new ProgressListener() {
                    @Override
                    public void onFinish(Progress progress) {
                      ended.complete(null);
                    }
                  })
              .runAsync(List.of(1));
      CompletableFuture.anyOf(firstIgnored, finished)
          .get(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS);
      // Ended at once: the deadline passed before the item started, on a slow machine.
    } while (!firstIgnored.isDone());

    run.cancel(true); // a second request to stop the run

    finished.get(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS); // the run ended
  }
}
