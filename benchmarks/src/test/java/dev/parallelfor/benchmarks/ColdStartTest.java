package dev.parallelfor.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every way of a cold call computes what the for loop computes; the report's arithmetic. */
class ColdStartTest {
  @ParameterizedTest
  @EnumSource(ColdStart.Job.class)
  void everyWayGivesTheLoopsListInOrder(ColdStart.Job job) {
    List<Long> items = Items.list(Math.min(job.items, 40));
    List<Long> expected = ColdStart.run(job, ColdStart.Way.FOR_LOOP, items);
    for (ColdStart.Way way : ColdStart.Way.values()) {
      assertThat(ColdStart.run(job, way, items)).as(way.name()).isEqualTo(expected);
    }
  }

  @Test
  void blocksHashApart() {
    assertThat(ColdStart.sha256(1)).isNotEqualTo(ColdStart.sha256(2));
  }

  @Test
  void theTableGivesMediansSpreadsAndRatiosToTheLoop() {
    Map<String, double[]> times = new LinkedHashMap<>();
    for (ColdStart.Job job : ColdStart.Job.values()) {
      times.put(job + " FOR_LOOP", new double[] {30, 10, 20});
      times.put(job + " PARALLEL_STREAM", new double[] {5, 15, 10});
      times.put(job + " PARALLELFOR_CPU", new double[] {40, 10, 20});
      times.put(job + " PARALLELFOR_CPU (COLD_COMPARE)", new double[] {80, 40, 60});
    }
    String table = ColdStart.table(times, 3);
    assertThat(table).contains("| FIXED | PARALLEL_STREAM | 10.0 | 5.0–15.0 | 0.50 |");
    assertThat(table).contains("| SHA256 | PARALLELFOR_CPU | 20.0 | 10.0–40.0 | 1.00 |");
    assertThat(table)
        .contains("| TINY | PARALLELFOR_CPU (COLD_COMPARE) | 60.0 | 40.0–80.0 | 3.00 |");
    assertThat(ColdStart.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }
}
