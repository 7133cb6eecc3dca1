package dev.parallelfor.benchmarks;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.parallelfor.hazelcast.HazelcastCluster;
import dev.parallelfor.runtime.ItemFunction;
import dev.parallelfor.runtime.Parallel;
import dev.parallelfor.runtime.ParallelLoop;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
 * Workload B (about 50 µs per item) on a Hazelcast cluster of {@code members} members started in
 * the benchmark's JVM on 127.0.0.1, against the local loop ({@code members = 0}). All members share
 * this machine's cores, so the figures give the cost of shipping chunks (the time over the local
 * run) rather than a speedup; docs/performance.md turns that cost into a model of a real cluster.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xms1g", "-Xmx1g", "-Dhazelcast.phone.home.enabled=false"})
public class ClusterBenchmark {
  /** Members in the cluster; 0 runs the same loop locally. */
  @Param({"0", "1", "2", "3"})
  public int members;

  /** How many items. */
  @Param("20000")
  public int n;

  private List<Long> items;
  private final List<HazelcastInstance> started = new ArrayList<>();
  private ParallelLoop<Long, Long> loop;

  /** The item's work, serializable so that it can travel. */
  interface Medium extends ItemFunction<Long, Long>, Serializable {}

  /** Starts the members and builds the items once, outside the measurement. */
  @Setup(Level.Trial)
  public void setUp() {
    items = Items.list(n);
    loop = Parallel.cpu((Medium) Workloads::medium);
    if (members > 0) {
      String name = "parallelfor-benchmark-" + UUID.randomUUID();
      for (int i = 0; i < members; i++) {
        started.add(Hazelcast.newHazelcastInstance(config(name)));
      }
      loop = loop.on(HazelcastCluster.of(started.get(0)));
    }
  }

  private static Config config(String clusterName) {
    Config config = new Config();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "none");
    config.setProperty("hazelcast.socket.bind.any", "false");
    NetworkConfig network = config.getNetworkConfig();
    network.setPortAutoIncrement(true);
    network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
    return config;
  }

  /** Shuts the members down. */
  @TearDown(Level.Trial)
  public void tearDown() {
    for (HazelcastInstance member : started) {
      member.getLifecycleService().terminate();
    }
    started.clear();
  }

  /** One run over all items; JMH consumes the returned list. */
  @Benchmark
  public List<Long> run() {
    return loop.run(items);
  }
}
