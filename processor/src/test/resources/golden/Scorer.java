package com.example.score;

import dev.parallelfor.Distributed;
import dev.parallelfor.Index;
import dev.parallelfor.ParallelFor;
import java.io.Serializable;
import java.util.Map;

public class Scorer implements Serializable {
  private static final long serialVersionUID = 1L;

  @Distributed
  @ParallelFor
  double score(String document, @Index long position, Map<String, Double> weights) {
    return weights.getOrDefault(document, 0.0) * position;
  }
}
