package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelfor.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class OrderingPropertiesTest {
  @Property(tries = 200)
  void resultsEqualASequentialLoopAndEveryItemRunsOnce(
      @ForAll @Size(max = 3000) List<Integer> items,
      @ForAll @IntRange(min = 1, max = 8) int parallelism,
      @ForAll boolean lazyInput,
      @ForAll boolean ioMode) {
    List<Integer> expected = new ArrayList<>();
    for (Integer item : items) {
      expected.add(item == null ? 0 : item * 7);
    }
    AtomicIntegerArray calls = new AtomicIntegerArray(items.size());
    RunOptions options = RunOptions.of(ioMode ? Mode.IO : Mode.CPU, 0).withParallelism(parallelism);
    Iterable<Integer> input = lazyInput ? items::iterator : items;
    List<Integer> results =
        Runs.run(
            options,
            input,
            (index, item) -> {
              calls.incrementAndGet((int) index);
              return item == null ? 0 : item * 7;
            });
    assertThat(results).isEqualTo(expected);
    for (int i = 0; i < items.size(); i++) {
      assertThat(calls.get(i)).isEqualTo(1);
    }
  }

  @Property(tries = 300)
  void streamingFormGivesEveryResultInOrderForSizedAndLazyInputs(
      @ForAll @IntRange(min = 0, max = 5000) int size,
      @ForAll @IntRange(min = 1, max = 4) int parallelism,
      @ForAll boolean sized,
      @ForAll boolean ioMode) {
    RunOptions options = RunOptions.of(ioMode ? Mode.IO : Mode.CPU, 0).withParallelism(parallelism);
    java.util.stream.Stream<Integer> input =
        sized
            ? java.util.stream.IntStream.range(0, size).boxed()
            : java.util.stream.Stream.iterate(0, x -> x < size, x -> x + 1);
    List<Integer> results =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(30),
            () -> {
              try (java.util.stream.Stream<Integer> out =
                  Runs.stream(options, input, (index, item) -> item + 1)) {
                return out.collect(java.util.stream.Collectors.toList());
              }
            });
    assertThat(results).hasSize(size);
    for (int i = 0; i < size; i++) {
      assertThat(results.get(i)).isEqualTo(i + 1);
    }
  }
}
