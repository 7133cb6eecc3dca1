package dev.parallelfor.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a checkpoint costs a run of generated CPU drivers: workload A (1,000,000 tiny items) and B
 * (20,000 medium items) without one, journaling every result into a new journal file, and resumed
 * from a complete journal (nothing runs; every result is read back). The journal's size per result
 * is printed once per trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:G1HeapRegionSize=16m"})
public class CheckpointBenchmark {
  /** Which workload: A or B. */
  @Param({"A", "B"})
  public String workload;

  /** NONE, JOURNALED (into a new file each run) or RESUMED (from a complete journal). */
  @Param({"NONE", "JOURNALED", "RESUMED"})
  public String checkpoint;

  private List<Long> items;
  private Path dir;
  private Path complete;
  private Path fresh;

  /** Builds the items, and for RESUMED the complete journal, outside the measurement. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    items = Items.list(workload.equals("A") ? 1_000_000 : 20_000);
    dir = Files.createTempDirectory("checkpoint-benchmark");
    complete = dir.resolve("complete.journal");
    fresh = dir.resolve("fresh.journal");
    run(complete);
    System.out.printf(
        "%n[journal: %.1f bytes a result]%n", Files.size(complete) / (double) items.size());
  }

  /** Each JOURNALED run starts from no journal. */
  @Setup(Level.Invocation)
  public void forgetFresh() throws IOException {
    Files.deleteIfExists(fresh);
  }

  /** Removes the journals. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** One run over all items; JMH consumes the returned list. */
  @Benchmark
  public List<Long> run() {
    return switch (checkpoint) {
      case "NONE" -> run(null);
      case "JOURNALED" -> run(fresh);
      case "RESUMED" -> run(complete);
      default -> throw new IllegalArgumentException(checkpoint);
    };
  }

  private List<Long> run(Path journal) {
    if (workload.equals("A")) {
      WorkloadsTinyDriver driver = new WorkloadsTinyDriver();
      return journal == null ? driver.run(items) : driver.checkpoint(journal).run(items);
    }
    WorkloadsMediumDriver driver = new WorkloadsMediumDriver();
    return journal == null ? driver.run(items) : driver.checkpoint(journal).run(items);
  }
}
