package dev.parallelfor.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parallelfor.Mode;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every streaming run ends when its last workers leave together: one for a full look-ahead, one
 * because it found the end of the input. Run this many times, the shape catches two races:
 *
 * <ul>
 *   <li>Each worker read whether the input was exhausted before it left, so the one leaving last
 *       could see "not exhausted" after the other had found the end: neither ended the run, and the
 *       reader waited forever (about once in 5,000 runs on 2 cores).
 *   <li>The reader looked at the window, found the next chunk not done, and then saw the run
 *       finished: the last chunk had been done and the run ended in between, and its results were
 *       lost (once in 15,000 runs).
 * </ul>
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamEndsTest {
  private static final int ROUNDS = 20_000;
  private static final int ITEMS = 41; // ends while the look-ahead of 4 workers is full

  @Test
  void everyStreamEndsWhenItsLastWorkersLeaveTogether() {
    RunOptions options = RunOptions.of(Mode.CPU, 0).withParallelism(4);
    List<Integer> expected = IntStream.range(1, ITEMS + 1).boxed().toList();
    for (int round = 0; round < ROUNDS; round++) {
      try (Stream<Integer> out =
          Runs.stream(options, IntStream.range(0, ITEMS).boxed(), (index, item) -> item + 1)) {
        assertEquals(expected, out.collect(Collectors.toList()), "round " + round);
      }
    }
  }
}
