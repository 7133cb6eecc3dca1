package dev.parallelfor.hazelcast;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;

/**
 * A member in a JVM of its own, for {@link SeparateJvmMemberLossTest}: joins the cluster named by
 * its first argument, prints {@code READY} once it has, and runs until its standard input closes
 * (so it never outlives the test JVM) or it is killed.
 */
public final class SeparateMember {
  private SeparateMember() {}

  public static void main(String[] args) throws IOException {
    HazelcastInstance member =
        Hazelcast.newHazelcastInstance(LoopbackMembers.config(args[0], args[1]));
    System.out.println("READY " + member.getCluster().getLocalMember().getAddress());
    System.out.flush();
    while (System.in.read() >= 0) {
      // Wait for the end of input.
    }
    member.getLifecycleService().terminate();
  }
}
