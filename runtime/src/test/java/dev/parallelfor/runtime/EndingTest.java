package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.parallelfor.Mode;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

  @Test
  void aStreamClosedAfterItsLastItemWhileTheRunWasStillEndingIsDone() {
    AtomicReference<Ending> ending = new AtomicReference<>();
    CountDownLatch lastReported = new CountDownLatch(1);
    ProgressListener holdsTheLastWorker =
        new ProgressListener() {
          @Override
          public void onProgress(Progress progress) {
            if (progress.completed() == 3) {
              lastReported.countDown();
              try {
                new CountDownLatch(1).await(); // until the stream's close interrupts this worker
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }

          @Override
          public void onFinish(Progress progress, Ending how) {
            ending.set(how);
          }
        };
    Stream<Integer> results =
        Parallel.of(Mode.IO, (Integer n) -> n * 10)
            .parallelism(1)
            .onProgress(holdsTheLastWorker)
            .stream(List.of(1, 2, 3));
    Iterator<Integer> it = results.iterator();

    assertThat(List.of(it.next(), it.next(), it.next())).containsExactly(10, 20, 30);
    await(lastReported); // the run has not ended: its worker is still inside
    results.close();

    assertThat(ending.get()).isEqualTo(Ending.done());
  }

  @Test
  void aStreamClosedBeforeItsLastItemIsCancelled() {
    AtomicReference<Ending> ending = new AtomicReference<>();
    CountDownLatch firstReported = new CountDownLatch(1);
    ProgressListener holdsTheWorker =
        new ProgressListener() {
          @Override
          public void onProgress(Progress progress) {
            firstReported.countDown();
            try {
              new CountDownLatch(1).await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }

          @Override
          public void onFinish(Progress progress, Ending how) {
            ending.set(how);
          }
        };
    Stream<Integer> results =
        Parallel.of(Mode.IO, (Integer n) -> n * 10)
            .parallelism(1)
            .onProgress(holdsTheWorker)
            .stream(List.of(1, 2, 3));
    Iterator<Integer> it = results.iterator();

    assertThat(it.next()).isEqualTo(10);
    await(firstReported);
    results.close();

    assertThat(ending.get().kind()).isEqualTo(Ending.Kind.CANCELLED);
  }

  // The record itself: its checks, how a failure is classified, and how each ending reads.

  @ParameterizedTest
  @EnumSource(Ending.Kind.class)
  void everyKindTakesMinusOneAsNoIndex(Ending.Kind kind) {
    Ending ending = new Ending(kind, -1, Optional.empty());
    assertThat(ending.kind()).isEqualTo(kind);
    assertThat(ending.index()).isEqualTo(-1);
    assertThat(ending.failure()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = Ending.Kind.class,
      names = {"DONE", "TIMED_OUT", "CANCELLED"})
  void onlyAFailureNamesAnIndexEvenItemZero(Ending.Kind kind) {
    assertThatThrownBy(() -> new Ending(kind, 0, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("index must be -1, or >= 0 for FAILED, was 0");
  }

  @Test
  void aFailureMayNameItemZeroButNoIndexBelowMinusOne() {
    assertThat(new Ending(Ending.Kind.FAILED, 0, Optional.empty()).index()).isZero();
    assertThatThrownBy(() -> new Ending(Ending.Kind.FAILED, -2, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("index must be -1, or >= 0 for FAILED, was -2");
  }

  @Test
  void kindAndFailureAreRequired() {
    assertThatThrownBy(() -> new Ending(null, -1, Optional.empty()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("kind");
    assertThatThrownBy(() -> new Ending(Ending.Kind.DONE, -1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("failure");
  }

  @Test
  void eachEndingDescribesItself() {
    assertThat(Ending.done().describe()).isEqualTo("done");
    assertThat(new Ending(Ending.Kind.FAILED, 41, Optional.empty()).describe())
        .isEqualTo("failed at item 41");
    assertThat(new Ending(Ending.Kind.FAILED, 0, Optional.empty()).describe())
        .isEqualTo("failed at item 0");
    assertThat(new Ending(Ending.Kind.FAILED, -1, Optional.empty()).describe()).isEqualTo("failed");
    assertThat(new Ending(Ending.Kind.TIMED_OUT, -1, Optional.empty()).describe())
        .isEqualTo("timed out");
    assertThat(new Ending(Ending.Kind.CANCELLED, -1, Optional.empty()).describe())
        .isEqualTo("cancelled");
  }

  @Test
  void doneIsOneValueWithoutIndexOrFailure() {
    Ending done = Ending.done();
    assertThat(done).isSameAs(Ending.done());
    assertThat(done)
        .isEqualTo(new Ending(Ending.Kind.DONE, -1, Optional.empty()))
        .hasSameHashCodeAs(new Ending(Ending.Kind.DONE, -1, Optional.empty()))
        .isNotEqualTo(new Ending(Ending.Kind.CANCELLED, -1, Optional.empty()));
    assertThat(done).hasToString("Ending[kind=DONE, index=-1, failure=Optional.empty]");
  }

  @Test
  void aDeadlineOfTheWholeRunIsTimedOutAndKeepsItsFailure() {
    ParallelForException deadline =
        new ParallelForException("timed out", -1, null, new TimeoutException());
    assertThat(Ending.stoppedBy(deadline))
        .isEqualTo(new Ending(Ending.Kind.TIMED_OUT, -1, Optional.of(deadline)));
  }

  @Test
  void anInterruptOfTheWholeRunIsCancelledAndKeepsItsFailure() {
    ParallelForException interrupt =
        new ParallelForException("interrupted", -1, null, new InterruptedException());
    assertThat(Ending.stoppedBy(interrupt))
        .isEqualTo(new Ending(Ending.Kind.CANCELLED, -1, Optional.of(interrupt)));
  }

  @Test
  void anItemThatTimedOutOrWasInterruptedIsAFailureOfThatItem() {
    // Item 0 is an item: only a failure of no item (index -1) is the run's deadline or cancel.
    ParallelForException itemTimedOut =
        new ParallelForException("item 0 timed out", 0, "a", new TimeoutException());
    ParallelForException itemInterrupted =
        new ParallelForException("item 0 interrupted", 0, "a", new InterruptedException());
    assertThat(Ending.stoppedBy(itemTimedOut))
        .isEqualTo(new Ending(Ending.Kind.FAILED, 0, Optional.of(itemTimedOut)));
    assertThat(Ending.stoppedBy(itemInterrupted))
        .isEqualTo(new Ending(Ending.Kind.FAILED, 0, Optional.of(itemInterrupted)));
  }

  @Test
  void aRunLevelFailureOfAnotherCauseIsAFailureOfNoItem() {
    ParallelForException input = new ParallelForException("input", -1, null, new IOException());
    ParallelForException below = new ParallelForException("odd", -7, null, new IOException());
    ParallelForException belowTimedOut =
        new ParallelForException("odd deadline", -7, null, new TimeoutException());
    assertThat(Ending.stoppedBy(input))
        .isEqualTo(new Ending(Ending.Kind.FAILED, -1, Optional.of(input)));
    assertThat(Ending.stoppedBy(below))
        .isEqualTo(new Ending(Ending.Kind.FAILED, -1, Optional.of(below)));
    assertThat(Ending.stoppedBy(belowTimedOut).kind()).isEqualTo(Ending.Kind.TIMED_OUT);
  }

  @Test
  void anUnwrappedThrowableIsAFailureWhateverItIs() {
    TimeoutException timeout = new TimeoutException();
    InterruptedException interrupt = new InterruptedException();
    assertThat(Ending.stoppedBy(timeout))
        .isEqualTo(new Ending(Ending.Kind.FAILED, -1, Optional.of(timeout)));
    assertThat(Ending.stoppedBy(interrupt))
        .isEqualTo(new Ending(Ending.Kind.FAILED, -1, Optional.of(interrupt)));
  }

  @Test
  void noFailureAtAllIsACancel() {
    assertThat(Ending.stoppedBy(null))
        .isEqualTo(new Ending(Ending.Kind.CANCELLED, -1, Optional.empty()));
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
