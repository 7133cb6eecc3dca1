package dev.parallelfor.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every contender computes what the for loop computes, in the same order: seconds, not a run. */
class ContenderTest {
  private static Pool cpuPool;
  private static Pool ioPool;

  @BeforeAll
  static void startPools() {
    cpuPool = Pool.perCore();
    ioPool = new Pool(8);
  }

  @AfterAll
  static void stopPools() {
    cpuPool.close();
    ioPool.close();
  }

  @ParameterizedTest
  @EnumSource(Contender.class)
  void tinyItemsGiveTheLoopsListInOrder(Contender contender) {
    assertSameAsLoop(contender, Workload.TINY, Items.list(5_000), cpuPool);
  }

  @ParameterizedTest
  @EnumSource(Contender.class)
  void mediumItemsGiveTheLoopsListInOrder(Contender contender) {
    assertSameAsLoop(contender, Workload.MEDIUM, Items.list(20), cpuPool);
  }

  @ParameterizedTest
  @EnumSource(Contender.class)
  void blockingItemsGiveTheLoopsListInOrder(Contender contender) {
    // Not through the for loop: 4 × 100 ms is known, and the result is the input.
    List<Long> items = Items.list(4);
    assertThat(contender.run(Workload.BLOCKING, items, ioPool)).isEqualTo(items);
  }

  @ParameterizedTest
  @EnumSource(
      value = Contender.class,
      mode = EnumSource.Mode.EXCLUDE,
      names = {"PARALLELFOR_CPU_RANGE", "PARALLEL_LOOP_CPU_RANGE", "PARALLELFOR_CPU_CHECKPOINT"})
  void lazyItemsGiveTheLoopsSum(Contender contender) {
    long n = 20_000;
    long expected = Contender.FOR_LOOP.sumLazily(Workload.TINY, Items.lazy(n), cpuPool);
    assertThat(contender.sumLazily(Workload.TINY, Items.lazy(n), cpuPool)).isEqualTo(expected);
  }

  @Test
  void theCheckpointedContenderJournalsEveryItemOfEachRunAnew() {
    List<Long> items = Items.list(1_000);
    List<Long> expected = Contender.FOR_LOOP.run(Workload.TINY, items, cpuPool);
    for (int run = 0; run < 2; run++) {
      assertThat(Contender.PARALLELFOR_CPU_CHECKPOINT.run(Workload.TINY, items, cpuPool))
          .isEqualTo(expected);
      // Each run journals all 1,000 results into a new file: at least 8 bytes of fingerprint each.
      assertThat(Journals.lastSize()).isGreaterThan(8L * items.size());
    }
  }

  private static void assertSameAsLoop(
      Contender contender, Workload workload, List<Long> items, Pool pool) {
    List<Long> expected = Contender.FOR_LOOP.run(workload, items, pool);
    assertThat(contender.run(workload, items, pool)).containsExactlyElementsOf(expected);
  }
}
