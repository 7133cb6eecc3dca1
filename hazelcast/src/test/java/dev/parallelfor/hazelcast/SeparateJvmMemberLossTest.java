package dev.parallelfor.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import dev.parallelfor.runtime.ItemFunction;
import dev.parallelfor.runtime.Parallel;
import dev.parallelfor.runtime.Progress;
import dev.parallelfor.runtime.ProgressListener;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Members in JVMs of their own, one killed with {@code destroyForcibly} (SIGKILL) mid-run: the run
 * still completes with every result exactly once.
 */
@Timeout(value = 150, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SeparateJvmMemberLossTest {
  private static final int ITEMS = 4_000;

  /** Some computation, the same on every member. */
  static long work(int n) {
    long h = n;
    for (int i = 0; i < 100_000; i++) {
      h = h * 31 + i;
    }
    return h;
  }

  interface Work extends ItemFunction<Integer, Long>, Serializable {}

  @Test
  void killingAMemberProcessMidRunLosesNoResult() throws Exception {
    List<Process> processes = new ArrayList<>();
    try (LoopbackMembers members = new LoopbackMembers()) {
      HazelcastInstance coordinator = members.start("coordinator");
      for (int i = 0; i < 2; i++) {
        processes.add(SeparateMember.start(members.clusterName, "process-" + i));
      }
      for (Process process : processes) {
        SeparateMember.awaitLine(process, "READY");
      }
      LoopbackMembers.awaitMembers(3, coordinator);

      List<Integer> numbers =
          IntStream.range(0, ITEMS).boxed().collect(Collectors.toUnmodifiableList());
      CountDownLatch aQuarterDone = new CountDownLatch(1);
      ProgressListener listener =
          new ProgressListener() {
            @Override
            public void onProgress(Progress p) {
              if (p.completed() >= ITEMS / 4) {
                aQuarterDone.countDown();
              }
            }
          };
      HazelcastCluster cluster =
          HazelcastCluster.of(coordinator).withTargetChunkTime(Duration.ofMillis(20));
      CompletableFuture<List<Long>> run =
          Parallel.cpu((Work) SeparateJvmMemberLossTest::work)
              .on(cluster)
              .onProgress(listener)
              .runAsync(numbers);
      assertTrue(aQuarterDone.await(90, TimeUnit.SECONDS));
      Process killed = processes.get(0);
      killed.destroyForcibly();
      killed.waitFor();

      List<Long> results = run.get(120, TimeUnit.SECONDS);
      assertEquals(numbers.stream().map(n -> work(n)).toList(), results);
      assertTrue(cluster.resubmittedChunks() >= 1, "the killed member's chunks were sent again");
      assertEquals(3, cluster.itemsPerMember().size(), cluster.itemsPerMember().toString());
      assertEquals(
          ITEMS, cluster.itemsPerMember().values().stream().mapToLong(Long::longValue).sum());
    } finally {
      for (Process process : processes) {
        process.destroyForcibly();
        process.waitFor();
      }
    }
  }
}
