package dev.parallelfor.benchmarks;

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
 * Workload D, lazy half: 10,000,000 tiny items produced one at a time and consumed as their results
 * come, in a 64 MB heap. A contender that holds a task or a result per item cannot finish: its
 * forked JVM stops with an {@link OutOfMemoryError}, which the results table reports.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 2, time = 1)
@Fork(
    value = 1,
    jvmArgs = {"-Xms64m", "-Xmx64m", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError"})
public class LazyItemsBenchmark {
  /** Who runs the items; runRange has no lazy form. */
  @Param({
    "FOR_LOOP",
    "PARALLEL_STREAM",
    "EXECUTOR_FUTURES",
    "COMPLETABLE_FUTURES",
    "PARALLEL_COLLECTORS",
    "PARALLEL_COLLECTORS_BATCHING",
    "PARALLELFOR_CPU",
    "PARALLELFOR_IO"
  })
  public Contender contender;

  /** How many items. */
  @Param("10000000")
  public long n;

  private Iterable<Long> items;
  private Pool pool;

  /** Makes the lazy input and the pool once, outside the measurement. */
  @Setup(Level.Trial)
  public void setUp() {
    items = Items.lazy(n);
    pool = Pool.perCore();
  }

  /** Stops the pool. */
  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
  }

  /** One pass over all items, summing the results. */
  @Benchmark
  public long sum() {
    return contender.sumLazily(Workload.TINY, items, pool);
  }
}
