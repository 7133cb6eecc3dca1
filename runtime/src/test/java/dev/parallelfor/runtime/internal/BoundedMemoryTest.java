package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelfor.Mode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ten million lazily produced items streamed through the engine in a JVM whose heap is 64 MB:
 * holding the inputs or the results would need several hundred MB, so finishing proves that the
 * look-ahead, not the input size, bounds the memory.
 */
class BoundedMemoryTest {
  static final long ITEMS = 10_000_000;

  @ParameterizedTest
  @EnumSource(Mode.class)
  void tenMillionLazyItemsStreamThroughA64MegabyteHeap(Mode mode)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx64m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    BoundedMemoryTest.class.getName(),
                    mode.name()))
            .redirectErrorStream(true)
            .start();
    boolean exited = process.waitFor(2, TimeUnit.MINUTES);
    if (!exited) {
      process.destroyForcibly();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(exited).as("child JVM finished").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    long expected = 0;
    for (long i = 0; i < ITEMS; i++) {
      expected += 2 * i;
    }
    assertThat(output).contains("sum=" + expected).contains("count=" + ITEMS);
  }

  /** The child JVM: streams the items in the mode named by the argument, prints what it saw. */
  public static void main(String[] args) {
    Stream<Long> input = LongStream.range(0, ITEMS).boxed();
    long[] seen = new long[2];
    try (Stream<Long> results =
        Runs.stream(RunOptions.of(Mode.valueOf(args[0]), 0), input, (index, x) -> x * 2)) {
      results.forEach(
          r -> {
            seen[0] += r;
            seen[1]++;
          });
    }
    System.out.println("sum=" + seen[0] + " count=" + seen[1]);
    System.out.println("maxMemory=" + Runtime.getRuntime().maxMemory());
  }
}
