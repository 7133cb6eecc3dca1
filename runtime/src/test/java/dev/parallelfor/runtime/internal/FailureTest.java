package dev.parallelfor.runtime.internal;

import static dev.parallelfor.runtime.internal.Fixtures.cpu;
import static dev.parallelfor.runtime.internal.Fixtures.lazy;
import static dev.parallelfor.runtime.internal.Fixtures.numbers;
import static dev.parallelfor.runtime.internal.ThreadFixtures.spin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.Results;
import dev.parallelfor.runtime.TestBounds;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a run does when an item or its input fails: it stops (or, for runAll, goes on), and reports
 * which item failed, where, why, and from which line of the caller.
 */
class FailureTest {
  private static final Duration GUARD = TestBounds.HANG;

  // ---------------------------------------------------------------------------------------------
  // The failed item: its index, item, cause and message

  @Test
  void failureCarriesIndexItemAndCause() {
    IOException boom = new IOException("boom");
    ParallelForException e =
        catchThrowableOfType(
            ParallelForException.class,
            () ->
                Runs.run(
                    cpu(),
                    numbers(1000),
                    (i, x) -> {
                      if (x == 700) {
                        throw boom;
                      }
                      return x;
                    }));
    assertThat(e.index()).isEqualTo(700);
    assertThat(e.item()).isEqualTo(700);
    assertThat(e.getCause()).isSameAs(boom);
    assertThat(e.getMessage()).contains("item 700").contains("boom");
  }

  @Test
  void longItemTextIsCutInTheMessage() {
    String huge = "x".repeat(10_000);
    ParallelForException e =
        catchThrowableOfType(
            ParallelForException.class,
            () ->
                Runs.run(
                    cpu(),
                    List.of(huge),
                    (i, x) -> {
                      throw new IOException("nope");
                    }));
    assertThat(e.getMessage().length()).isLessThan(400);
    assertThat(e.item()).isSameAs(huge);
  }

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

