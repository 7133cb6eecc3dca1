package dev.parallelfor.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import dev.parallelfor.runtime.ItemFunction;
import dev.parallelfor.runtime.Parallel;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A member that crashes mid-run loses nothing: its chunks run again on the others and every item
 * has exactly one result. The members run in this JVM, so the items can tell which member runs them
 * from the name of their thread, and hold the victim's chunk until it is gone.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MemberLossTest {
  private static final int ITEMS = 2_000;
  private static final List<Integer> NUMBERS =
      IntStream.range(0, ITEMS).boxed().collect(Collectors.toUnmodifiableList());

  /** Shared by the members (they live in this JVM): how often each item ran, and the victim. */
  static final class Victim {
    static volatile String threadNamePart = "none";
    static volatile CountDownLatch running = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(1);
    static final AtomicIntegerArray runs = new AtomicIntegerArray(ITEMS);

    static Integer work(Integer n) throws InterruptedException {
      runs.incrementAndGet(n);
      if (Thread.currentThread().getName().contains(threadNamePart)) {
        running.countDown();
        release.await(); // interrupted when its member is terminated
      }
      return n * 3;
    }
  }

  interface Work extends ItemFunction<Integer, Integer>, Serializable {}

  @Test
  void aMemberThatShutsDownGracefullyMidRunLosesNoResult() throws Exception {
    try (LoopbackMembers members = new LoopbackMembers()) {
      HazelcastInstance coordinator = members.start("coordinator");
      members.start("survivor");
      HazelcastInstance leaving = members.start("leaving");
      Victim.threadNamePart = "hz." + leaving.getName() + ".";
      Victim.running = new CountDownLatch(1);
      Victim.release = new CountDownLatch(1);
      HazelcastCluster cluster =
          HazelcastCluster.of(coordinator).withTargetChunkTime(Duration.ofMillis(1));

      CompletableFuture<List<Integer>> run =
          Parallel.cpu((Work) Victim::work).on(cluster).runAsync(NUMBERS);
      assertTrue(Victim.running.await(60, TimeUnit.SECONDS), "the leaving member runs a chunk");
      // A graceful shutdown may wait for the chunk it runs, or interrupt it: either way, every
      // item must have exactly one result.
      Thread shutdown = new Thread(() -> leaving.shutdown(), "shutdown");
      shutdown.start();
      Victim.release.countDown();
      shutdown.join();

      assertEquals(NUMBERS.stream().map(n -> n * 3).toList(), run.get(90, TimeUnit.SECONDS));
    }
  }

  @Test
  void aCrashedMembersChunksRunElsewhereAndEveryItemHasOneResult() throws Exception {
    try (LoopbackMembers members = new LoopbackMembers()) {
      HazelcastInstance coordinator = members.start("coordinator");
      members.start("survivor");
      HazelcastInstance victim = members.start("victim");
      LoopbackMembers.awaitMembers(3, coordinator);
      Victim.threadNamePart = "hz." + victim.getName() + ".";
      Victim.running = new CountDownLatch(1);
      Victim.release = new CountDownLatch(1);
      for (int i = 0; i < ITEMS; i++) {
        Victim.runs.set(i, 0);
      }
      HazelcastCluster cluster =
          HazelcastCluster.of(coordinator).withTargetChunkTime(Duration.ofMillis(1));

      CompletableFuture<List<Integer>> run =
          Parallel.cpu((Work) Victim::work).on(cluster).runAsync(NUMBERS);
      assertTrue(Victim.running.await(60, TimeUnit.SECONDS), "the victim runs a chunk");
      victim.getLifecycleService().terminate();
      Victim.release.countDown();

      List<Integer> results = run.get(90, TimeUnit.SECONDS);
      assertEquals(NUMBERS.stream().map(n -> n * 3).toList(), results);
      assertTrue(cluster.resubmittedChunks() >= 1, "the lost chunk was sent again");
      int ranTwice = 0;
      for (int i = 0; i < ITEMS; i++) {
        assertTrue(Victim.runs.get(i) >= 1, "item " + i + " ran");
        ranTwice += Victim.runs.get(i) > 1 ? 1 : 0;
      }
      assertTrue(ranTwice >= 1, "the lost chunk's items ran again");
    }
  }
}
