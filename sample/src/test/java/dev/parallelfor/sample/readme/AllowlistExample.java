package dev.parallelfor.sample.readme;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.parallelfor.hazelcast.SerializationAllowlist;

/** The README's member with the deserialization allowlist, compiled (not run: it would join). */
final class AllowlistExample {
  private AllowlistExample() {}

  static HazelcastInstance guardedMember() {
    // readme:allowlist
    Config config = new Config();
    SerializationAllowlist.addTo(config.getSerializationConfig(), "com.example.scoring.");
    HazelcastInstance hz = Hazelcast.newHazelcastInstance(config);
    // readme:end
    return hz;
  }
}
