package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelfor.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RangeTest {
  @Test
  void anIntRangeHoldsIntegersAndALongRangeLongs() {
    List<Object> ints = new ArrayList<>();
    Range.of(3, 6).forEach(ints::add);
    List<Object> longs = new ArrayList<>();
    Range.of(3L, 6L).forEach(longs::add);

    assertThat(ints).containsExactly(3, 4, 5);
    assertThat(longs).containsExactly(3L, 4L, 5L);
    assertThat(Range.of(3, 6).size()).isEqualTo(3);
    assertThat(Range.of(-2L, -2L)).isEmpty();
  }

  @Test
  void boundsOutOfOrderOrTooWideAreRefusedNamingBoth() {
    assertThatThrownBy(() -> Range.of(5, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("from must be <= to, was from=5, to=4");
    assertThatThrownBy(() -> Range.of(Long.MIN_VALUE, Long.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than Long.MAX_VALUE values");
  }

  @Test
  void anIteratorPastTheEndThrowsAsEveryIteratorDoes() {
    var iterator = Range.of(0, 1).iterator();
    assertThat(iterator.next()).isZero();
    assertThat(iterator.hasNext()).isFalse();
    assertThatThrownBy(iterator::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void rangesAreValuesOfTheirBoundsAndType() {
    assertThat(Range.of(1, 4)).isEqualTo(Range.of(1, 4)).hasSameHashCodeAs(Range.of(1, 4));
    assertThat(Range.of(1, 4)).isNotEqualTo(Range.of(1L, 4L)).isNotEqualTo(Range.of(1, 5));
    assertThat(Range.of(1, 4)).hasToString("Range[1, 4)");
  }

  @Test
  void everyFormRunsARangeInOrderWithItsSizeAsTheTotal() {
    List<Long> totals = new ArrayList<>();
    ParallelLoop<Integer, String> loop =
        Parallel.cpu((long index, Integer n) -> index + ":" + n)
            .onProgress(
                new ProgressListener() {
                  @Override
                  public void onStart(long total) {
                    totals.add(total);
                  }
                });

    assertThat(loop.run(Range.of(10, 13))).containsExactly("0:10", "1:11", "2:12");
    assertThat(loop.runAll(Range.of(10, 12)).values()).containsExactly("0:10", "1:11");
    assertThat(loop.runAsync(Range.of(7, 8)).join()).containsExactly("0:7");
    try (var results = loop.stream(Range.of(1, 3))) {
      assertThat(results).containsExactly("0:1", "1:2");
    }
    try (var completed = loop.asCompleted(Range.of(1, 3))) {
      assertThat(completed.map(Completed::value)).containsExactlyInAnyOrder("0:1", "1:2");
    }
    assertThat(totals).containsExactly(3L, 2L, 1L, 2L, 2L);
  }

  @Test
  void aRangeLoopGetsEachValueUnboxedFromItsPosition() {
    AtomicLong sum = new AtomicLong();
    LoopSettings.of(Mode.CPU)
        .rangeLoop((index, value) -> sum.addAndGet(value - index))
        .forEach(Range.of(1_000_000L, 1_100_000L));
    // value - index is from for every value: 100,000 × 1,000,000.
    assertThat(sum.get()).isEqualTo(100_000L * 1_000_000L);
  }

  @Test
  void aFailedValueOfAnIntRangeIsNamedAsAnInteger() {
    ParallelForException failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            ParallelForException.class,
            () ->
                Parallel.cpu(
                        (Integer n) -> {
                          if (n == 15) {
                            throw new IllegalStateException("fifteen");
                          }
                          return n;
                        })
                    .run(Range.of(10, 20)));
    assertThat(failure.index()).isEqualTo(5);
    assertThat(failure.item()).isEqualTo(15);
  }
}
