package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.parallelfor.runtime.Parallel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * IO mode on platform threads (Java 17 to 20) adds threads only while its items block: trivial
 * items stay on a few threads, items that wait for each other all get into flight.
 */
class BlockingGrowthTest {
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  /** Items that only finish once all of them are in flight; a guard so the run always ends. */
  private static final long GUARD_SECONDS = 60;

  @BeforeEach
  void onPlatformThreads() {
    assumeFalse(SharedPools.virtualThreads(), "IO mode runs on virtual threads here");
  }

  @Test
  void tenThousandTrivialItemsAddAtMostFourThreadsACore() {
    Set<Thread> before = ioThreads();
    List<Integer> items = IntStream.range(0, 10_000).boxed().toList();

    List<Integer> results = Parallel.io((Integer n) -> n + 1).run(items);

    assertThat(results).hasSize(items.size()).startsWith(1, 2, 3).endsWith(10_000);
    Set<Thread> added = ioThreads();
    added.removeAll(before);
    assertThat(added).hasSizeLessThanOrEqualTo(4 * CORES);
  }

  @Test
  void itemsThatSleepUntilAllAreInFlightAllGetThreads() {
    int items = 200;
    CountDownLatch allInFlight = new CountDownLatch(items);
    List<Boolean> met =
        Parallel.io(
                (Integer n) -> {
                  allInFlight.countDown();
                  return allInFlight.await(GUARD_SECONDS, TimeUnit.SECONDS);
                })
            .run(IntStream.range(0, items).boxed().toList());
    assertThat(met).hasSize(items).containsOnly(true);
  }

  @Test
  void itemsThatSpinUntilAllAreInFlightAllGetThreadsToo() {
    // Busy, never waiting: what an item blocked in native code looks like. Counted as blocked once
    // it has spent far longer in its chunk than a chunk should take.
    int items = 4 * CORES + 2;
    AtomicInteger inFlight = new AtomicInteger();
    long guard = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
    List<Boolean> met =
        Parallel.io(
                (Integer n) -> {
                  inFlight.incrementAndGet();
                  while (inFlight.get() < items && System.nanoTime() < guard) {
                    Thread.onSpinWait();
                  }
                  return inFlight.get() >= items;
                })
            .run(IntStream.range(0, items).boxed().toList());
    assertThat(met).hasSize(items).containsOnly(true);
  }

  @Test
  void itemsWaitingForTheRateLimitAddNoThreads() {
    // Waiting for the next permitted start is not blocking: more threads would wait as well.
    Set<Thread> before = ioThreads();
    List<Integer> items = IntStream.range(0, 60).boxed().toList();

    List<Integer> results = Parallel.io((Integer n) -> n).rateLimit(300).run(items);

    assertThat(results).isEqualTo(items);
    Set<Thread> added = ioThreads();
    added.removeAll(before);
    assertThat(added).hasSizeLessThanOrEqualTo(4 * CORES);
  }

  private static Set<Thread> ioThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(t -> t.getName().startsWith("parallelfor-io-"))
        .collect(Collectors.toSet());
  }
}
