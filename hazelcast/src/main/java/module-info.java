/**
 * Runs the chunks of a ParallelFor loop on the members of a Hazelcast cluster: {@link
 * dev.parallelfor.hazelcast.HazelcastCluster}.
 */
module dev.parallelfor.hazelcast {
  // A HazelcastCluster is made from a HazelcastInstance and is a runtime Cluster.
  requires transitive dev.parallelfor.runtime;
  requires transitive com.hazelcast.core;

  exports dev.parallelfor.hazelcast;
}
