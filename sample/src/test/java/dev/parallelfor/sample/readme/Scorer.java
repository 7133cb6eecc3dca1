package dev.parallelfor.sample.readme;

// docs:cluster
import dev.parallelfor.Distributed;
import dev.parallelfor.ParallelFor;
import java.io.Serializable;
import java.util.Map;

// docs:end

/** docs/cluster.md's cluster example, compiled. */
// docs:cluster
public class Scorer implements Serializable {
  private static final long serialVersionUID = 1L;

  @Distributed
  @ParallelFor
  double score(String document, Map<String, Double> weights) {
    return weights.getOrDefault(document, 0.0);
  }
}
// docs:end
