package dev.parallelfor.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import dev.parallelfor.runtime.ItemFunction;
import dev.parallelfor.runtime.Parallel;
import dev.parallelfor.runtime.ParallelForException;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A member that stops answering (its process frozen with {@code SIGSTOP}, as a long GC pause or a
 * network partition would look), while it runs a chunk or before the run starts: stopping the run
 * must not wait for that member to acknowledge the cancellation, nor starting it for that member to
 * say how many cores it has, which here it never would before the coordinator gives it up as dead
 * (set to two minutes, longer than the test may take).
 */
@Timeout(value = 150, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FrozenMemberTest {
  interface Block extends ItemFunction<Integer, Integer>, Serializable {}

  /** Blocks until interrupted, saying on a separate member's output that it started. */
  static Integer block(Integer n) throws InterruptedException {
    if (Boolean.getBoolean(SeparateMember.SEPARATE)) {
      System.out.println("STARTED " + n);
      System.out.flush();
    }
    Thread.sleep(TimeUnit.MINUTES.toMillis(10));
    return n;
  }

  /** A coordinator that gives a silent member two minutes before it declares it dead. */
  private static HazelcastInstance patientCoordinator(LoopbackMembers members) {
    Config config = LoopbackMembers.config(members.clusterName, "coordinator");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "120");
    config.setProperty("hazelcast.operation.call.timeout.millis", "120000");
    return members.start(config);
  }

  @Test
  void anInterruptedRunEndsWithoutWaitingForAFrozenMember() throws Exception {
    assumeTrue(
        System.getProperty("os.name").toLowerCase().contains("linux"),
        "freezes a process with kill -STOP");
    Process member = null;
    try (LoopbackMembers members = new LoopbackMembers()) {
      HazelcastInstance coordinator = patientCoordinator(members);
      member = SeparateMember.start(members.clusterName, "frozen");
      SeparateMember.awaitLine(member, "READY");
      LoopbackMembers.awaitMembers(2, coordinator);

      List<Integer> numbers = IntStream.range(0, 64).boxed().collect(Collectors.toList());
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      CountDownLatch ended = new CountDownLatch(1);
      Thread caller =
          new Thread(
              () -> {
                try {
                  Parallel.cpu((Block) FrozenMemberTest::block)
                      .on(HazelcastCluster.of(coordinator))
                      .run(numbers);
                } catch (Throwable t) {
                  thrown.set(t);
                } finally {
                  ended.countDown();
                }
              },
              "frozen-member-test-caller");
      caller.start();
      // The first chunks go one to each member in turn, so the frozen member has one in flight.
      SeparateMember.awaitLine(member, "STARTED");
      signal(member, "STOP");

      caller.interrupt();

      assertTrue(
          ended.await(60, TimeUnit.SECONDS),
          "the run waited for the frozen member to acknowledge its cancellation");
      ParallelForException failure = assertInstanceOf(ParallelForException.class, thrown.get());
      assertInstanceOf(InterruptedException.class, failure.getCause(), failure.toString());
    } finally {
      if (member != null) {
        signal(member, "CONT");
        member.destroyForcibly();
        member.waitFor();
      }
    }
  }

  @Test
  void aRunStartedAfterAMemberFrozeEndsAtItsDeadline() throws Exception {
    assumeTrue(
        System.getProperty("os.name").toLowerCase().contains("linux"),
        "freezes a process with kill -STOP");
    Process member = null;
    try (LoopbackMembers members = new LoopbackMembers()) {
      HazelcastInstance coordinator = patientCoordinator(members);
      member = SeparateMember.start(members.clusterName, "frozen");
      SeparateMember.awaitLine(member, "READY");
      LoopbackMembers.awaitMembers(2, coordinator);
      // Frozen before the run: the run's first question (how many cores has each member?) and
      // its chunks there get no answer, and the member stays in the cluster for two minutes.
      signal(member, "STOP");

      List<Integer> numbers = IntStream.range(0, 64).boxed().collect(Collectors.toList());
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      CountDownLatch ended = new CountDownLatch(1);
      Thread caller =
          new Thread(
              () -> {
                try {
                  Parallel.cpu((Block) FrozenMemberTest::block)
                      .on(HazelcastCluster.of(coordinator))
                      .timeout(Duration.ofSeconds(3))
                      .run(numbers);
                } catch (Throwable t) {
                  thrown.set(t);
                } finally {
                  ended.countDown();
                }
              },
              "frozen-member-test-caller");
      caller.start();

      // Far below the 30 s that a member's silence cost before the deadline was armed.
      assertTrue(
          ended.await(15, TimeUnit.SECONDS),
          "a run with a 3 s timeout waited for a frozen member longer than 15 s");
      ParallelForException failure = assertInstanceOf(ParallelForException.class, thrown.get());
      assertInstanceOf(TimeoutException.class, failure.getCause(), failure.toString());
      // The run interrupted the thread that asked for the cores when it stopped waiting: that
      // thread stops waiting for the frozen member too, rather than for Hazelcast's 30 seconds.
      for (Thread asking : Thread.getAllStackTraces().keySet()) {
        if (asking.getName().equals("parallelfor-cluster-parallelism")) {
          asking.join(TimeUnit.SECONDS.toMillis(10));
          assertTrue(!asking.isAlive(), "still asking the frozen member for its cores");
        }
      }
    } finally {
      if (member != null) {
        signal(member, "CONT");
        member.destroyForcibly();
        member.waitFor();
      }
    }
  }

  private static void signal(Process process, String signal)
      throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
    assertEquals(0, kill.waitFor(), "kill -" + signal);
  }
}
