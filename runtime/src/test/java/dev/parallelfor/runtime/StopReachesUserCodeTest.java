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
 * Every request to stop a run interrupts whatever user code the run is still in, even when the run
 * had stopped already, and every wait of the caller answers each of its interrupts.
 */
class StopReachesUserCodeTest {
  /**
   * A run of one worker whose state's {@code close()} blocks until interrupted, and whose item
   * blocks until the deadline interrupts it: the close starts after the deadline, with the
   * deadline's interrupt cleared.
   */
  private static ParallelLoop<Integer, Integer> closeBlocksAfterTheDeadline(
      CountDownLatch closing, AtomicBoolean closeInterrupted) {
    return Parallel.<Integer, Integer>perWorker(
            Mode.IO,
            worker -> {
              worker.local(
                  () ->
                      (AutoCloseable)
                          () -> {
                            closing.countDown();
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
        .timeout(Duration.ofMillis(50));
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
    CountDownLatch closing = new CountDownLatch(1);
    AtomicBoolean closeInterrupted = new AtomicBoolean();
    ParallelLoop<Integer, Integer> loop = closeBlocksAfterTheDeadline(closing, closeInterrupted);
    Thread[] caller = new Thread[1];
    CompletableFuture<Object[]> ended = onCaller(unused -> loop.run(List.of(1)), caller);

    assertThat(closing.await(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
    caller[0].interrupt();
    Object[] outcome = ended.get(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS);

    assertThat((Throwable) outcome[0])
        .as("the deadline stopped the run first")
        .isInstanceOf(ParallelForException.class)
        .hasCauseInstanceOf(TimeoutException.class);
    assertThat(outcome[1]).as("the caller's interrupt flag is restored").isEqualTo(true);
    assertThat(closeInterrupted).isTrue();
  }

  @Test
  void closingAStreamInterruptsACloseBlockedAfterTheDeadline() throws Exception {
    CountDownLatch closing = new CountDownLatch(1);
    AtomicBoolean closeInterrupted = new AtomicBoolean();
    Stream<Integer> results =
        closeBlocksAfterTheDeadline(closing, closeInterrupted).stream(List.of(1));
    assertThat(closing.await(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();

    Thread[] closer = new Thread[1];
    Object[] outcome =
        onCaller(unused -> results.close(), closer)
            .get(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS);

    assertThat((Throwable) outcome[0]).isNull(); // closing a stream throws nothing
    assertThat(closeInterrupted).isTrue();
  }

  @Test
  void aSecondCancelInterruptsAnItemThatIgnoredTheFirst() throws Exception {
    CountDownLatch firstIgnored = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    CompletableFuture<List<Integer>> run =
        Parallel.io(
                (Integer n) -> {
                  try {
                    new CountDownLatch(1).await();
                  } catch (InterruptedException first) {
                    firstIgnored.countDown(); // goes on, as code that swallows an interrupt
                  }
                  new CountDownLatch(1).await(); // only a second interrupt ends this
                  return n;
                })
            .parallelism(1)
            .timeout(Duration.ofMillis(50))
            .onProgress(
                new ProgressListener() {
                  @Override
                  public void onFinish(Progress progress) {
                    finished.countDown();
                  }
                })
            .runAsync(List.of(1));
    assertThat(firstIgnored.await(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();

    run.cancel(true); // a second request to stop the run

    assertThat(finished.await(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS))
        .as("the run ended")
        .isTrue();
  }
}