  @Test
  void concurrentFailuresAreAttachedAsSuppressed() {
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          CyclicBarrier bothRunning = new CyclicBarrier(2);
          ParallelForException e =
              catchThrowableOfType(
                  ParallelForException.class,
                  () ->
                      Runs.run(
                          cpu().withParallelism(2).withExecutor(new Fixtures.CountingExecutor()),
                          numbers(2),
                          (i, x) -> {
                            bothRunning.await();
                            // Neither waits for an interrupt: both failures are real.
                            throw new IllegalArgumentException("failure of " + x);
                          }));
          assertThat(e.getSuppressed()).hasSize(1);
          ParallelForException other = (ParallelForException) e.getSuppressed()[0];
          assertThat(other.index()).isEqualTo(1 - e.index());
          assertThat(other.getCause()).hasMessage("failure of " + other.index());
        });
  }

  @Test
  void virtualMachineErrorsPropagateUnwrapped() {
    OutOfMemoryError oom = new OutOfMemoryError("simulated");
    assertThatThrownBy(
            () ->
                Runs.run(
                    cpu(),
                    numbers(100),
                    (i, x) -> {
                      if (x == 50) {
                        throw oom;
                      }
                      return x;
                    }))
        .isSameAs(oom);
  }

  @Test
  void parallelismOneWrapsFailuresTheSameWayAsParallelRuns() {
    for (int parallelism : new int[] {1, 4}) {
      ParallelForException e =
          catchThrowableOfType(
              ParallelForException.class,
              () ->
                  Runs.run(
                      cpu().withParallelism(parallelism),
                      List.of("a", "b", "c"),
                      (i, x) -> {
                        if (x.equals("b")) {
                          throw new IOException("no b");
                        }
                        return x;
                      }));
      assertThat(e.index()).isEqualTo(1);
      assertThat(e.item()).isEqualTo("b");
      assertThat(e.getCause()).isInstanceOf(IOException.class).hasMessage("no b");
    }
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
    String testClass = FailureTest.class.getName();
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
  // Fail fast, and runAll that runs everything

  @Test
  void failFastStopsUnstartedItemsAndInterruptsRunningOnes() {
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          CountDownLatch blockerRunning = new CountDownLatch(1);
          AtomicBoolean blockerInterrupted = new AtomicBoolean();
          AtomicBoolean blockerFinished = new AtomicBoolean();
          AtomicInteger started = new AtomicInteger();
          // Item 0 blocks until interrupted; item 1 fails once item 0 is surely running.
          ParallelForException e =
              catchThrowableOfType(
                  ParallelForException.class,
                  () ->
                      Runs.run(
                          cpu().withParallelism(2),
                          numbers(10_000),
                          (i, x) -> {
                            started.incrementAndGet();
                            if (x == 0) {
                              blockerRunning.countDown();
                              try {
                                new CountDownLatch(1).await();
                              } catch (InterruptedException interrupted) {
                                blockerInterrupted.set(true);
                                throw interrupted;
                              } finally {
                                blockerFinished.set(true);
                              }
                            }
                            if (x == 1) {
                              blockerRunning.await();
                              throw new IllegalStateException("item 1 fails");
                            }
                            return x;
                          }));
          assertThat(e.index()).isEqualTo(1);
          assertThat(e.getCause()).hasMessage("item 1 fails");
          // The interrupt the run caused in item 0 is not reported as a failure.
          assertThat(e.getSuppressed()).isEmpty();
          // run() returned only after the interrupted item had stopped.
          assertThat(blockerInterrupted).isTrue();
          assertThat(blockerFinished).isTrue();
          assertThat(started.get()).isLessThan(10_000);
        });
  }

  @Test
  void runAllAttemptsEveryItemAndReportsOutcomesByIndex() {
    AtomicInteger calls = new AtomicInteger();
    Results<Integer> results =
        Runs.runAll(
            cpu(),
            lazy(numbers(1000)),
            (i, x) -> {
              calls.incrementAndGet();
              if (x % 100 == 7) {
                throw new IOException("bad " + x);
              }
              return x * 2;
            });
    assertThat(calls).hasValue(1000);
    assertThat(results.size()).isEqualTo(1000);
    assertThat(results.failed()).isEqualTo(10);
    assertThat(results.succeeded()).isEqualTo(990);
    assertThat(results.isSuccess(6)).isTrue();
    assertThat(results.isSuccess(7)).isFalse();
    assertThat(results.value(8)).isEqualTo(16);
    assertThatThrownBy(() -> results.value(107))
        .isInstanceOf(ParallelForException.class)
        .hasCauseInstanceOf(IOException.class)
        .hasMessageContaining("bad 107");
    assertThat(results.failures())
        .extracting(ParallelForException::index)
        .containsExactly(7L, 107L, 207L, 307L, 407L, 507L, 607L, 707L, 807L, 907L);
    ParallelForException all = catchThrowableOfType(ParallelForException.class, results::values);
    assertThat(all.index()).isEqualTo(7);
    assertThat(all.getSuppressed()).hasSize(9);
  }

  @Test
  void runAllValuesWhenNothingFailed() {
    Results<Integer> results = Runs.runAll(cpu(), numbers(100), (i, x) -> x + 1);
    assertThat(results.failures()).isEmpty();
    assertThat(results.values()).containsExactlyElementsOf(numbers(101).subList(1, 101));
  }

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
  // A failing input

  @Test
  void inputIteratorThatThrowsEndsTheRunWithItsPosition() {
    RuntimeException broken = new IllegalStateException("disk gone");
    Iterable<Integer> input =
        () ->
            new Iterator<>() {
              int next;

              @Override
              public boolean hasNext() {
                return true;
              }

              @Override
              public Integer next() {
                if (next == 1234) {
                  throw broken;
                }
                return next++;
              }
            };
    ParallelForException e =
        catchThrowableOfType(ParallelForException.class, () -> Runs.run(cpu(), input, (i, x) -> x));
    assertThat(e.index()).isEqualTo(1234);
    assertThat(e.item()).isNull();
    assertThat(e.getCause()).isSameAs(broken);
  }

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

  @Test
  void listThatShrinksDuringTheRunFailsWithThePositionItCouldNotRead() {
    List<Integer> input = new java.util.ArrayList<>(numbers(10));
    ParallelForException e =
        catchThrowableOfType(
            ParallelForException.class,
            () ->
                Runs.run(
                    cpu().withParallelism(1),
                    input,
                    (i, x) -> {
                      if (x == 0) {
                        input.subList(7, 10).clear();
                      }
                      return x;
                    }));
    assertThat(e.index()).isEqualTo(7);
    assertThat(e.item()).isNull();
    assertThat(e.getCause()).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void streamInputIsClosedOnSuccessFailureAndEmptyInput() {
    AtomicInteger closed = new AtomicInteger();
    Runs.run(cpu(), numbers(100).stream().onClose(closed::incrementAndGet), (i, x) -> x);
    assertThat(closed).hasValue(1);
    assertThatThrownBy(
            () ->
                Runs.run(
                    cpu(),
                    numbers(100).stream().onClose(closed::incrementAndGet),
                    (i, x) -> {
                      throw new IOException("x");
                    }))
        .isInstanceOf(ParallelForException.class);
    assertThat(closed).hasValue(2);
    Runs.run(cpu(), Stream.<Integer>empty().onClose(closed::incrementAndGet), (i, x) -> x);
    assertThat(closed).hasValue(3);
    Runs.runAll(cpu(), numbers(10).stream().onClose(closed::incrementAndGet), (i, x) -> x);
    assertThat(closed).hasValue(4);
  }

  // ---------------------------------------------------------------------------------------------
  // A passed deadline

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
                    numbers(10),
                    (index, item) -> {
                      if (item == 3) {
                        new CountDownLatch(1).await(); // until the deadline interrupts it
                      }
                      spin(300_000); // keeps each chunk at one item: progress is counted by chunk
                      return item;
                    }));
    assertTrue(failure.getMessage().contains("(3 of 10 items done)"), failure.getMessage());
  }
}
