package dev.parallelfor.runtime.internal;

import static dev.parallelfor.runtime.internal.Fixtures.cpu;
import static dev.parallelfor.runtime.internal.Fixtures.io;
import static dev.parallelfor.runtime.internal.Fixtures.lazy;
import static dev.parallelfor.runtime.internal.Fixtures.numbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.Completed;
import dev.parallelfor.runtime.IndexedItemFunction;
import dev.parallelfor.runtime.SharedExecutors;
import dev.parallelfor.runtime.TestBounds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How a run schedules its items: in chunks, on how many workers and which threads, how far ahead it
 * reads its input, the order results are handed over in, and runs nested in items.
 */
class SchedulingTest {
  private static final Duration GUARD = TestBounds.HANG;

  // ---------------------------------------------------------------------------------------------
  // Chunks

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

  // ---------------------------------------------------------------------------------------------
  // Workers and their threads

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

  // ---------------------------------------------------------------------------------------------
  // Reading the input

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

  /**
   * At parallelism 1 a lazy input is read as a {@code for} loop reads it: each item is produced
   * only after the one before it was consumed, in every form and both modes.
   */
  @ParameterizedTest
  @CsvSource({
    "CPU, run", "CPU, runAll", "CPU, stream", "CPU, asCompleted",
    "IO, run", "IO, runAll", "IO, stream", "IO, asCompleted"
  })
  void parallelismOneReadsALazyInputOneItemAtATime(Mode mode, String form) {
    int n = 50;
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    Iterable<Integer> produced = () -> new LoggingIterator(n, log);
    RunOptions options = RunOptions.of(mode, 1);
    IndexedItemFunction<Integer, Integer> consume =
        (i, x) -> {
          log.add("C" + x);
          return x;
        };
    Function<Source, List<?>> running =
        switch (form) {
          case "run" -> input -> Engine.run(options, input, consume);
          case "runAll" -> input -> Engine.runAll(options, input, consume).values();
          case "stream" -> input -> toList(Engine.stream(options, input, consume));
          case "asCompleted" -> input -> toList(Engine.asCompleted(options, input, consume));
          default -> throw new IllegalArgumentException(form);
        };
    assertTimeoutPreemptively(TestBounds.HANG, () -> running.apply(Engine.items(produced)));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      expected.add("P" + i);
      expected.add("C" + i);
    }
    assertThat(log).containsExactlyElementsOf(expected);
  }

  private static List<?> toList(Stream<?> results) {
    try (results) {
      return results.collect(Collectors.toList());
    }
  }

  /** Produces 0, 1, ... on demand and logs "P" and the item for each one it produces. */
  private static final class LoggingIterator implements Iterator<Integer> {
    private final int size;
    private final List<String> log;
    private int next;

    LoggingIterator(int size, List<String> log) {
      this.size = size;
      this.log = log;
    }

    @Override
    public boolean hasNext() {
      return next < size;
    }

    @Override
    public Integer next() {
      if (next >= size) {
        throw new NoSuchElementException();
      }
      log.add("P" + next);
      return next++;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Completion order

  private static final int ITEMS = 10;
  private static final int SLOW = 1;

  /**
   * At parallelism 2 the slow item holds back nothing: it is released only once the consumer has
   * received every other item, so a hand-over of whole chunks (where a fast item shares a chunk
   * with the slow one) never releases it. Repeated, since which items share a chunk depends on
   * timing.
   */
  @Test
  void asCompletedHandsEveryOtherResultOverWhileOneItemIsSlow() {
    assertTimeoutPreemptively(
        TestBounds.HANG,
        () -> {
          for (int attempt = 0; attempt < 20; attempt++) {
            CountDownLatch othersReceived = new CountDownLatch(ITEMS - 1);
            List<Long> order = receiveCompleted(2, othersReceived, c -> c.index() != SLOW);
            assertThat(order).hasSize(ITEMS).endsWith((long) SLOW);
            assertThat(order).containsExactlyInAnyOrderElementsOf(indexes(ITEMS));
          }
        });
  }

  /**
   * At parallelism 1 the slow item is in the way of every later one, as in a {@code for} loop: it
   * is released once the consumer has received every item before it, so each result is handed over
   * when its item is done, and the order is the input's.
   */
  @Test
  void asCompletedAtParallelismOneHandsEachResultOverInInputOrder() {
    assertTimeoutPreemptively(
        TestBounds.HANG,
        () -> {
          CountDownLatch earlierReceived = new CountDownLatch(SLOW);
          List<Long> order = receiveCompleted(1, earlierReceived, c -> c.index() < SLOW);
          assertThat(order).containsExactlyElementsOf(indexes(ITEMS));
        });
  }

  /**
   * Runs {@code asCompleted} over {@link #ITEMS} items whose item {@link #SLOW} waits for {@code
   * release}, counted down by the consumer for each result {@code counts} accepts.
   */
  private static List<Long> receiveCompleted(
      int parallelism, CountDownLatch release, Predicate<Completed<Integer>> counts) {
    List<Long> order = new ArrayList<>();
    IndexedItemFunction<Integer, Integer> slowAtOne =
        (i, x) -> {
          if (x == SLOW) {
            release.await();
          }
          return x;
        };
    try (Stream<Completed<Integer>> results =
        Engine.asCompleted(
            cpu().withParallelism(parallelism), Engine.items(numbers(ITEMS)), slowAtOne)) {
      results.forEach(
          c -> {
            order.add(c.index());
            if (counts.test(c)) {
              release.countDown();
            }
          });
    }
    return order;
  }

  private static List<Long> indexes(int n) {
    return IntStream.range(0, n).mapToObj(i -> (long) i).collect(Collectors.toList());
  }

  // ---------------------------------------------------------------------------------------------
  // Nested runs

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

  /**
   * A method that calls its own driver without end, on a shared pool: nesting beyond two levels
   * adds no thread, so the recursion stays on a few threads, and it ends in a stack overflow (as
   * plain recursion would) that reaches the outermost caller as such; the pool never grows past a
   * few threads.
   */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void unboundedRecursiveNestingOverflowsTheStackInsteadOfGrowingThePool(Mode mode) {
    int before = parallelForThreads();
    AtomicInteger most = new AtomicInteger(before);
    // Far more than the recursion may take (4 workers at parallelism 2 on two levels), far fewer
    // than a pool that grows with every level reaches: then the recursion stops itself.
    int bomb = before + 64;
    Throwable thrown =
        assertTimeoutPreemptively(
            TestBounds.HANG, () -> catchThrowable(() -> recurse(mode, most, bomb)));
    // 4 for the recursion; 2 to spare for runs of earlier tests still ending in this JVM. A
    // third level that added workers would take 8.
    assertThat(most.get() - before).isLessThanOrEqualTo(6);
    assertThat(thrown)
        .isExactlyInstanceOf(StackOverflowError.class)
        .hasMessageContaining("nested more than " + Run.MAX_NESTING_DEPTH + " deep");
  }

  private static List<Object> recurse(Mode mode, AtomicInteger most, int bomb) {
    return Runs.run(
        RunOptions.of(mode, 2),
        numbers(2),
        (i, x) -> {
          int threads = most.accumulateAndGet(parallelForThreads(), Math::max);
          if (threads > bomb) {
            throw new IllegalStateException("the pool grew to " + threads + " threads");
          }
          return recurse(mode, most, bomb);
        });
  }

  /**
   * The live platform threads of this JVM named {@code parallelfor-*} (IO mode's virtual threads,
   * where the JVM has them, are not counted: the stack overflow is what is checked there).
   */
  private static int parallelForThreads() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 64];
    int n = root.enumerate(threads, true);
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (threads[i].getName().startsWith("parallelfor-")) {
        count++;
      }
    }
    return count;
  }

  /**
   * Two levels of nesting above the core count, then a third level on a caller's own executor, each
   * keep their parallelism: every item of a level is in flight at once.
   */
  @Test
  void nestingWithinTheLimitsKeepsItsParallelism() {
    CyclicBarrier allNine = new CyclicBarrier(9);
    CyclicBarrier bothInnermost = new CyclicBarrier(2);
    ExecutorService own = Executors.newFixedThreadPool(2);
    try {
      List<List<List<Integer>>> results =
          assertTimeoutPreemptively(
              TestBounds.HANG,
              () ->
                  Runs.run(
                      io().withParallelism(3),
                      numbers(3),
                      (i, x) ->
                          Runs.run(
                              io().withParallelism(3),
                              numbers(3),
                              (j, y) -> {
                                allNine.await();
                                if (x > 0 || y > 0) {
                                  return List.<Integer>of();
                                }
                                return Runs.run(
                                    cpu().withParallelism(2).withExecutor(own),
                                    numbers(2),
                                    (k, z) -> {
                                      bothInnermost.await();
                                      return z;
                                    });
                              })));
      assertThat(results.get(0).get(0)).containsExactly(0, 1);
    } finally {
      own.shutdownNow();
    }
  }

  @Test
  void getOnANestedFutureInsideAWorkerOfAOneThreadPoolRunsItsItems() throws Exception {
    ExecutorService pool = ThreadFixtures.fixedDaemonPool(1, "nested-get-");
    try {
      RunOptions options = RunOptions.of(Mode.CPU, 0).withExecutor(pool);
      // The only thread runs the outer item, which waits for the inner run with get(): the inner
      // run can only make progress if the waiting worker runs its items itself.
      List<Integer> results =
          Runs.run(
              options,
              List.of(1, 2),
              (index, item) ->
                  Runs.runAsync(options, List.of(item, item), (i, x) -> x * 10).get().stream()
                      .mapToInt(Integer::intValue)
                      .sum());
      assertEquals(List.of(20, 40), results);
    } finally {
      ThreadFixtures.shutDownAndDrain(pool);
    }
  }
}
