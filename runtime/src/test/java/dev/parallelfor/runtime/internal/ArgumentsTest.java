package dev.parallelfor.runtime.internal;

import static dev.parallelfor.runtime.internal.Fixtures.cpu;
import static dev.parallelfor.runtime.internal.Fixtures.numbers;
import static dev.parallelfor.runtime.internal.ThreadFixtures.daemonThreads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.TestBounds;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Arguments are checked at once and name what is wrong: null items and options, a parallelism below
 * one, timeouts too short to wait or too long to count, executors that drop work without a word,
 * and ranges that are reversed or hold more values than a long can count.
 */
class ArgumentsTest {
  private static final Duration GUARD = TestBounds.HANG;

  // ---------------------------------------------------------------------------------------------
  // Items and options

  @Test
  void nullItemsNamesTheArgument() {
    assertThatThrownBy(() -> Runs.run(cpu(), (Iterable<Integer>) null, (i, x) -> x))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("items");
    assertThatThrownBy(() -> Runs.run(cpu(), (Stream<Integer>) null, (i, x) -> x))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("items");
    assertThatThrownBy(() -> Runs.runAsync(cpu(), (Iterable<Integer>) null, (i, x) -> x))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("items");
    assertThatThrownBy(() -> Runs.stream(cpu(), (Iterable<Integer>) null, (i, x) -> x))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("items");
  }

  @Test
  void parallelismBelowOneIsRejectedWithItsValue() {
    assertThatThrownBy(() -> cpu().withParallelism(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "parallelism must be >= 1, was 0; for the mode's default, leave parallelism unset");
    assertThatThrownBy(() -> cpu().withParallelism(-3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parallelism must be >= 1, was -3");
    assertThatThrownBy(() -> RunOptions.of(Mode.CPU, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was -1");
  }

  @Test
  void optionsAreImmutable() {
    RunOptions base = cpu();
    RunOptions changed = base.withParallelism(3).withTimeout(Duration.ofSeconds(1));
    org.assertj.core.api.Assertions.assertThat(base.parallelism()).isZero();
    org.assertj.core.api.Assertions.assertThat(base.timeout()).isNull();
    org.assertj.core.api.Assertions.assertThat(changed.parallelism()).isEqualTo(3);
    org.assertj.core.api.Assertions.assertThat(List.of(changed.timeout()))
        .containsExactly(Duration.ofSeconds(1));
  }

  // ---------------------------------------------------------------------------------------------
  // Executors and listeners

  @Test
  void nullExecutorOrListenerNamesTheArgument() {
    assertThatThrownBy(() -> cpu().withExecutor(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("executor");
    assertThatThrownBy(() -> cpu().withListener(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("listener");
  }

  static Stream<RejectedExecutionHandler> discardingPolicies() {
    return Stream.of(
        new ThreadPoolExecutor.DiscardPolicy(), new ThreadPoolExecutor.DiscardOldestPolicy());
  }

  @ParameterizedTest
  @MethodSource("discardingPolicies")
  void executorThatDiscardsTasksIsRefusedByWithExecutor(RejectedExecutionHandler policy) {
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1),
            daemonThreads("discarding-"),
            policy);
    try {
      Throwable thrown = catchThrowable(() -> cpu().withExecutor(executor));
      assertThat(thrown)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(policy.getClass().getSimpleName());
    } finally {
      executor.shutdownNow();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Timeouts

  @Test
  void zeroOrNegativeTimeoutIsRejectedWithItsValue() {
    assertThatThrownBy(() -> cpu().withTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be > 0, was 0 s");
    assertThatThrownBy(() -> cpu().withTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be > 0, was -1 s");
    assertThatThrownBy(() -> cpu().withTimeout(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("timeout");
  }

  static Stream<Duration> hugeTimeouts() {
    return Stream.of(Duration.ofMillis(Long.MAX_VALUE), Duration.ofSeconds(Long.MAX_VALUE));
  }

  @ParameterizedTest
  @MethodSource("hugeTimeouts")
  void hugeTimeoutMeansNoDeadline(Duration timeout) {
    Fixtures.RecordingListener listener = new Fixtures.RecordingListener();
    List<Integer> results =
        assertTimeoutPreemptively(
            GUARD,
            () ->
                Runs.run(
                    cpu().withTimeout(timeout).withListener(listener), numbers(100), (i, x) -> x));
    assertThat(results).isEqualTo(numbers(100));
    assertThat(listener.finishes).as("onFinish calls").hasSize(1);
  }

  // ---------------------------------------------------------------------------------------------
  // Ranges

  @Test
  void reversedRangeIsRejectedBeforeAnyItemStarts() {
    assertThatThrownBy(
            () ->
                Runs.runRange(
                    cpu(),
                    5,
                    3,
                    (i, v) -> {
                      throw new AssertionError("no item may start");
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("from must be <= to, was from=5, to=3");
  }

  @Test
  void rangeOverTheWholeLongLineIsRejected() {
    AtomicInteger calls = new AtomicInteger();
    assertRangeRejected(
        Long.MIN_VALUE,
        Long.MAX_VALUE,
        calls,
        () ->
            Runs.runRange(
                cpu(),
                Long.MIN_VALUE,
                Long.MAX_VALUE,
                (i, v) -> {
                  calls.incrementAndGet();
                  return v;
                }));
  }

  @Test
  void rangeOneLongerThanLongMaxIsRejected() {
    AtomicInteger calls = new AtomicInteger();
    assertRangeRejected(
        -1,
        Long.MAX_VALUE,
        calls,
        () ->
            Runs.runRange(
                cpu(),
                -1L,
                Long.MAX_VALUE,
                (i, v) -> {
                  calls.incrementAndGet();
                  return v;
                }));
  }

  @Test
  void voidRangeFromLongMinToOneIsRejected() {
    AtomicInteger calls = new AtomicInteger();
    assertRangeRejected(
        Long.MIN_VALUE,
        1,
        calls,
        () ->
            Runs.runRangeVoid(
                cpu(),
                Long.MIN_VALUE,
                1L,
                (i, v) -> {
                  calls.incrementAndGet();
                  return null;
                }));
  }

  private static void assertRangeRejected(
      long from, long to, AtomicInteger calls, ThrowingCallable run) {
    Throwable thrown = assertTimeoutPreemptively(GUARD, () -> catchThrowable(run));
    assertThat(thrown)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Long.toString(from))
        .hasMessageContaining(Long.toString(to));
    assertThat(calls).as("items run").hasValue(0);
  }
}
