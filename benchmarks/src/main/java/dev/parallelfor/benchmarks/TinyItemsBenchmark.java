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
 * Workload A: 1,000,000 tiny CPU items (about 25 ns each) collected into a list, the case where a
 * per-item task costs more than the item. Also workload D's "1,000,000 items into a list" when run
 * with a small heap and the memory profilers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(
    value = 1,
    jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:G1HeapRegionSize=16m"})
public class TinyItemsBenchmark {
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
  @Param("1000000")
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
    return contender.run(Workload.TINY, items, pool);
  }
}
