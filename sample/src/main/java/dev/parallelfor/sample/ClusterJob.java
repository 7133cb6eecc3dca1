package dev.parallelfor.sample;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.parallelfor.hazelcast.HazelcastCluster;
import dev.parallelfor.hazelcast.SerializationAllowlist;
import dev.parallelfor.runtime.ProgressListener;
import dev.parallelfor.runtime.Results;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The checksum job on a Hazelcast cluster: either members started in this JVM on the loopback
 * interface ({@code --cluster N}), or this JVM joining an existing cluster as a member ({@code
 * --join host:port}). Prints how many items each member ran. Its members admit only the job's, the
 * library's and the JDK's basic classes to Java deserialization ({@link SerializationAllowlist}).
 */
public final class ClusterJob implements AutoCloseable {
  private final List<HazelcastInstance> started;

  private ClusterJob(List<HazelcastInstance> started) {
    this.started = started;
  }

  /**
   * What the job found.
   *
   * @param driver each file's outcome
   * @param time how long the run took
   * @param members the cluster's members during the run
   * @param itemsPerMember how many files each member checksummed, by address
   * @param resubmittedChunks how many chunks were sent again because their member left
   */
  public record Outcome(
      Results<String> driver,
      Duration time,
      int members,
      Map<String, Long> itemsPerMember,
      long resubmittedChunks) {}

  /**
   * Starts {@code count} members in this JVM, on 127.0.0.1 only, in a cluster of their own.
   *
   * @param count how many members, at least 1
   * @return the cluster, to close when done
   */
  public static ClusterJob local(int count) {
    return local(count, "parallelfor-sample-" + UUID.randomUUID());
  }

  /**
   * Starts {@code count} members in this JVM, on 127.0.0.1 only, in the cluster of the given name.
   *
   * @param count how many members, at least 1
   * @param clusterName the cluster's name
   * @return the cluster, to close when done
   */
  public static ClusterJob local(int count, String clusterName) {
    List<HazelcastInstance> members = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      members.add(Hazelcast.newHazelcastInstance(loopbackOnly(config(clusterName, "127.0.0.1"))));
    }
    return new ClusterJob(members);
  }

  /**
   * Starts a member in this JVM that joins the cluster a member of which listens at {@code
   * address}.
   *
   * @param address {@code host:port} of a member
   * @param clusterName the cluster's name
   * @return the cluster, to close when done (this JVM's member leaves)
   */
  public static ClusterJob join(String address, String clusterName) {
    Config config = config(clusterName, address);
    String host = address.contains(":") ? address.substring(0, address.lastIndexOf(':')) : address;
    if (host.equals("127.0.0.1") || host.equals("localhost")) {
      loopbackOnly(config); // a cluster on this machine: stay off the network
    }
    return new ClusterJob(List.of(Hazelcast.newHazelcastInstance(config)));
  }

  /** The first member's port, for {@code --join 127.0.0.1:PORT}. */
  int firstMemberPort() {
    return started.get(0).getCluster().getLocalMember().getAddress().getPort();
  }

  private static Config loopbackOnly(Config config) {
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    config.setProperty("hazelcast.socket.bind.any", "false");
    return config;
  }

  private static Config config(String clusterName, String member) {
    Config config = new Config();
    // Java deserialization makes only the job's classes, the library's and the JDK's basics: a
    // stranger who reaches a member's port cannot make it instantiate anything else.
    SerializationAllowlist.addTo(config.getSerializationConfig(), "dev.parallelfor.sample.");
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "none");
    NetworkConfig network = config.getNetworkConfig();
    network.setPortAutoIncrement(true);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).addMember(member);
    return config;
  }

  /**
   * Checksums the files on the cluster, from the first member started here.
   *
   * @param files the files, which every member must be able to read at the same path
   * @param listener receives the run's progress
   * @return the outcome
   */
  public Outcome run(List<Path> files, ProgressListener listener) {
    HazelcastInstance coordinator = started.get(0);
    HazelcastCluster cluster = HazelcastCluster.of(coordinator);
    List<String> paths = files.stream().map(p -> p.toAbsolutePath().toString()).toList();
    long start = System.nanoTime();
    Results<String> results =
        new ClusterChecksumsSha256Driver(new ClusterChecksums())
            .on(cluster)
            .onProgress(listener)
            .runAll(paths);
    Duration time = Duration.ofNanos(System.nanoTime() - start);
    return new Outcome(
        results,
        time,
        coordinator.getCluster().getMembers().size(),
        cluster.itemsPerMember(),
        cluster.resubmittedChunks());
  }

  /** Shuts down the members started in this JVM. */
  @Override
  public void close() {
    for (HazelcastInstance member : started) {
      member.shutdown();
    }
  }
}
