package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parallelfor.Mode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code checkpoint(...)}: a run resumed from its checkpoint returns exactly what an uninterrupted
 * run returns, in input order, and calls the method only for the items the checkpoint does not
 * hold; for every form, source and per-item option.
 */
class CheckpointTest {
  private static final int N = 300;

  /** The work of the tests: a result that tells its item, calls counted, failures on demand. */
  static final class Work {
    final Set<Object> called = ConcurrentHashMap.newKeySet();
    final AtomicInteger calls = new AtomicInteger();
    volatile Predicate<Object> failing = item -> false;

    String apply(Object item) throws IOException {
      calls.incrementAndGet();
      called.add(item);
      if (failing.test(item)) {
        throw new IOException("failed " + item);
      }
      return "r" + item;
    }

    void reset() {
      called.clear();
      calls.set(0);
      failing = item -> false;
    }
  }

  private static List<Integer> numbers(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toUnmodifiableList());
  }

  private static List<String> expected(List<?> items) {
    return items.stream().map(i -> "r" + i).collect(Collectors.toList());
  }

  private static Set<Integer> multiplesOf3(int n) {
    return IntStream.range(0, n).filter(i -> i % 3 == 0).boxed().collect(Collectors.toSet());
  }

  /** Every form of running, over every kind of source. */
  enum Form {
    RUN_LIST {
      @Override
      List<String> run(ParallelLoop<Integer, String> loop, List<Integer> items) {
        return loop.run(items);
      }
    },
    RUN_ITERABLE {
      @Override
      List<String> run(ParallelLoop<Integer, String> loop, List<Integer> items) {
        Iterable<Integer> iterable = items::iterator; // size unknown, read lazily
        return loop.run(iterable);
      }
    },
    RUN_LINKED_LIST {
      @Override
      List<String> run(ParallelLoop<Integer, String> loop, List<Integer> items) {
        return loop.run(new LinkedList<>(items));
      }
    },
    RUN_STREAM {
      @Override
      List<String> run(ParallelLoop<Integer, String> loop, List<Integer> items) {
        return loop.run(items.stream().filter(i -> true)); // size unknown
      }
    },
    RUN_ALL {
      @Override
      List<String> run(ParallelLoop<Integer, String> loop, List<Integer> items) {
        return loop.runAll(items).values();
      }
    },
    FOR_EACH {
      @Override
      List<String> run(ParallelLoop<Integer, String> loop, List<Integer> items) {
        loop.forEach(items);
        return null;
      }
    },
    RUN_ASYNC {
      @Override
      List<String> run(ParallelLoop<Integer, String> loop, List<Integer> items) {
        return loop.runAsync(items).join();
      }
    },
    STREAM {
      @Override
      List<String> run(ParallelLoop<Integer, String> loop, List<Integer> items) {
        try (Stream<String> results = loop.stream(items)) {
          return results.collect(Collectors.toList());
        }
      }
    },
    STREAM_OF_STREAM {
      @Override
      List<String> run(ParallelLoop<Integer, String> loop, List<Integer> items) {
        try (Stream<String> results = loop.stream(items.stream())) {
          return results.collect(Collectors.toList());
        }
      }
    },
    AS_COMPLETED {
      @Override
      List<String> run(ParallelLoop<Integer, String> loop, List<Integer> items) {
        try (Stream<Completed<String>> results = loop.asCompleted(items)) {
          return results
              .sorted(Comparator.comparingLong(Completed::index))
              .map(Completed::value)
              .collect(Collectors.toList());
        }
      }
    };

    abstract List<String> run(ParallelLoop<Integer, String> loop, List<Integer> items);
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void aResumedRunReturnsTheUninterruptedResultsAndRunsOnlyWhatWasNotStored(Form form) {
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    Work work = new Work();
    ParallelLoop<Integer, String> loop =
        Parallel.cpu((Integer i) -> work.apply(i)).parallelism(4).checkpoint(Checkpoint.of(store));
    List<Integer> items = numbers(N);
    work.failing = item -> (Integer) item % 3 == 0;
    Results<String> first = loop.runAll(items);
    assertThat(first.failed()).isEqualTo(multiplesOf3(N).size());
    assertThat(store.latest().keySet())
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, N).filter(i -> i % 3 != 0).mapToObj(i -> (long) i).toList());

    work.reset();
    List<String> resumed = assertTimeoutPreemptively(TestBounds.HANG, () -> form.run(loop, items));
    if (form != Form.FOR_EACH) {
      assertThat(resumed).isEqualTo(expected(items));
    }
    assertThat(work.called).isEqualTo(multiplesOf3(N)); // the ones that failed last time

    work.reset();
    List<String> again = assertTimeoutPreemptively(TestBounds.HANG, () -> form.run(loop, items));
    if (form != Form.FOR_EACH) {
      assertThat(again).isEqualTo(expected(items));
    }
    assertThat(work.calls).hasValue(0); // a complete journal runs nothing
    assertThat(store.opens()).isEqualTo(store.closes()).isEqualTo(3);
  }

  @Test
  void aFreshRunJournalsEverySuccessOncePerChunkNotPerItem() {
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    Work work = new Work();
    List<String> results =
        Parallel.cpu((Integer i) -> work.apply(i))
            .parallelism(2)
            .checkpoint(Checkpoint.of(store))
            .run(numbers(10_000));
    assertThat(results).isEqualTo(expected(numbers(10_000)));
    assertThat(store.records()).hasSize(10_000);
    assertThat(store.appends().stream().mapToInt(Integer::intValue).sum()).isEqualTo(10_000);
    assertThat(store.appends().size()).isLessThan(10_000 / 4);
  }

  @Test
  void unboxedAndBoxedRangesResume() {
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    AtomicInteger calls = new AtomicInteger();
    AtomicBoolean failOdd = new AtomicBoolean(true);
    ParallelLoop<Long, Long> squares =
        LoopSettings.of(Mode.CPU)
            .checkpoint(Checkpoint.of(store))
            .rangeLoop(
                (index, n) -> {
                  calls.incrementAndGet();
                  if (failOdd.get() && n % 2 == 1) {
                    throw new IOException("odd");
                  }
                  return n * n;
                });
    Range<Long> range = Range.of(5L, 505L);
    assertThat(squares.runAll(range).failed()).isEqualTo(250);
    failOdd.set(false);
    calls.set(0);
    List<Long> resumed = squares.run(range);
    assertThat(resumed).isEqualTo(longs(5, 505).stream().map(n -> n * n).toList());
    assertThat(calls).hasValue(250);

    MemoryCheckpointStore boxedStore = new MemoryCheckpointStore();
    AtomicInteger boxedCalls = new AtomicInteger();
    ParallelLoop<Integer, Integer> doubled =
        Parallel.cpu(
                (Integer n) -> {
                  boxedCalls.incrementAndGet();
                  return 2 * n;
                })
            .checkpoint(Checkpoint.of(boxedStore));
    assertThat(doubled.run(Range.of(0, 100))).hasSize(100);
    boxedStore.keepFirst(40);
    boxedCalls.set(0);
    assertThat(doubled.run(Range.of(0, 100)))
        .isEqualTo(IntStream.range(0, 100).map(n -> 2 * n).boxed().toList());
    assertThat(boxedCalls).hasValue(60);
  }

  private static List<Long> longs(long from, long to) {
    List<Long> values = new ArrayList<>();
    for (long n = from; n < to; n++) {
      values.add(n);
    }
    return values;
  }

  @Test
  void theIndexIsPassedAsWithoutACheckpoint() {
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    AtomicInteger calls = new AtomicInteger();
    ParallelLoop<String, String> loop =
        Parallel.cpu(
                (long index, String item) -> {
                  calls.incrementAndGet();
                  return index + ":" + item;
                })
            .checkpoint(Checkpoint.of(store));
    List<String> items = IntStream.range(0, 200).mapToObj(i -> "x" + i).toList();
    List<String> whole = loop.run(items);
    store.keepFirst(120);
    calls.set(0);
    assertThat(loop.run(items)).isEqualTo(whole);
    assertThat(whole.get(150)).isEqualTo("150:x150");
    assertThat(calls).hasValue(80);
  }

  @Test
  void onlyTheFinalSuccessOfARetriedItemIsJournaledAndAnItemThatGaveUpRunsAgain() {
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    ConcurrentHashMap<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();
    AtomicBoolean sevenFails = new AtomicBoolean(true);
    ParallelLoop<Integer, String> loop =
        Parallel.cpu(
                (Integer i) -> {
                  int attempt =
                      attempts.computeIfAbsent(i, k -> new AtomicInteger()).incrementAndGet();
                  if (attempt == 1 || (i == 7 && sevenFails.get())) {
                    throw new IOException("attempt " + attempt);
                  }
                  return "r" + i;
                })
            .parallelism(4)
            .retry(RetryPolicy.on(IOException.class).attempts(3).backoff(Duration.ofMillis(1)))
            .checkpoint(Checkpoint.of(store));
    Results<String> first = loop.runAll(numbers(50));
    assertThat(first.failed()).isEqualTo(1);
    assertThat(store.records()).hasSize(49); // one record per success, none per attempt
    assertThat(store.latest()).doesNotContainKey(7L);

    attempts.clear();
    sevenFails.set(false);
    assertThat(loop.run(numbers(50))).isEqualTo(expected(numbers(50)));
    assertThat(attempts.keySet()).containsExactly(7);
    assertThat(attempts.get(7)).hasValue(2);
  }

  @Test
  void anItemThatTimedOutRunsAgainAndNothingElseDoes() throws Exception {
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    CountDownLatch never = new CountDownLatch(1);
    AtomicBoolean hang = new AtomicBoolean(true);
    Work work = new Work();
    ParallelLoop<Integer, String> loop =
        Parallel.io(
                (Integer i) -> {
                  if (i == 13 && hang.get()) {
                    never.await(); // until the item timeout interrupts it
                  }
                  return work.apply(i);
                })
            .itemTimeout(Duration.ofMillis(100))
            .checkpoint(Checkpoint.of(store));
    Results<String> first =
        assertTimeoutPreemptively(TestBounds.HANG, () -> loop.runAll(numbers(40)));
    assertThat(first.failed()).isEqualTo(1);
    assertThat(first.isSuccess(13)).isFalse();

    hang.set(false);
    work.reset();
    assertThat(loop.run(numbers(40))).isEqualTo(expected(numbers(40)));
    assertThat(work.called).containsExactly(13);
  }

  @Test
  void storedItemsTakeNoRateLimitPermit() {
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    Work work = new Work();
    List<Integer> items = numbers(1_000);
    Parallel.cpu((Integer i) -> work.apply(i)).checkpoint(Checkpoint.of(store)).run(items);
    work.reset();
    // At one item a second a permit per stored item would take 1,000 seconds; none is taken.
    ParallelLoop<Integer, String> limited =
        Parallel.cpu((Integer i) -> work.apply(i)).rateLimit(1).checkpoint(Checkpoint.of(store));
    List<String> results = assertTimeoutPreemptively(TestBounds.HANG, () -> limited.run(items));
    assertThat(results).isEqualTo(expected(items));
    assertThat(work.calls).hasValue(0);
  }

  @Test
  void aFullyStoredRunMakesNoWorkerState() {
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    AtomicInteger states = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    ParallelLoop<Integer, String> loop =
        Parallel.perWorker(
                Mode.CPU,
                (WorkerScope worker) -> {
                  states.incrementAndGet();
                  StringBuilder own = worker.local(StringBuilder::new);
                  return (long index, Integer item) -> {
                    calls.incrementAndGet();
                    own.setLength(0);
                    return own.append('r').append(item).toString();
                  };
                })
            .checkpoint(Checkpoint.of(store));
    List<String> first = loop.run(numbers(500));
    assertThat(states.get()).isPositive();
    states.set(0);
    calls.set(0);
    assertThat(loop.run(numbers(500))).isEqualTo(first).isEqualTo(expected(numbers(500)));
    assertThat(states).hasValue(0);
    assertThat(calls).hasValue(0);
  }

  @Test
  void nestedCheckpointedRunsResume() {
    List<MemoryCheckpointStore> inner = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      inner.add(new MemoryCheckpointStore());
    }
    MemoryCheckpointStore outer = new MemoryCheckpointStore();
    AtomicInteger innerCalls = new AtomicInteger();
    AtomicBoolean failThree = new AtomicBoolean(true);
    ParallelLoop<Integer, Integer> loop =
        Parallel.cpu(
                (Integer o) -> {
                  List<Integer> parts =
                      Parallel.cpu(
                              (Integer i) -> {
                                innerCalls.incrementAndGet();
                                if (failThree.get() && o == 3 && i == 17) {
                                  throw new IOException("inner");
                                }
                                return o * 1000 + i;
                              })
                          .checkpoint(Checkpoint.of(inner.get(o)))
                          .run(numbers(20));
                  return parts.stream().mapToInt(Integer::intValue).sum();
                })
            .checkpoint(Checkpoint.of(outer));
    Results<Integer> first =
        assertTimeoutPreemptively(TestBounds.HANG, () -> loop.runAll(numbers(8)));
    assertThat(first.failed()).isEqualTo(1);
    failThree.set(false);
    innerCalls.set(0);
    List<Integer> resumed = assertTimeoutPreemptively(TestBounds.HANG, () -> loop.run(numbers(8)));
    assertThat(resumed)
        .isEqualTo(IntStream.range(0, 8).map(o -> o * 1000 * 20 + 190).boxed().toList());
    // Only the inner items of outer item 3 that its failed run did not store ran again.
    assertThat(innerCalls.get()).isBetween(1, 20);
  }

  @Test
  void aCancelledRunStoredExactlyItsSuccesses() throws Exception {
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    Set<Integer> returned = ConcurrentHashMap.newKeySet();
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    AtomicBoolean block = new AtomicBoolean(true);
    ParallelLoop<Integer, String> loop =
        Parallel.io(
                (Integer i) -> {
                  if (block.get() && i >= 100 && i % 7 == 0) {
                    blocked.countDown();
                    never.await();
                  }
                  returned.add(i);
                  return "r" + i;
                })
            .parallelism(4)
            .checkpoint(Checkpoint.of(store));
    CompletableFuture<List<String>> run = loop.runAsync(numbers(N));
    blocked.await();
    run.cancel(true);
    assertThatThrownBy(run::join).isInstanceOf(CancellationException.class);
    store.awaitClosed();
    Set<Integer> stored =
        store.latest().keySet().stream().map(Long::intValue).collect(Collectors.toSet());
    assertThat(new TreeSet<>(stored)).isEqualTo(new TreeSet<>(returned));
    assertThat(stored).isNotEmpty().hasSizeLessThan(N);

    block.set(false);
    returned.clear();
    assertThat(loop.run(numbers(N))).isEqualTo(expected(numbers(N)));
    assertThat(returned).doesNotContainAnyElementsOf(stored).hasSize(N - stored.size());
  }

  @Test
  void aChangedInputIsRecomputedNeverAnsweredWithStaleResults() {
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    Work work = new Work();
    ParallelLoop<String, String> loop =
        Parallel.cpu((String s) -> work.apply(s)).checkpoint(Checkpoint.of(store));
    List<String> before = IntStream.range(0, 100).mapToObj(i -> "a" + i).toList();
    loop.run(before);
    List<String> after = new ArrayList<>(before);
    after.set(10, "changed");
    after.add(50, "inserted"); // shifts every later item one position on
    after.remove(after.size() - 1);
    work.reset();
    assertThat(loop.run(after)).isEqualTo(expected(after));
    assertThat(work.called).contains("changed", "inserted").hasSize(2 + 49);

    work.reset();
    assertThat(loop.run(after)).isEqualTo(expected(after)); // the new records won
    assertThat(work.calls).hasValue(0);
  }

  @Test
  void aKeyFunctionRecognisesItems() {
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    Work work = new Work();
    record Job(String name, int attempt) {}
    ParallelLoop<Job, String> loop =
        Parallel.cpu((Job j) -> work.apply(j.name()))
            .checkpoint(Checkpoint.of(store).key((Job j) -> j.name()));
    List<Job> jobs = IntStream.range(0, 30).mapToObj(i -> new Job("j" + i, 1)).toList();
    loop.run(jobs);
    work.reset();
    List<Job> retried = IntStream.range(0, 30).mapToObj(i -> new Job("j" + i, 2)).toList();
    assertThat(loop.run(retried)).isEqualTo(expected(jobs.stream().map(Job::name).toList()));
    assertThat(work.calls).hasValue(0);
  }

  @Test
  void aFailedAppendFailsTheRunWithItsIOException() {
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    IOException full = new IOException("No space left on device");
    store.failAppends = full;
    Work work = new Work();
    ParallelLoop<Integer, String> loop =
        Parallel.cpu((Integer i) -> work.apply(i)).checkpoint(Checkpoint.of(store));
    assertThatThrownBy(() -> loop.run(numbers(1_000)))
        .isInstanceOf(ParallelForException.class)
        .hasMessageContaining("could not be written")
        .hasCause(full);
    assertThat(work.calls.get()).isLessThan(1_000); // it stopped, not carried on
    assertThat(store.closes()).isEqualTo(1);
  }

  @Test
  void aSecondRunOnTheSameStoreIsRefusedWhileTheFirstHoldsIt() throws Exception {
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ParallelLoop<Integer, String> loop =
        Parallel.io(
                (Integer i) -> {
                  started.countDown();
                  release.await();
                  return "r" + i;
                })
            .checkpoint(Checkpoint.of(store));
    CompletableFuture<List<String>> first = loop.runAsync(numbers(10));
    started.await();
    AtomicBoolean closed = new AtomicBoolean();
    Work work = new Work();
    assertThatThrownBy(
            () ->
                Parallel.cpu((Integer i) -> work.apply(i))
                    .checkpoint(Checkpoint.of(store))
                    .run(numbers(10).stream().onClose(() -> closed.set(true))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("in use");
    assertThat(closed).isTrue(); // the refused run's input was closed
    assertThat(work.calls).hasValue(0);
    release.countDown();
    assertThat(first.join()).isEqualTo(expected(numbers(10)));
  }

  @Test
  void aStoreThatCannotBeOpenedFailsTheRunBeforeAnyItemStarts() {
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    store.failOpen = new IOException("Permission denied");
    Work work = new Work();
    AtomicBoolean closed = new AtomicBoolean();
    assertThatThrownBy(
            () ->
                Parallel.cpu((Integer i) -> work.apply(i))
                    .checkpoint(Checkpoint.of(store))
                    .run(numbers(10).stream().onClose(() -> closed.set(true))))
        .isInstanceOf(ParallelForException.class)
        .hasMessageContaining("could not be opened")
        .hasCause(store.failOpen);
    assertThat(closed).isTrue();
    assertThat(work.calls).hasValue(0);
  }

  @Test
  void aTamperedRecordFailsTheRunNamingThePosition() {
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    Work work = new Work();
    ParallelLoop<Integer, String> loop =
        Parallel.cpu((Integer i) -> work.apply(i)).checkpoint(Checkpoint.of(store));
    loop.run(numbers(20));
    store.tamper(11, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> loop.run(numbers(20)))
        .isInstanceOf(ParallelForException.class)
        .hasMessageContaining("item 11")
        .hasMessageContaining("start over");
  }

  @Test
  void theIdentityNamesTheLoopWithoutTheLambdasJvmSuffix() {
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    Parallel.cpu((Integer i) -> i).checkpoint(Checkpoint.of(store)).run(numbers(3));
    assertThat(store.identity()).contains(CheckpointTest.class.getName()).doesNotContain("$$");
    MemoryCheckpointStore named = new MemoryCheckpointStore();
    Parallel.cpu((Integer i) -> i).name("sums").checkpoint(Checkpoint.of(named)).run(numbers(3));
    assertThatThrownBy(
            () ->
                Parallel.cpu((Integer i) -> i)
                    .name("other")
                    .checkpoint(Checkpoint.of(named))
                    .run(numbers(3)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void storedItemsCountAsDone() {
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    Work work = new Work();
    ParallelLoop<Integer, String> loop =
        Parallel.cpu((Integer i) -> work.apply(i)).checkpoint(Checkpoint.of(store));
    loop.run(numbers(100));
    store.keepFirst(70);
    List<Progress> finished = new ArrayList<>();
    loop.onProgress(
            new ProgressListener() {
              @Override
              public void onFinish(Progress progress, Ending ending) {
                finished.add(progress);
              }
            })
        .run(numbers(100));
    assertThat(finished)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.completed()).isEqualTo(100);
              assertThat(p.restored()).isEqualTo(70);
            });
  }

  @Test
  void restoredItemsAreLeftOutOfTheRatesAndEstimatesAsTqdmsInitial() {
    Progress progress = new Progress(1_000, 0, 2_000, Duration.ofSeconds(10), 900);
    assertThat(progress.ratePerSecond()).isEqualTo(10.0);
    assertThat(progress.eta()).contains(Duration.ofSeconds(100));
    assertThat(new Progress(900, 0, 2_000, Duration.ofSeconds(1), 900).eta()).isEmpty();

    RateEstimate rate = new RateEstimate();
    // 900 restored in a millisecond say nothing of how fast items run.
    assertThat(rate.update(new Progress(900, 0, 2_000, Duration.ofMillis(1), 900))).isZero();
    assertThat(rate.update(new Progress(1_000, 0, 2_000, Duration.ofMillis(10_001), 900)))
        .isCloseTo(10.0, within(0.01));
    assertThatThrownBy(() -> new Progress(10, 5, 20, Duration.ZERO, 6))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void storedItemsAreNeverShippedToACluster() throws Exception {
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    try (InProcessCluster cluster = new InProcessCluster(2)) {
      ParallelLoop<Integer, Integer> loop =
          Parallel.cpu((ItemFunction<Integer, Integer> & java.io.Serializable) i -> i * 3)
              .on(cluster)
              .checkpoint(Checkpoint.of(store));
      assertThat(loop.run(numbers(200)))
          .isEqualTo(IntStream.range(0, 200).map(i -> 3 * i).boxed().toList());
      int shipped = cluster.chunkSizes.stream().mapToInt(Integer::intValue).sum();
      assertThat(shipped).isEqualTo(200);
      store.keepFirst(150);
      cluster.chunkSizes.clear();
      assertThat(loop.run(numbers(200)))
          .isEqualTo(IntStream.range(0, 200).map(i -> 3 * i).boxed().toList());
      assertThat(cluster.chunkSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(50);
    }
  }

  @Test
  void aDriverWhoseResultsCannotBeStoredIsRefusedAtTheCall() {
    class Unstorable {}
    LoopSettings driver = LoopSettings.of(Mode.CPU).name("D", "m()", Unstorable.class);
    assertThatThrownBy(() -> driver.checkpoint(Checkpoint.of(new MemoryCheckpointStore())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Unstorable.class.getName())
        .hasMessageContaining("codec");
    LoopSettings withCheckpoint =
        LoopSettings.of(Mode.CPU).checkpoint(Checkpoint.of(new MemoryCheckpointStore()));
    assertThatThrownBy(() -> withCheckpoint.name("D", "m()", Unstorable.class))
        .isInstanceOf(IllegalArgumentException.class);
    for (Class<?> fine :
        List.of(int.class, void.class, String.class, byte[].class, List.class, Number.class)) {
      LoopSettings.of(Mode.CPU)
          .name("D", "m()", fine)
          .checkpoint(Checkpoint.of(new MemoryCheckpointStore()));
    }
    LoopSettings.of(Mode.CPU)
        .name("D", "m()", Unstorable.class)
        .checkpoint(Checkpoint.of(new MemoryCheckpointStore()).codec(new NullCodec()));
  }

  /** A codec that stores nothing: every result reads back as null. */
  private static final class NullCodec implements ResultCodec<Object> {
    @Override
    public void write(Object result, java.io.DataOutput out) throws IOException {
      out.writeByte(0);
    }

    @Override
    public Object read(java.io.DataInput in) throws IOException {
      in.readByte();
      return null;
    }
  }

  @Test
  void aJournalThatCannotBeClosedFailsARunThatHadSucceeded() {
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    IOException lost = new IOException("Input/output error");
    store.failClose = lost;
    Work work = new Work();
    assertThatThrownBy(
            () ->
                Parallel.cpu((Integer i) -> work.apply(i))
                    .checkpoint(Checkpoint.of(store))
                    .run(numbers(10)))
        .isInstanceOf(ParallelForException.class)
        .hasMessageContaining("could not be closed")
        .hasCause(lost);
    assertThat(work.calls).hasValue(10);
  }

  @Test
  void aResultTheStandardEncodingCannotStoreFailsTheRunAtTheFirstOne() {
    class Opaque {}
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                Parallel.cpu(
                        (Integer i) -> {
                          calls.incrementAndGet();
                          return new Opaque();
                        })
                    .parallelism(1)
                    .checkpoint(Checkpoint.of(new MemoryCheckpointStore()))
                    .run(numbers(1_000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Opaque.class.getName());
    assertThat(calls.get()).isLessThan(1_000);
  }

  @Test
  void anItemWithoutAStableKeyFailsTheRunWithTheFix() {
    final class Anonymous {}
    Work work = new Work();
    assertThatThrownBy(
            () ->
                Parallel.cpu((Anonymous a) -> work.apply(a))
                    .checkpoint(Checkpoint.of(new MemoryCheckpointStore()))
                    .run(List.of(new Anonymous(), new Anonymous())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Anonymous.class.getTypeName())
        .hasMessageContaining("key(");
    assertThat(work.calls).hasValue(0); // recognised before run
  }

  @Test
  void aValueRunDoesNotTakeTheEmptyRecordsOfAVoidRunForResults() {
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    Work work = new Work();
    ParallelLoop<Integer, String> loop =
        Parallel.cpu((Integer i) -> work.apply(i)).checkpoint(Checkpoint.of(store));
    loop.forEach(numbers(50));
    assertThat(store.records()).allSatisfy(e -> assertThat(e.result()).isEmpty());
    work.reset();
    loop.forEach(numbers(50));
    assertThat(work.calls).hasValue(0);
    assertThat(loop.run(numbers(50))).isEqualTo(expected(numbers(50)));
    assertThat(work.calls).hasValue(50);
  }
}
