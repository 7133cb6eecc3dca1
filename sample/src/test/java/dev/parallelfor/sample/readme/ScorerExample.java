package dev.parallelfor.sample.readme;

// docs:clusterRun
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.parallelfor.hazelcast.HazelcastCluster;
import dev.parallelfor.runtime.ProgressBars;
// docs:end
import java.util.List;
import java.util.Map;

/** docs/cluster.md's cluster example, compiled (not run: it would join a cluster). */
final class ScorerExample {
  private ScorerExample() {}

  static List<Double> scoreAll(List<String> documents, Map<String, Double> weights) {
    // docs:clusterRun
    HazelcastInstance hz = Hazelcast.newHazelcastInstance(); // this JVM joins the cluster
    List<Double> scores =
        new ScorerScoreDriver(new Scorer())
            .on(HazelcastCluster.of(hz)) // a member or a client
            .onProgress(ProgressBars.console("score"))
            .run(documents, weights);
    // docs:end
    return scores;
  }
}
