package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelfor.Mode;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every form of a loop, over a list, a stream, an int range and a long range, runs every item. */
class EveryFormTest {
  private final Set<Long> seen = ConcurrentHashMap.newKeySet();
  private final ParallelLoop<Number, Long> triple =
      Parallel.of(
              Mode.CPU,
              (Number n) -> {
                seen.add(n.longValue());
                return 3 * n.longValue();
              })
          .parallelism(2);

  private static final List<Long> TRIPLES = List.of(3L, 6L, 9L);

  private static Stream<Number> stream() {
    return Stream.of(1, 2, 3);
  }

  private static List<Long> values(Stream<Completed<Long>> completed) {
    return completed
        .sorted(java.util.Comparator.comparingLong(Completed::index))
        .map(Completed::value)
        .toList();
  }

  @Test
  void theListForms() {
    assertThat(triple.run(stream())).isEqualTo(TRIPLES);
    assertThat(triple.run(Range.of(1, 4))).isEqualTo(TRIPLES);
    assertThat(triple.run(Range.of(1L, 4L))).isEqualTo(TRIPLES);
    assertThat(triple.runAll(stream()).values()).isEqualTo(TRIPLES);
    assertThat(triple.runAll(Range.of(1, 4)).values()).isEqualTo(TRIPLES);
    assertThat(triple.runAll(Range.of(1L, 4L)).values()).isEqualTo(TRIPLES);
  }

  @Test
  void theAsynchronousForms() {
    assertThat(triple.runAsync(stream()).join()).isEqualTo(TRIPLES);
    assertThat(triple.runAsync(Range.of(1, 4)).join()).isEqualTo(TRIPLES);
    assertThat(triple.runAsync(Range.of(1L, 4L)).join()).isEqualTo(TRIPLES);
  }

  @Test
  void theStreamingForms() {
    assertThat(triple.stream(stream()).toList()).isEqualTo(TRIPLES);
    assertThat(triple.stream(Range.of(1, 4)).toList()).isEqualTo(TRIPLES);
    assertThat(triple.stream(Range.of(1L, 4L)).toList()).isEqualTo(TRIPLES);
    assertThat(values(triple.asCompleted(stream()))).isEqualTo(TRIPLES);
    assertThat(values(triple.asCompleted(Range.of(1, 4)))).isEqualTo(TRIPLES);
    assertThat(values(triple.asCompleted(Range.of(1L, 4L)))).isEqualTo(TRIPLES);
  }

  @Test
  void theFormsThatKeepNoResults() {
    triple.forEach(Stream.of(1, 2));
    triple.forEach(Range.of(3, 5));
    triple.forEach(Range.of(5L, 7L));
    assertThat(triple.forEachAsync(Stream.of(7, 8)).join()).isNull();
    assertThat(triple.forEachAsync(List.of(9, 10)).join()).isNull();
    assertThat(triple.forEachAsync(Range.of(11, 13)).join()).isNull();
    assertThat(triple.forEachAsync(Range.of(13L, 15L)).join()).isNull();

    assertThat(seen)
        .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L);
  }
}
