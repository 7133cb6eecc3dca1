package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A run tells its listener how it ended, on every path. */
class EndingTest {
  private static List<Integer> numbers(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toUnmodifiableList());
  }

  /** Keeps the ending it is given; the one-argument onFinish must not be the one called. */
  private static final class Recorder implements ProgressListener {
    final CompletableFuture<Ending> ending = new CompletableFuture<>();
    final CountDownLatch oneArgumentCalls = new CountDownLatch(1);

    @Override
    public void onFinish(Progress progress) {
      oneArgumentCalls.countDown();
    }

    @Override
    public void onFinish(Progress progress, Ending ending) {
      this.ending.complete(ending);
    }

    Ending get() throws Exception {
      Ending result = ending.get(20, TimeUnit.SECONDS);
      assertThat(oneArgumentCalls.getCount()).as("onFinish(Progress) not called").isOne();
      return result;
    }
  }

  private static Integer blockUntilInterrupted(CountDownLatch started) throws InterruptedException {
    started.countDown();
    new CountDownLatch(1).await();
    throw new AssertionError("unreachable");
  }

  @Test
  void aRunThatGoesToItsEndIsDone() throws Exception {
    Recorder recorder = new Recorder();
    Parallel.cpu((Integer n) -> n).onProgress(recorder).run(numbers(100));
    assertThat(recorder.get()).isEqualTo(Ending.done());
  }

  @Test
  void runAllWithFailedItemsIsStillDone() throws Exception {
    Recorder recorder = new Recorder();
    Results<Integer> results =
        Parallel.cpu(
                (Integer n) -> {
                  if (n % 10 == 3) {
                    throw new IllegalStateException("bad " + n);
                  }
                  return n;
                })
            .onProgress(recorder)
            .runAll(numbers(100));
    assertThat(results.failed()).isEqualTo(10);
    assertThat(recorder.get().kind()).isEqualTo(Ending.Kind.DONE);
  }

  @Test
  void aFailedItemNamesItsIndex() throws Exception {
    Recorder recorder = new Recorder();
    Throwable thrown =
        catchThrowable(
            () ->
                Parallel.cpu(
                        (Integer n) -> {
                          if (n == 41) {
                            throw new IllegalStateException("bad");
                          }
                          return n;
                        })
                    .parallelism(1)
                    .onProgress(recorder)
                    .run(numbers(100)));
    assertThat(thrown).isInstanceOf(ParallelForException.class);
    Ending ending = recorder.get();
    assertThat(ending.kind()).isEqualTo(Ending.Kind.FAILED);
    assertThat(ending.index()).isEqualTo(41);
    assertThat(ending.describe()).isEqualTo("failed at item 41");
    assertThat(ending.failure()).get().isInstanceOf(ParallelForException.class);
  }

  @Test
  void aPassedDeadlineIsTimedOut() throws Exception {
    Recorder recorder = new Recorder();
    CountDownLatch started = new CountDownLatch(1);
    Throwable thrown =
        catchThrowable(
            () ->
                Parallel.io((Integer n) -> blockUntilInterrupted(started))
                    .timeout(Duration.ofMillis(50))
                    .onProgress(recorder)
                    .run(numbers(2)));
    assertThat(thrown).hasCauseInstanceOf(TimeoutException.class);
    assertThat(thrown).hasMessageContaining("timed out after 50 ms");
    assertThat(recorder.get().kind()).isEqualTo(Ending.Kind.TIMED_OUT);
  }

  @Test
  void aCancelledFutureIsCancelled() throws Exception {
    Recorder recorder = new Recorder();
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<List<Integer>> future =
        Parallel.io((Integer n) -> blockUntilInterrupted(started))
            .onProgress(recorder)
            .runAsync(numbers(2));
    assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
    future.cancel(true);
    assertThat(recorder.get().describe()).isEqualTo("cancelled");
  }

  @Test
  void aStreamClosedEarlyIsCancelled() throws Exception {
    Recorder recorder = new Recorder();
    try (Stream<Integer> results =
        Parallel.cpu((Integer n) -> n).parallelism(2).onProgress(recorder).stream(
            numbers(10_000))) {
      assertThat(results.limit(3)).containsExactly(0, 1, 2);
    }
    assertThat(recorder.get().kind()).isEqualTo(Ending.Kind.CANCELLED);
  }

  @Test
  void aStreamReadToItsEndIsDoneThoughItIsClosedAfterwards() throws Exception {
    Recorder recorder = new Recorder();
    try (Stream<Integer> results =
        Parallel.cpu((Integer n) -> n).parallelism(2).onProgress(recorder).stream(numbers(100))) {
      assertThat(results.count()).isEqualTo(100);
    }
    assertThat(recorder.get().kind()).isEqualTo(Ending.Kind.DONE);
  }
}
