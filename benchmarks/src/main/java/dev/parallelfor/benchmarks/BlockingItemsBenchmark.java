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
 * Workload C: items that each block for 100 ms, like a remote call (1,000 items; 10,000 on JDK 25).
 * The for loop is not run: its time is n × 100 ms. The hand-written contenders get a fixed pool of
 * {@value #POOL_THREADS} threads, the in-flight limit ParallelFor's IO mode uses on platform
 * threads, because a pool of one thread per core would take minutes here and show nothing but its
 * size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(
    value = 1,
    jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:G1HeapRegionSize=16m"})
public class BlockingItemsBenchmark {
  /** The size of the hand-written contenders' pool. */
  static final int POOL_THREADS = 256;

  /** Who runs the items. */
  @Param({
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
  @Param("1000")
  public int n;

  private List<Long> items;
  private Pool pool;

  /** Builds the items and the pool once, outside the measurement. */
  @Setup(Level.Trial)
  public void setUp() {
    items = Items.list(n);
    pool = new Pool(POOL_THREADS);
  }

  /** Stops the pool. */
  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
  }

  /** One run over all items; JMH consumes the returned list. */
  @Benchmark
  public List<Long> run() {
    return contender.run(Workload.BLOCKING, items, pool);
  }
}
