package dev.parallelfor.runtime.internal;

import static dev.parallelfor.runtime.internal.Fixtures.cpu;
import static dev.parallelfor.runtime.internal.Fixtures.io;
import static dev.parallelfor.runtime.internal.Fixtures.numbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.Completed;
import dev.parallelfor.runtime.IndexedItemFunction;
import dev.parallelfor.runtime.TestBounds;
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

/**
 * How items are scheduled where one feature meets another: completion order with a slow item,
 * recursive nesting on the shared pool, and a lazy input at parallelism 1.
 */
class SchedulingRegressionTest {
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
}
