package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.Parallel;
import dev.parallelfor.runtime.ParallelLoop;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run that ends before its deadline takes the deadline out of the shared scheduler's queue. */
class DeadlineQueueTest {
  private static final ParallelLoop<Integer, Integer> DOUBLES =
      Parallel.of(Mode.CPU, (Integer n) -> 2 * n).timeout(Duration.ofHours(1));

  private static int queued() {
    return SharedPools.deadlines().getQueue().size();
  }

  @Test
  void everyFormOfRunLeavesNoDeadlineBehind() {
    int before = queued();

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
