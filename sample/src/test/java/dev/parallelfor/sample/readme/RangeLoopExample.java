package dev.parallelfor.sample.readme;

// docs:rangeLoop
import dev.parallelfor.Mode;
import dev.parallelfor.runtime.LoopSettings;
import dev.parallelfor.runtime.Range;
// docs:end
import java.util.List;

/** The unboxed range loop of docs/loops.md, compiled and run by {@code AdHocLoopExamplesTest}. */
final class RangeLoopExample {
  private RangeLoopExample() {}

  static List<Long> squares() {
    // docs:rangeLoop
    List<Long> squares =
        LoopSettings.of(Mode.CPU)
            .rangeLoop((long index, long value) -> value * value) // each value a long, unboxed
            .run(Range.of(1_000L, 2_000L)); // [1000, 2000)
    // docs:end
    return squares;
  }
}
