package dev.parallelfor.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler ({@code -prof dev.parallelfor.benchmarks.MachineLoadProfiler}) that reports how
 * much of the machine's CPU time other processes used during each iteration: the busy share of all
 * CPUs from {@code /proc/stat}, less this JVM's own CPU time. On a machine shared with other work,
 * it tells a measurement taken on a quiet machine from one that competed for the cores.
 *
 * <p>Reported as {@code machine.others.cpu} (percent of all CPUs, mean over iterations) and {@code
 * machine.others.cpu.max} (the busiest iteration). Linux only; elsewhere it reports nothing.
 */
public final class MachineLoadProfiler implements InternalProfiler {
  private static final Path STAT = Path.of("/proc/stat");
  private final OperatingSystemMXBean os =
      ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
  private final int cpus = Runtime.getRuntime().availableProcessors();
  private long[] before;
  private long processBefore;
  private long wallBefore;

  /** JMH creates the profiler by reflection. */
  public MachineLoadProfiler() {}

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = busyAndTotal();
    processBefore = os.getProcessCpuTime();
    wallBefore = System.nanoTime();
  }

  @Override
  public List<? extends Result<?>> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long[] after = busyAndTotal();
    long wall = System.nanoTime() - wallBefore;
    long process = os.getProcessCpuTime() - processBefore;
    if (before == null || after == null || after[1] == before[1] || wall <= 0) {
      return List.of();
    }
    double busy = (double) (after[0] - before[0]) / (after[1] - before[1]);
    double own = (double) process / ((double) wall * cpus);
    double others = Math.max(0, Math.min(1, busy - own)) * 100;
    return List.of(
        new ScalarResult("machine.others.cpu", others, "%", AggregationPolicy.AVG),
        new ScalarResult("machine.others.cpu.max", others, "%", AggregationPolicy.MAX));
  }

  /** The first line of /proc/stat: busy and total jiffies of all CPUs, or null off Linux. */
  private static long[] busyAndTotal() {
    try {
      String[] f = Files.readAllLines(STAT).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < Math.min(f.length, 9); i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public String getDescription() {
    return "CPU used by other processes during each iteration";
  }
}
