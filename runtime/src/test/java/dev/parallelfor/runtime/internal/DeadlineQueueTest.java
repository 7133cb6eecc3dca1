package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.Parallel;
import dev.parallelfor.runtime.ParallelLoop;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run that ends before its deadline takes the deadline out of the shared scheduler's queue, and
 * does so before anyone can see it end: {@code run} returns, the future completes or the stream
 * ends only after it ({@link Lifecycle#markQuiescent} cancels the deadline first, then tells).
 */
class DeadlineQueueTest {
  /** A deadline no other test uses, so deadlines of other tests' runs do not count. */
  static final Duration FAR = Duration.ofHours(1000);

  private static final ParallelLoop<Integer, Integer> DOUBLES =
      Parallel.of(Mode.CPU, (Integer n) -> 2 * n).timeout(FAR);

  /** The deadlines queued at least {@code FAR} minus an hour away: those of this test's runs. */
  static int queued() {
    long nearest = FAR.minusHours(1).toNanos();
    int count = 0;
    for (Runnable task : SharedPools.deadlines().getQueue()) {
      if (((java.util.concurrent.Delayed) task).getDelay(java.util.concurrent.TimeUnit.NANOSECONDS)
          > nearest) {
        count++;
      }
    }
    return count;
  }

  @Test
  void everyFormOfRunLeavesNoDeadlineBehind() {
    int before = queued(); // zero, unless a run of this test failed to end

    assertThat(DOUBLES.run(List.of(1, 2, 3))).containsExactly(2, 4, 6);
    assertThat(queued()).as("run").isEqualTo(before);
    assertThat(DOUBLES.runAsync(List.of(1, 2, 3)).join()).containsExactly(2, 4, 6);
    assertThat(queued()).as("runAsync").isEqualTo(before);
    assertThat(DOUBLES.stream(List.of(1, 2, 3)).toList()).containsExactly(2, 4, 6);
    assertThat(queued()).as("stream").isEqualTo(before);
    assertThat(DOUBLES.runAll(List.of(1, 2, 3)).values()).containsExactly(2, 4, 6);
    assertThat(queued()).as("runAll").isEqualTo(before);
  }
}
