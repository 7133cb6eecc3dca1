package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Each item's outcome lands at its own position whatever part of a chunk it is in: the item loop
 * runs a chunk's items in batches, and a failure or a stop may fall first, last or in the middle of
 * one. At parallelism 1 the chunks grow from one item to thousands, so the positions below fall at
 * every place of a batch and of a chunk.
 */
class ItemOutcomesTest {
  private static final int N = 5_000;

  /** Positions at and around batch and chunk boundaries, and a few far in. */
  private static final Set<Integer> FAILING =
      Set.of(0, 1, 4, 5, 20, 31, 32, 33, 63, 64, 65, 95, 96, 127, 128, 1000, 2047, 2048, 4999);

  private static List<Integer> items() {
    return IntStream.range(0, N).boxed().toList();
  }

  @Test
  void runAllKeepsEveryFailureAndEveryValueAtItsOwnPositionAndCallsEachItemOnce() {
    AtomicInteger calls = new AtomicInteger();
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    Results<Integer> results =
        Parallel.cpu(
                (Integer n) -> {
                  calls.incrementAndGet();
                  order.add(n);
                  if (FAILING.contains(n)) {
                    throw new IllegalStateException("item " + n);
                  }
                  return n * 3;
                })
            .parallelism(1)
            .runAll(items());

    assertThat(calls).hasValue(N);
    assertThat(order).as("one worker: input order").isEqualTo(items());
    for (int i = 0; i < N; i++) {
      if (FAILING.contains(i)) {
        assertThat(results.isSuccess(i)).as("item %d", i).isFalse();
      } else {
        assertThat(results.value(i)).as("item %d", i).isEqualTo(i * 3);
      }
    }
  }

  @Test
  void aFailFastRunStartsNoItemAfterTheFailingOneOfItsOnlyWorker() {
    for (int failing : List.of(0, 31, 32, 33, 64, 100, 2048, N - 1)) {
      List<Integer> called = Collections.synchronizedList(new ArrayList<>());
      ParallelForException failure =
          catchThrowableOfType(
              ParallelForException.class,
              () ->
                  Parallel.cpu(
                          (Integer n) -> {
                            called.add(n);
                            if (n == failing) {
                              throw new IllegalStateException("item " + n);
                            }
                            return n;
                          })
                      .parallelism(1)
                      .run(items()));

      assertThat(failure).as("failing at %d", failing).isNotNull();
      assertThat(failure.index()).isEqualTo(failing);
      assertThat(called)
          .as("items called when item %d failed", failing)
          .isEqualTo(IntStream.rangeClosed(0, failing).boxed().collect(Collectors.toList()));
    }
  }

  @Test
  void anErrorOfAnItemInTheMiddleOfABatchReachesTheCallerAndNoLaterItemStarts() {
    AtomicInteger after = new AtomicInteger();
    StackOverflowError error = new StackOverflowError("item 45");
    Throwable thrown =
        catchThrowableOfType(
            StackOverflowError.class,
            () ->
                Parallel.cpu(
                        (Integer n) -> {
                          if (n == 45) {
                            throw error;
                          }
                          if (n > 45) {
                            after.incrementAndGet();
                          }
                          return n;
                        })
                    .parallelism(1)
                    .run(items()));

    assertThat(thrown).isSameAs(error);
    assertThat(after).hasValue(0);
  }
}
