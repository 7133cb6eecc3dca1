package dev.parallelfor.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Workload B: 20,000 medium CPU items (about 50 µs each) collected into a list, the case where
 * every contender should reach the core count; the interesting figure is the speedup over the loop.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(
    value = 1,
    jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:G1HeapRegionSize=16m"})
public class MediumItemsBenchmark {
  /** Who runs the items. */
  @Param({
    "FOR_LOOP",
    "PARALLEL_STREAM",
    "EXECUTOR_FUTURES",
    "COMPLETABLE_FUTURES",
    "PARALLEL_COLLECTORS",
    "PARALLEL_COLLECTORS_BATCHING",
    "PARALLELFOR_CPU",
    "PARALLELFOR_CPU_RANGE",
    "PARALLELFOR_CPU_CHECKPOINT",
    "PARALLELFOR_IO",
    "PARALLEL_LOOP_CPU",
    "PARALLEL_LOOP_CPU_RANGE",
    "PARALLEL_LOOP_IO"
  })
  public Contender contender;

  /** How many items. */
  @Param("20000")
  public int n;

  private List<Long> items;
  private Pool pool;

  /** Builds the items and the pool once, outside the measurement. */
  @Setup(Level.Trial)
  public void setUp() {
    items = Items.list(n);
    pool = Pool.perCore();
  }

  /** Stops the pool. */
  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
  }

  /** One run over all items; JMH consumes the returned list. */
  @Benchmark
  public List<Long> run() {
    return contender.run(Workload.MEDIUM, items, pool);
  }
}
