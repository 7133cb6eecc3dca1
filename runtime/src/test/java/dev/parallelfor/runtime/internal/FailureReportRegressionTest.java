package dev.parallelfor.runtime.internal;

import static dev.parallelfor.runtime.internal.Fixtures.cpu;
import static dev.parallelfor.runtime.internal.Fixtures.numbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.Results;
import dev.parallelfor.runtime.TestBounds;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression tests for what a failed run reports: which failure is the main one, its index, item,
 * cause, message and stack trace, and what becomes of the caller's interrupt flag.
 */
class FailureReportRegressionTest {
  private static final Duration GUARD = TestBounds.HANG;

  // ---------------------------------------------------------------------------------------------
  // Interrupts

  @ParameterizedTest(name = "parallelism {0}")
  @ValueSource(ints = {1, 2})
  void itemThrowingInterruptedExceptionByItselfIsThatItemsFailure(int parallelism) {
    InterruptedException mine = new InterruptedException("mine");
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          try {
            Throwable thrown =
                catchThrowable(
                    () ->
                        Runs.run(
                            cpu().withParallelism(parallelism),
                            numbers(10),
                            (i, x) -> {
                              if (x == 3) {
                                throw mine;
                              }
                              return x;
                            }));
            boolean flagAfter = Thread.currentThread().isInterrupted();
            assertThat(thrown).isInstanceOf(ParallelForException.class);
            ParallelForException e = (ParallelForException) thrown;
            assertThat(e.index()).isEqualTo(3);
            assertThat(e.item()).isEqualTo(3);
            assertThat(e.getCause()).isSameAs(mine);
            assertThat(flagAfter).as("caller's interrupt flag after the run").isFalse();
          } finally {
            Thread.interrupted();
          }
        });
  }

  @Test
  void interruptingTheCallerOfAParallelismOneRunReportsOneInterruptAndNothingElse() {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flagAfter = new AtomicBoolean();
    Thread caller =
        new Thread(
            () -> {
              try {
                Runs.run(
                    cpu().withParallelism(1),
                    numbers(10),
                    (i, x) -> {
                      started.countDown();
                      never.await();
                      return x;
                    });
              } catch (Throwable t) {
                thrown.set(t);
              }
              flagAfter.set(Thread.currentThread().isInterrupted());
            },
            "parallelism-one-caller");
    caller.setDaemon(true);
    try {
      assertTimeoutPreemptively(
          GUARD,
          () -> {
            caller.start();
            started.await();
            caller.interrupt();
            caller.join();
          });
      assertThat(thrown.get()).isInstanceOf(ParallelForException.class);
      ParallelForException e = (ParallelForException) thrown.get();
      assertThat(e.index()).isEqualTo(-1);
      assertThat(e.item()).isNull();
      assertThat(e.getCause()).isInstanceOf(InterruptedException.class);
      assertThat(e.getSuppressed()).isEmpty();
      assertThat(flagAfter).as("caller's interrupt flag after the run").isTrue();
    } finally {
      never.countDown();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The failed item of a range

  @Test
  void longRangeFailureReportsTheValueAsALongItem() {
    Throwable thrown =
        assertTimeoutPreemptively(
            GUARD,
            () -> catchThrowable(() -> Runs.runRange(cpu(), 10L, 20L, (i, v) -> failOn(15, v))));
    assertRangeFailure(thrown, 5, 15L);
  }

  @Test
  void longRangeVoidFailureReportsTheValueAsALongItem() {
    Throwable thrown =
        assertTimeoutPreemptively(
            GUARD,
            () ->
                catchThrowable(() -> Runs.runRangeVoid(cpu(), -10L, 10L, (i, v) -> failOn(-5, v))));
    assertRangeFailure(thrown, 5, -5L);
  }

  @Test
  void intRangeFailureReportsTheValueAsAnIntegerItem() {
    Throwable thrown =
        assertTimeoutPreemptively(
            GUARD,
            () -> catchThrowable(() -> Runs.runRange(cpu(), 10, 20, (i, v) -> failOn(15, v))));
    assertRangeFailure(thrown, 5, 15);
  }

  private static Long failOn(long bad, long value) throws IOException {
    if (value == bad) {
      throw new IOException("value " + value);
    }
    return value;
  }

  private static void assertRangeFailure(Throwable thrown, long index, Object item) {
    assertThat(thrown).isInstanceOf(ParallelForException.class);
    ParallelForException e = (ParallelForException) thrown;
    assertThat(e.index()).isEqualTo(index);
    assertThat(e.getCause()).isInstanceOf(IOException.class);
    assertThat(e.item()).isInstanceOf(item.getClass()).isEqualTo(item);
  }

  // ---------------------------------------------------------------------------------------------
  // An item whose toString() overflows the stack

  @Test
  void itemWhoseToStringOverflowsTheStackStillReportsTheMethodsException() {
    // Two lists that hold each other: toString() recurses until the stack overflows.
    List<Object> cyclic = new ArrayList<>();
    List<Object> other = new ArrayList<>();
    cyclic.add(other);
    other.add(cyclic);
    List<Object> items = Arrays.asList("first", cyclic, "last");
    IllegalStateException failure = new IllegalStateException("the item is cyclic");
    Throwable thrown =
        assertTimeoutPreemptively(
            GUARD,
            () ->
                catchThrowable(
                    () ->
                        Runs.run(
                            cpu(),
                            items,
                            (i, x) -> {
                              if (x instanceof List) {
                                throw failure;
                              }
                              return x;
                            })));
    assertThat(thrown).isInstanceOf(ParallelForException.class);
    ParallelForException e = (ParallelForException) thrown;
    assertThat(e.getCause()).isSameAs(failure);
    assertThat(e.index()).isEqualTo(1);
    assertThat(e.getMessage()).contains("toString() threw");
  }

  // ---------------------------------------------------------------------------------------------
  // Stack traces: the caller's line on the exception, the item's own trace on its cause

  /** The item code: a named method, so that its frame can be found in the cause's trace. */
  private static Integer failingItem(Integer x) throws IOException {
    if (x == 3) {
      throw new IOException("item 3");
    }
    return x;
  }

  @Test
  void runFailureShowsTheCallingLineAndKeepsTheItemsTrace() {
    Throwable thrown =
        assertTimeoutPreemptively(
            GUARD,
            () ->
                catchThrowable(
                    () ->
                        Runs.run(
                            cpu().withParallelism(2), numbers(100), (i, x) -> failingItem(x))));
    assertShowsCallerAndItem(thrown, "runFailureShowsTheCallingLineAndKeepsTheItemsTrace");
  }

  @Test
  void runAllValueFailureShowsTheCallingLineAndKeepsTheItemsTrace() {
    Results<Integer> results =
        assertTimeoutPreemptively(
            GUARD,
            () -> Runs.runAll(cpu().withParallelism(2), numbers(10), (i, x) -> failingItem(x)));
    Throwable thrown = catchThrowable(() -> results.value(3));
    assertShowsCallerAndItem(thrown, "runAllValueFailureShowsTheCallingLineAndKeepsTheItemsTrace");
  }

  @Test
  void streamFailureShowsTheCallingLineAndKeepsTheItemsTrace() {
    Throwable thrown =
        assertTimeoutPreemptively(
            GUARD,
            () ->
                catchThrowable(
                    () -> {
                      try (Stream<Integer> results =
                          Runs.stream(
                              cpu().withParallelism(2), numbers(100), (i, x) -> failingItem(x))) {
                        results.forEach(x -> {});
                      }
                    }));
    assertShowsCallerAndItem(thrown, "streamFailureShowsTheCallingLineAndKeepsTheItemsTrace");
  }

  /**
   * The exception's trace holds a frame of the test method (directly, or of a lambda written in
   * it), and its cause's trace holds the frame of the item code that threw.
   */
  private static void assertShowsCallerAndItem(Throwable thrown, String testMethod) {
    assertThat(thrown).isInstanceOf(ParallelForException.class);
    ParallelForException e = (ParallelForException) thrown;
    assertThat(e.index()).isEqualTo(3);
    String testClass = FailureReportRegressionTest.class.getName();
    assertThat(frames(e))
        .as("frames of the ParallelForException")
        .anyMatch(
            f ->
                f.equals(testClass + "." + testMethod)
                    || f.startsWith(testClass + ".lambda$" + testMethod + "$"));
    assertThat(e.getCause()).isInstanceOf(IOException.class);
    assertThat(frames(e.getCause()))
        .as("frames of the item's own exception")
        .contains(testClass + ".failingItem");
  }

  private static List<String> frames(Throwable t) {
    return Arrays.stream(t.getStackTrace())
        .map(f -> f.getClassName() + "." + f.getMethodName())
        .collect(Collectors.toList());
  }

  // ---------------------------------------------------------------------------------------------
  // An input whose iterator() throws

  @Test
  void iterableWhoseIteratorThrowsFailsTheRunAtPositionZero() {
    IllegalStateException failure = new IllegalStateException("no iterator today");
    Iterable<Integer> items =
        () -> {
          throw failure;
        };
    Fixtures.RecordingListener listener = new Fixtures.RecordingListener();
    Throwable thrown =
        assertTimeoutPreemptively(
            GUARD,
            () -> catchThrowable(() -> Runs.run(cpu().withListener(listener), items, (i, x) -> x)));
    assertThat(thrown).isInstanceOf(ParallelForException.class);
    ParallelForException e = (ParallelForException) thrown;
    assertThat(e.index()).isZero();
    assertThat(e.item()).isNull();
    assertThat(e.getCause()).isSameAs(failure);
    assertThat(listener.starts).as("onStart calls").hasSize(1);
    assertThat(listener.finishes).as("onFinish calls").hasSize(1);
  }
}
