package dev.parallelfor.runtime.internal;

import static dev.parallelfor.runtime.internal.Fixtures.cpu;
import static dev.parallelfor.runtime.internal.Fixtures.lazy;
import static dev.parallelfor.runtime.internal.Fixtures.numbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.TestBounds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** An executor that runs every task on the thread that hands it over. */
class DirectExecutorTest {
  private static final Duration GUARD = TestBounds.HANG;
  private static final Executor DIRECT = Runnable::run;

  @Test
  void runsEveryItemInInputOrderOnTheCallingThread() {
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    Thread caller = Thread.currentThread();
    List<Boolean> onCaller =
        Runs.run(
            cpu().withParallelism(8).withExecutor(DIRECT),
            numbers(300),
            (i, x) -> {
              order.add(x);
              return Thread.currentThread() == caller;
            });
    // A worker the direct executor would start inline, inside another worker of the same run,
    // would hold that worker's claimed items hostage: the first worker goes on alone.
    assertThat(order).isEqualTo(numbers(300));
    assertThat(onCaller).containsOnly(true);
  }

  @Test
  void aCallerInterruptedBeforeTheRunCancelsItWithoutRecursingIntoNewWorkers() {
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          Throwable thrown;
          boolean flagAfter;
          try {
            Thread.currentThread().interrupt();
            // A lazy input: workers wait interruptibly for it, so each would fail to claim at once.
            thrown =
                catchThrowable(
                    () ->
                        Runs.run(
                            cpu().withParallelism(2).withExecutor(DIRECT),
                            lazy(numbers(1000)),
                            (i, x) -> x));
          } finally {
            flagAfter = Thread.interrupted();
          }
          assertThat(thrown).isInstanceOf(ParallelForException.class);
          assertThat(thrown.getCause()).isInstanceOf(InterruptedException.class);
          assertThat(((ParallelForException) thrown).index()).isEqualTo(-1);
          assertThat(flagAfter).isTrue();
        });
  }
}
