package dev.parallelfor.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler ({@code -prof dev.parallelfor.benchmarks.PeakHeapProfiler}) that reports the
 * largest heap occupancy left after any garbage collection during an iteration: the live data a run
 * needed at its peak, plus garbage promoted but not yet collected. Unlike "heap used", it does not
 * depend on how much garbage happens to sit in the young generation. It is only as fine as the GCs
 * are frequent, so the memory runs use a small fixed young generation ({@code -Xmn}).
 *
 * <p>Reported as {@code heap.peak.afterGc} in MB, aggregated by maximum, together with {@code
 * heap.gcs}, the collections it saw.
 */
public final class PeakHeapProfiler implements InternalProfiler {
  private static final AtomicLong PEAK = new AtomicLong();
  private static final AtomicLong GCS = new AtomicLong();
  private static volatile boolean listening;

  /** JMH creates the profiler by reflection. */
  public PeakHeapProfiler() {
    listen();
  }

  private static synchronized void listen() {
    if (listening) {
      return;
    }
    Set<String> heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(
            (Notification n, Object handback) -> record(n, heapPools), null, null);
      }
    }
    listening = true;
  }

  private static void record(Notification n, Set<String> heapPools) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    long used = 0;
    for (Map.Entry<String, MemoryUsage> pool :
        info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        used += pool.getValue().getUsed();
      }
    }
    long after = used;
    PEAK.accumulateAndGet(after, Math::max);
    GCS.incrementAndGet();
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    PEAK.set(0);
    GCS.set(0);
  }

  @Override
  public List<? extends Result<?>> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    return List.of(
        new ScalarResult(
            "heap.peak.afterGc", PEAK.get() / (1024.0 * 1024.0), "MB", AggregationPolicy.MAX),
        new ScalarResult("heap.gcs", GCS.get(), "#", AggregationPolicy.SUM));
  }

  @Override
  public String getDescription() {
    return "Peak heap occupancy after GC during each iteration";
  }
}
