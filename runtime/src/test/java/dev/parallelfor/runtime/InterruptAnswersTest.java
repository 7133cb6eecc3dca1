package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parallelfor.Mode;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Code answers an interrupt in many ways: an {@link InterruptedException}, an {@link
 * InterruptedIOException}, a {@link ClosedByInterruptException}, or any of them as a cause. When
 * the interrupt is the run's own (it stopped at another item's failure), that answer is neither a
 * failure of its own nor attached to the one that stopped the run.
 */
class InterruptAnswersTest {
  static Stream<Supplier<Exception>> answers() {
    return Stream.of(
        InterruptedException::new,
        InterruptedIOException::new,
        ClosedByInterruptException::new,
        () -> new UncheckedIOException(new InterruptedIOException("read interrupted")),
        () -> new IllegalStateException("wrapped", new InterruptedException()));
  }

  /** Blocks until the run interrupts it, then throws {@code answer}'s exception. */
  private static void blockUntilInterrupted(Supplier<Exception> answer) throws Exception {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      throw answer.get();
    }
  }

  @ParameterizedTest
  @MethodSource("answers")
  void anItemAnsweringTheRunsInterruptIsNoFailure(Supplier<Exception> answer) {
    CountDownLatch blocking = new CountDownLatch(1);
    ParallelForException e =
        catchThrowableOfType(
            ParallelForException.class,
            () ->
                Parallel.of(
                        Mode.IO,
                        (Integer n) -> {
                          if (n == 0) {
                            blocking.countDown();
                            blockUntilInterrupted(answer);
                          }
                          blocking.await();
                          throw new IllegalStateException("item 1 broke");
                        })
                    .parallelism(2)
                    .run(List.of(0, 1)));

    assertThat(e.index()).isEqualTo(1);
    assertThat(e.getCause()).hasMessage("item 1 broke");
    assertThat(e.getSuppressed()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("answers")
  void aWorkersStateFactoryAnsweringTheRunsInterruptIsNoFailure(Supplier<Exception> answer) {
    AtomicInteger factories = new AtomicInteger();
    CountDownLatch secondFactoryBlocking = new CountDownLatch(1);
    ParallelForException e =
        catchThrowableOfType(
            ParallelForException.class,
            () ->
                Parallel.perWorker(
                        Mode.IO,
                        worker -> {
                          if (factories.incrementAndGet() == 2) {
                            secondFactoryBlocking.countDown();
                            blockUntilInterrupted(answer);
                          }
                          return (long index, Integer n) -> {
                            secondFactoryBlocking.await();
                            throw new IllegalStateException("item broke");
                          };
                        })
                    .parallelism(2)
                    .run(List.of(0, 1)));

    assertThat(e.getCause()).hasMessage("item broke");
    assertThat(e.getSuppressed()).isEmpty();
    assertThat(factories).hasValue(2);
  }

  @org.junit.jupiter.api.Test
  void aWorkersStateIsClosedWithoutTheInterruptTheRunSentToItsItems() {
    java.util.Map<Integer, Boolean> interruptedAtClose =
        new java.util.concurrent.ConcurrentHashMap<>();
    AtomicInteger workers = new AtomicInteger();
    CountDownLatch blocking = new CountDownLatch(1);
    catchThrowableOfType(
        ParallelForException.class,
        () ->
            Parallel.perWorker(
                    Mode.IO,
                    worker -> {
                      int id = workers.incrementAndGet();
                      worker.local(
                          () ->
                              (AutoCloseable)
                                  () ->
                                      interruptedAtClose.put(
                                          id, Thread.currentThread().isInterrupted()));
                      return (long index, Integer n) -> {
                        if (n == 0) {
                          blocking.countDown();
                          try {
                            new CountDownLatch(1).await();
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt(); // as code that keeps the flag
                            return n;
                          }
                        }
                        blocking.await();
                        throw new IllegalStateException("item 1 broke");
                      };
                    })
                .parallelism(2)
                .run(List.of(0, 1)));

    assertThat(interruptedAtClose).hasSize(2).doesNotContainValue(true);
  }
}
