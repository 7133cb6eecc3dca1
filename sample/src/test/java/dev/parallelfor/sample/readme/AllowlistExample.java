package dev.parallelfor.sample.readme;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.parallelfor.hazelcast.SerializationAllowlist;

/** docs/cluster.md's member with the allowlist, compiled (not run: it would join a cluster). */
final class AllowlistExample {
  private AllowlistExample() {}

  static HazelcastInstance guardedMember() {
    // docs:allowlist
    Config config = new Config();
    SerializationAllowlist.addTo(config.getSerializationConfig(), "com.example.scoring.");
    HazelcastInstance hz = Hazelcast.newHazelcastInstance(config);
    // docs:end
    return hz;
  }
}
