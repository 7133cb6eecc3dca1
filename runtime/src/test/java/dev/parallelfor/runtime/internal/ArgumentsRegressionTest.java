package dev.parallelfor.runtime.internal;

import static dev.parallelfor.runtime.internal.Fixtures.cpu;
import static dev.parallelfor.runtime.internal.Fixtures.numbers;
import static dev.parallelfor.runtime.internal.RegressionFixtures.daemonThreads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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
 * Regression tests for arguments at the edges: executors that silently drop work, deadlines too
 * long to count in nanoseconds, and ranges whose length does not fit in a long.
 */
class ArgumentsRegressionTest {
  private static final Duration GUARD = TestBounds.HANG;

  // ---------------------------------------------------------------------------------------------
  // Executors that drop tasks without a word

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
  // Deadlines beyond what nanoseconds can count

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
  // Ranges with more values than a long can count

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
