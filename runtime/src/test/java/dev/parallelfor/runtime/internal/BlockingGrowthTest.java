package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.parallelfor.runtime.Parallel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * IO mode on platform threads (Java 17 to 20) adds threads only while its items block: trivial
 * items and items that compute stay on a few threads, items that wait for each other all get into
 * flight, whether they wait in Java or in native code.
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
  void itemsBlockedInNativeCodeUntilAllAreInFlightAllGetThreadsToo() throws Exception {
    // A read of a pipe waits inside a native call, where the JVM calls the thread RUNNABLE, as a
    // socket read on a platform thread does. The bytes come only once every item waits for one.
    int items = 4 * CORES + 2;
    List<Pipe> pipes = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      pipes.add(Pipe.open());
    }
    CountDownLatch allInFlight = new CountDownLatch(items);
    AtomicBoolean met = new AtomicBoolean();
    Thread writer =
        new Thread(
            () -> {
              try {
                met.set(allInFlight.await(GUARD_SECONDS, TimeUnit.SECONDS));
                for (Pipe pipe : pipes) {
                  pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
                }
              } catch (InterruptedException | IOException e) {
                throw new IllegalStateException(e);
              }
            });
    writer.start();
    try {
      List<Integer> read =
          Parallel.io(
                  (Integer n) -> {
                    allInFlight.countDown();
                    ByteBuffer one = ByteBuffer.allocate(1);
                    pipes.get(n).source().read(one);
                    return (int) one.get(0);
                  })
              .run(IntStream.range(0, items).boxed().toList());
      writer.join();
      assertThat(met).isTrue();
      assertThat(read).hasSize(items).containsOnly(1);
    } finally {
      for (Pipe pipe : pipes) {
        pipe.source().close();
        pipe.sink().close();
      }
    }
  }

  @Test
  void itemsThatComputeForLongAddNoThreads() {
    // Busy in Java code for many times what takes a RUNNABLE worker to be looked at as stalled:
    // RUNNABLE all along, as a worker blocked in native code is, yet no more threads would help.
    int items = 3 * CORES;
    long busyNanos = 5 * BlockingGrowth.STALL_NANOS;
    Set<Thread> ranItems = ConcurrentHashMap.newKeySet();
    List<Long> results =
        Parallel.io(
                (Integer n) -> {
                  ranItems.add(Thread.currentThread());
                  long start = System.nanoTime();
                  long h = n;
                  while (System.nanoTime() - start < busyNanos) {
                    h = h * 31 + 1;
                  }
                  return h;
                })
            .run(IntStream.range(0, items).boxed().toList());
    assertThat(results).hasSize(items);
    assertThat(ranItems).hasSizeLessThanOrEqualTo(CORES);
  }

  @Test
  void theLooksThinOutWhileNoWorkerBlocksAndComeBackAtOnceWhenOneDoes() {
    long delay = BlockingGrowth.TICK_NANOS;
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      delay = BlockingGrowth.nextDelay(delay, true);
      delays.add(delay);
    }
    assertThat(delays.get(0)).isEqualTo(2 * BlockingGrowth.TICK_NANOS);
    assertThat(delays).isSorted().endsWith(BlockingGrowth.MAX_TICK_NANOS);
    assertThat(BlockingGrowth.nextDelay(delay, false)).isEqualTo(BlockingGrowth.TICK_NANOS);
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
