package dev.parallelfor.hazelcast;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A member in a JVM of its own, for the tests that kill or freeze one: joins the cluster named by
 * its first argument, prints {@code READY} once it has, and runs until its standard input closes
 * (so it never outlives the test JVM) or it is killed. The system property {@value #SEPARATE} is
 * true in its JVM.
 */
public final class SeparateMember {
  /** A system property set in a separate member's JVM, so that an item can tell where it runs. */
  static final String SEPARATE = "parallelfor.test.separate.member";

  private SeparateMember() {}

  /** Starts a member process of the cluster {@code clusterName}; it has not joined yet. */
  static Process start(String clusterName, String name) throws IOException {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xmx192m");
    command.add("-D" + SEPARATE + "=true");
    command.add("-Dhazelcast.phone.home.enabled=false");
    command.add("-Dhazelcast.logging.type=none");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(SeparateMember.class.getName());
    command.add(clusterName);
    command.add(name + "-" + clusterName);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectErrorStream(true);
    return builder.start();
  }

  /**
   * Reads the member's output until a line starts with {@code prefix} (its {@code READY} once it
   * joined, or what an item printed). Reads byte by byte, without a buffer of its own, so that a
   * later call sees every line after this one's.
   */
  static void awaitLine(Process process, String prefix) throws IOException {
    InputStream out = process.getInputStream();
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = out.read()) >= 0) {
      if (b != '\n') {
        line.append((char) b);
      } else if (line.toString().startsWith(prefix)) {
        return;
      } else {
        line.setLength(0);
      }
    }
    throw new IllegalStateException("a member process ended before it printed " + prefix);
  }

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
