package dev.parallelfor.sample.readme;

// readme:clusterRun
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.parallelfor.hazelcast.HazelcastCluster;
import dev.parallelfor.runtime.ProgressBars;
// readme:end
import java.util.List;
import java.util.Map;

/** The README's cluster example, compiled (not run: it would join a cluster). */
final class ScorerExample {
  private ScorerExample() {}

  static List<Double> scoreAll(List<String> documents, Map<String, Double> weights) {
    // readme:clusterRun
    HazelcastInstance hz = Hazelcast.newHazelcastInstance(); // this JVM joins the cluster
    List<Double> scores =
        new ScorerScoreDriver(new Scorer())
            .on(HazelcastCluster.of(hz)) // a member or a client
            .onProgress(ProgressBars.console("score"))
            .run(documents, weights);
    // readme:end
    return scores;
  }
}
