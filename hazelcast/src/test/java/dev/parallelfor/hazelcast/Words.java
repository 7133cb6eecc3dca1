package dev.parallelfor.hazelcast;

import dev.parallelfor.Distributed;
import dev.parallelfor.Index;
import dev.parallelfor.ParallelFor;
import java.io.Serializable;

/** Annotated methods whose generated drivers run on a cluster in {@link HazelcastClusterTest}. */
public class Words implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String prefix;

  Words(String prefix) {
    this.prefix = prefix;
  }

  @Distributed
  @ParallelFor
  String tag(String word, @Index long position, String separator) {
    return prefix + position + separator + word;
  }

  @Distributed
  @ParallelFor
  static long cube(int n) {
    return (long) n * n * n;
  }
}
