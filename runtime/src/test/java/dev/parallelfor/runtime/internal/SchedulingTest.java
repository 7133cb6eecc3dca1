package dev.parallelfor.runtime.internal;

import static dev.parallelfor.runtime.internal.Fixtures.cpu;
import static dev.parallelfor.runtime.internal.Fixtures.io;
import static dev.parallelfor.runtime.internal.Fixtures.lazy;
import static dev.parallelfor.runtime.internal.Fixtures.numbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parallelfor.runtime.SharedExecutors;
import dev.parallelfor.runtime.TestBounds;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchedulingTest {
  private static final Duration GUARD = TestBounds.HANG;

  @Test
  void tinyItemsAreChunkedNotOneTaskPerItem() {
    Fixtures.CountingExecutor executor = new Fixtures.CountingExecutor();
    AtomicInteger calls = new AtomicInteger();
    List<Long> results =
        Runs.runRange(
            cpu().withParallelism(2).withExecutor(executor),
            0,
            1_000_000,
            (i, v) -> {
              calls.incrementAndGet();
              return v;
            });
    assertThat(results).hasSize(1_000_000);
    assertThat(calls).hasValue(1_000_000);
    // One task per worker: never more tasks than the parallelism.
    assertThat(executor.tasks.get()).isBetween(1, 2);
  }

  @Test
  void lazyInputOfTinyItemsAlsoUsesOneTaskPerWorker() {
    Fixtures.CountingExecutor executor = new Fixtures.CountingExecutor();
    Runs.run(cpu().withParallelism(3).withExecutor(executor), lazy(numbers(200_000)), (i, x) -> x);
    assertThat(executor.tasks.get()).isBetween(1, 3);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 8})
  void parallelismIsAHardCapThatIsReached(int parallelism) {
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          AtomicInteger inFlight = new AtomicInteger();
          AtomicInteger maxInFlight = new AtomicInteger();
          // The first `parallelism` items wait for each other, so the cap is surely reached.
          CyclicBarrier allRunning = new CyclicBarrier(parallelism);
          Runs.run(
              io().withParallelism(parallelism),
              numbers(200),
              (i, x) -> {
                int now = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(now, Math::max);
                if (x < parallelism) {
                  allRunning.await();
                }
                inFlight.decrementAndGet();
                return x;
              });
          assertThat(maxInFlight).hasValue(parallelism);
        });
  }

  @Test
  void parallelismAboveTheCoreCountGetsThatManyWorkers() {
    int parallelism = Runtime.getRuntime().availableProcessors() * 4;
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          CountDownLatch allRunning = new CountDownLatch(parallelism);
          List<Integer> results =
              Runs.run(
                  cpu().withParallelism(parallelism),
                  numbers(parallelism),
                  (i, x) -> {
                    allRunning.countDown();
                    allRunning.await();
                    return x;
                  });
          assertThat(results).hasSize(parallelism);
        });
  }

  @Test
  void ioModeDefaultKeepsHundredsOfBlockingItemsInFlight() {
    int items = 300;
    assertThat(SharedExecutors.defaultParallelism(dev.parallelfor.Mode.IO))
        .isGreaterThanOrEqualTo(items);
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          // Completes only if all 300 items block at the same time.
          CountDownLatch allBlocked = new CountDownLatch(items);
          List<Integer> results =
              Runs.run(
                  io(),
                  numbers(items),
                  (i, x) -> {
                    allBlocked.countDown();
                    allBlocked.await();
                    return x;
                  });
          assertThat(results).isEqualTo(numbers(items));
        });
  }

  @Test
  void ioModeRunsOnVirtualThreadsWhereTheJvmHasThem() {
    List<String> names =
        Runs.run(io().withParallelism(4), numbers(8), (i, x) -> Thread.currentThread().toString());
    assertThat(names).allSatisfy(n -> assertThat(n).contains("parallelfor-io-"));
    boolean virtualAvailable = Runtime.version().feature() >= 21;
    assertThat(SharedExecutors.virtualThreads()).isEqualTo(virtualAvailable);
    if (virtualAvailable) {
      assertThat(names).allSatisfy(n -> assertThat(n).startsWith("VirtualThread"));
    }
  }

  @Test
  void ioModeOnVirtualThreadsFinishesAThousandBlockingItemsTogether() {
    assumeTrue(SharedExecutors.virtualThreads(), "needs a JVM with virtual threads (21+)");
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          CountDownLatch allBlocked = new CountDownLatch(1000);
          List<Integer> results =
              Runs.run(
                  io(),
                  numbers(1000),
                  (i, x) -> {
                    allBlocked.countDown();
                    allBlocked.await();
                    return x;
                  });
          assertThat(results).hasSize(1000);
        });
  }

  @Test
  void cpuModeRunsOnNamedDaemonPlatformThreads() {
    List<String> names =
        Runs.run(
            cpu().withParallelism(2),
            numbers(4),
            (i, x) -> Thread.currentThread().getName() + "/" + Thread.currentThread().isDaemon());
    assertThat(names).allSatisfy(n -> assertThat(n).matches("parallelfor-cpu-\\d+/true"));
  }

  @Test
  void lazyInputIsNotReadFurtherAheadThanTheWorkersNeed() {
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          Fixtures.CountingIterable input = new Fixtures.CountingIterable(1_000_000);
          CountDownLatch bothBlocked = new CountDownLatch(2);
          CountDownLatch release = new CountDownLatch(1);
          AtomicInteger readWhileBlocked = new AtomicInteger(-1);
          Thread runner =
              new Thread(
                  () ->
                      Runs.runVoid(
                          io().withParallelism(2),
                          input,
                          (i, x) -> {
                            if (x < 2) {
                              bothBlocked.countDown();
                              release.await();
                            }
                            return null;
                          }));
          runner.start();
          bothBlocked.await();
          readWhileBlocked.set(input.read.get());
          release.countDown();
          runner.join();
          // Two workers, each with a first chunk of one item: two items read, no more.
          assertThat(readWhileBlocked).hasValue(2);
          assertThat(input.read).hasValue(1_000_000);
        });
  }

  @Test
  void callersExecutorIsUsedAndNeverShutDown() {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<String> names =
          Runs.run(
              cpu().withExecutor(pool), numbers(100), (i, x) -> Thread.currentThread().getName());
      assertThat(names).allSatisfy(n -> assertThat(n).startsWith("pool-"));
      assertThat(pool.isShutdown()).isFalse();
      assertThat(Runs.run(cpu().withExecutor(pool), numbers(10), (i, x) -> x)).hasSize(10);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void manyRunsLeaveTheThreadCountUnchanged() {
    for (int i = 0; i < 20_000; i++) {
      runSmallRuns();
    }
    int before = Thread.activeCount();
    for (int i = 0; i < 10_000; i++) {
      runSmallRuns();
    }
    // Pool threads are reused; idle ones may end, but no run leaves a thread behind.
    assertThat(Thread.activeCount()).isLessThanOrEqualTo(before);
  }

  private static void runSmallRuns() {
    Runs.run(cpu(), numbers(4), (i, x) -> x);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void nestedRunsOnASaturatedExecutorDoNotDeadlock(int parallelism) {
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    try {
      assertTimeoutPreemptively(
          GUARD,
          () -> {
            List<Integer> sums =
                Runs.run(
                    cpu().withParallelism(parallelism).withExecutor(pool),
                    numbers(6),
                    (i, x) ->
                        Runs.run(
                                cpu().withParallelism(parallelism).withExecutor(pool),
                                numbers(50),
                                (j, y) -> x * y)
                            .stream()
                            .mapToInt(Integer::intValue)
                            .sum());
            assertThat(sums).isEqualTo(numbers(6).stream().map(x -> x * 1225).toList());
          });
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void nestedRunsOfEveryModeCombinationComplete(int parallelism) {
    assertTimeoutPreemptively(
        GUARD,
        () -> {
          for (RunOptions outer : List.of(cpu(), io())) {
            for (RunOptions inner : List.of(cpu(), io())) {
              List<List<Integer>> results =
                  Runs.run(
                      outer.withParallelism(parallelism),
                      numbers(2 * parallelism + 1),
                      (i, x) ->
                          Runs.run(
                              inner.withParallelism(parallelism),
                              numbers(5),
                              (j, y) -> x * 10 + y));
              assertThat(results.get(2)).containsExactly(20, 21, 22, 23, 24);
            }
          }
        });
  }

  @Test
  void nestedStreamingInputsStayOrdered() {
    List<List<Long>> nested =
        Runs.run(
            cpu(),
            numbers(4),
            (i, x) ->
                Runs.runRange(cpu(), 0, 1000, (j, v) -> v * x).stream()
                    .collect(Collectors.toList()));
    assertThat(nested.get(3).get(999)).isEqualTo(2997L);
  }
}
