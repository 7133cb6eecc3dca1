package dev.parallelfor.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Hazelcast members started in this JVM, on the loopback interface only, joined over TCP/IP to
 * 127.0.0.1, with a cluster name of their own (so no other test's members, nor anyone else's, can
 * join them), multicast, auto-detection and phone-home off. Closing shuts every member and client
 * down.
 */
final class LoopbackMembers implements AutoCloseable {
  final String clusterName = "parallelfor-test-" + UUID.randomUUID();
  private final List<HazelcastInstance> instances = new ArrayList<>();

  /** Member settings for a test cluster; also used by the members of separate JVMs. */
  static Config config(String clusterName, String instanceName) {
    Config config = new Config();
    config.setClusterName(clusterName);
    config.setInstanceName(instanceName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "none");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    // A crashed member is noticed within seconds, not the default minute.
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(5701).setPortAutoIncrement(true).setPortCount(100);
    network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
    return config;
  }

  /** Starts a member; it has joined the others when this returns. */
  HazelcastInstance start(String name) {
    return start(config(clusterName, name + "-" + clusterName));
  }

  /** Starts a member with settings made from {@link #config}; it has joined when this returns. */
  HazelcastInstance start(Config config) {
    HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
    synchronized (instances) {
      instances.add(member);
    }
    return member;
  }

  /** Starts a client of the cluster, connected through the first member's address. */
  HazelcastInstance client(HazelcastInstance member) {
    ClientConfig config = new ClientConfig();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "none");
    var address = member.getCluster().getLocalMember().getAddress();
    config.getNetworkConfig().addAddress("127.0.0.1:" + address.getPort());
    config.getNetworkConfig().getAutoDetectionConfig().setEnabled(false);
    HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
    synchronized (instances) {
      instances.add(client);
    }
    return client;
  }

  /**
   * Waits until each instance sees {@code count} members (a member that printed it is ready may not
   * be seen by the others yet, and a filter must not keep one apart).
   */
  static void awaitMembers(int count, HazelcastInstance... instances) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (HazelcastInstance instance : instances) {
      while (instance.getCluster().getMembers().size() != count && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(
          count, instance.getCluster().getMembers().size(), instance.getCluster().toString());
    }
  }

  @Override
  public void close() {
    List<HazelcastInstance> all;
    synchronized (instances) {
      all = new ArrayList<>(instances);
    }
    for (int i = all.size() - 1; i >= 0; i--) {
      try {
        all.get(i).getLifecycleService().terminate();
      } catch (RuntimeException alreadyDown) {
        // Shut down by the test.
      }
    }
  }
}
