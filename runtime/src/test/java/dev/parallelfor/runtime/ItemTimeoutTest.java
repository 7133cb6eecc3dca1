package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code itemTimeout}: an attempt that runs too long is interrupted and fails. */
class ItemTimeoutTest {
  private static final Duration SHORT = Duration.ofMillis(50);

  private static List<Integer> numbers(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toUnmodifiableList());
  }

  /** Blocks until interrupted, and rethrows the interrupt as a blocking call would. */
  private static Integer blockUntilInterrupted() throws InterruptedException {
    new CountDownLatch(1).await();
    throw new AssertionError("unreachable");
  }

  @Test
  void aBlockingItemIsInterruptedAndFailsWithATimeoutWhileTheOthersSucceed() {
    Results<Integer> results =
        Parallel.io((Integer n) -> n == 2 ? blockUntilInterrupted() : n * 10)
            .itemTimeout(SHORT)
            .runAll(numbers(5));

    assertThat(results.succeeded()).isEqualTo(4);
    assertThat(results.failures()).hasSize(1);
    ParallelForException failure = results.failures().get(0);
    assertThat(failure.index()).isEqualTo(2);
    assertThat(failure.getCause())
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("item timeout of 50 ms")
        .hasCauseInstanceOf(InterruptedException.class);
    assertThat(results.value(4)).isEqualTo(40);
  }

  @Test
  void aSpinningItemThatChecksItsInterruptFlagTimesOutEvenIfItReturnsAValue() {
    Results<Integer> results =
        Parallel.cpu(
                (Integer n) -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    Thread.onSpinWait();
                  }
                  return n; // returned too late: the attempt timed out all the same
                })
            .parallelism(2)
            .itemTimeout(SHORT)
            .runAll(numbers(2));

    assertThat(results.failed()).isEqualTo(2);
    for (ParallelForException failure : results.failures()) {
      assertThat(failure.getCause()).isInstanceOf(TimeoutException.class).hasNoCause();
    }
  }

  @Test
  void runFailsFastOnTheFirstTimedOutItem() {
    ParallelForException e =
        catchThrowableOfType(
            ParallelForException.class,
            () ->
                Parallel.io((Integer n) -> n == 3 ? blockUntilInterrupted() : n)
                    .parallelism(1)
                    .itemTimeout(SHORT)
                    .run(numbers(100)));

    assertThat(e.index()).isEqualTo(3);
    assertThat(e.getCause()).isInstanceOf(TimeoutException.class);
  }

  @Test
  void theThreadOfATimedOutItemIsNotLeftInterruptedForTheNextItem() {
    List<Boolean> interruptedAtStart = Collections.synchronizedList(new ArrayList<>());
    Results<Integer> results =
        Parallel.cpu(
                (Integer n) -> {
                  interruptedAtStart.add(Thread.currentThread().isInterrupted());
                  return n % 2 == 0 ? blockUntilInterrupted() : n;
                })
            .parallelism(1)
            .itemTimeout(SHORT)
            .runAll(numbers(6));

    assertThat(results.failed()).isEqualTo(3);
    assertThat(results.succeeded()).isEqualTo(3);
    assertThat(interruptedAtStart).hasSize(6).containsOnly(false);
  }

  @Test
  void quickItemsAreNeverInterruptedByTheirTimers() {
    AtomicBoolean sawInterrupt = new AtomicBoolean();
    List<Integer> values =
        Parallel.cpu(
                (Integer n) -> {
                  if (Thread.currentThread().isInterrupted()) {
                    sawInterrupt.set(true);
                  }
                  return n + 1;
                })
            .itemTimeout(Duration.ofSeconds(10))
            .run(numbers(20_000));

    assertThat(values).hasSize(20_000).startsWith(1, 2, 3);
    assertThat(sawInterrupt).isFalse();
  }

  @Test
  void anItemTimeoutMustBePositive() {
    assertThatThrownBy(() -> Parallel.io((Integer n) -> n).itemTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("itemTimeout must be > 0, was 0 s");
    assertThatThrownBy(() -> Parallel.io((Integer n) -> n).itemTimeout(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("itemTimeout");
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
              TestBounds.HANG,
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
}
