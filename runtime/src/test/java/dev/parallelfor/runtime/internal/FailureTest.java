package dev.parallelfor.runtime.internal;

import static dev.parallelfor.runtime.internal.Fixtures.cpu;
import static dev.parallelfor.runtime.internal.Fixtures.lazy;
import static dev.parallelfor.runtime.internal.Fixtures.numbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.Results;
import dev.parallelfor.runtime.TestBounds;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FailureTest {
  private static final Duration GUARD = TestBounds.HANG;

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
}
