package dev.parallelfor.runtime.internal;

import static dev.parallelfor.runtime.internal.Fixtures.cpu;
import static dev.parallelfor.runtime.internal.Fixtures.io;
import static dev.parallelfor.runtime.internal.Fixtures.lazy;
import static dev.parallelfor.runtime.internal.Fixtures.numbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OrderingTest {
  private static final int N = 50_000;

  @Test
  void randomAccessListGivesOneResultPerItemInInputOrder() {
    List<Integer> input = numbers(N);
    List<String> results = Runs.run(cpu(), input, (index, item) -> "r" + item);
    assertThat(results).hasSize(N);
    for (int i = 0; i < N; i++) {
      assertThat(results.get(i)).isEqualTo("r" + i);
    }
  }

  @Test
  void everyKindOfInputGivesTheSameOrderedResults() {
    List<Integer> input = numbers(N);
    List<Integer> expected = input.stream().map(x -> x * 3).collect(Collectors.toList());
    assertThat(Runs.run(cpu(), new LinkedList<>(input), (i, x) -> x * 3)).isEqualTo(expected);
    assertThat(Runs.run(cpu(), new LinkedHashSet<>(input), (i, x) -> x * 3)).isEqualTo(expected);
    assertThat(Runs.run(cpu(), lazy(input), (i, x) -> x * 3)).isEqualTo(expected);
    assertThat(Runs.run(cpu(), input.stream(), (i, x) -> x * 3)).isEqualTo(expected);
    assertThat(Runs.run(cpu(), input.stream().filter(x -> true), (i, x) -> x * 3))
        .isEqualTo(expected);
    assertThat(Runs.run(io(), lazy(input), (i, x) -> x * 3)).isEqualTo(expected);
  }

  @Test
  void indexPassedToTheTaskIsTheItemsPosition() {
    List<String> input = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      input.add("item" + i);
    }
    List<Long> indexes = Runs.run(cpu(), lazy(input), (index, item) -> index);
    for (int i = 0; i < input.size(); i++) {
      assertThat(indexes.get(i)).isEqualTo(i);
    }
  }

  @Test
  void everyItemIsCalledExactlyOnce() {
    AtomicIntegerArray calls = new AtomicIntegerArray(N);
    Runs.runVoid(cpu().withParallelism(4), lazy(numbers(N)), (i, x) -> calls.incrementAndGet(x));
    for (int i = 0; i < N; i++) {
      assertThat(calls.get(i)).as("calls of item %d", i).isEqualTo(1);
    }
  }

  @Test
  void rangeGivesValuesFromFromAndPositionsFromZero() {
    List<String> results = Runs.runRange(cpu(), 10, 10_010, (index, value) -> index + ":" + value);
    assertThat(results).hasSize(10_000);
    assertThat(results.get(0)).isEqualTo("0:10");
    assertThat(results.get(9_999)).isEqualTo("9999:10009");
  }

  @Test
  void emptyRangeAndEmptyInputsReturnEmptyLists() {
    assertThat(Runs.runRange(cpu(), 5, 5, (i, v) -> v)).isEmpty();
    assertThat(Runs.run(cpu(), List.of(), (i, x) -> x)).isEmpty();
    assertThat(Runs.run(cpu(), lazy(List.of()), (i, x) -> x)).isEmpty();
    assertThat(Runs.run(cpu(), Stream.empty(), (i, x) -> x)).isEmpty();
  }

  @Test
  void emptyCollectionStartsNoThreadAndEmptyLazyInputAtMostOne() {
    Fixtures.CountingExecutor executor = new Fixtures.CountingExecutor();
    AtomicInteger calls = new AtomicInteger();
    List<Object> results =
        Runs.run(
            cpu().withExecutor(executor), new ArrayList<>(), (i, x) -> calls.incrementAndGet());
    assertThat(results).isEmpty();
    assertThat(executor.tasks).hasValue(0);
    // A lazy input is read by a worker (so a blocking first hasNext() meets the deadline): one.
    assertThat(lazyEmptyRun(executor)).isEmpty();
    assertThat(executor.tasks).hasValue(1);
    assertThat(calls).hasValue(0);
  }

  private static List<Object> lazyEmptyRun(Fixtures.CountingExecutor executor) {
    return Runs.run(cpu().withExecutor(executor), lazy(List.of()), (i, x) -> x);
  }

  @Test
  void nullItemsArePassedToTheMethodLikeAForLoop() {
    List<String> input = Arrays.asList("a", null, "c", null);
    List<String> results = Runs.run(cpu(), input, (i, x) -> x == null ? "null@" + i : x);
    assertThat(results).containsExactly("a", "null@1", "c", "null@3");
  }

  @Test
  void nullResultsAreKept() {
    List<Object> results = Runs.run(cpu(), numbers(1000), (i, x) -> x % 2 == 0 ? null : x);
    assertThat(results).hasSize(1000);
    assertThat(results.get(0)).isNull();
    assertThat(results.get(1)).isEqualTo(1);
  }

  @Test
  void resultListIsUnmodifiable() {
    List<Integer> results = Runs.run(cpu(), numbers(10), (i, x) -> x);
    assertThatThrownBy(() -> results.set(0, 5)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void streamingFormGivesResultsInInputOrder() {
    try (Stream<Long> results =
        Runs.stream(cpu(), lazy(numbers(N)), (index, item) -> (long) item * item)) {
      List<Long> all = results.collect(Collectors.toList());
      assertThat(all).hasSize(N);
      for (int i = 0; i < N; i++) {
        assertThat(all.get(i)).isEqualTo((long) i * i);
      }
    }
  }

  @Test
  void streamingFormReadsAnUnboundedSourceOnlyAsFarAsConsumed() {
    Stream<Long> unbounded = LongStream.iterate(0, x -> x + 1).boxed();
    List<Long> firstThousand;
    try (Stream<Long> results = Runs.stream(cpu(), unbounded, (i, x) -> x * 2)) {
      firstThousand = results.limit(1000).collect(Collectors.toList());
    }
    assertThat(firstThousand).hasSize(1000);
    assertThat(firstThousand.get(999)).isEqualTo(1998L);
  }

  @Test
  void parallelismOneCallsItemsInOrderOnOneWorkerWhileTheCallerWaits() {
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    Thread caller = Thread.currentThread();
    List<Thread> threads =
        Runs.run(
            cpu().withParallelism(1),
            lazy(numbers(500)),
            (i, x) -> {
              order.add(x);
              return Thread.currentThread();
            });
    assertThat(order).isEqualTo(numbers(500));
    assertThat(new java.util.HashSet<>(threads)).hasSize(1).doesNotContain(caller);
  }

  @Test
  void parallelismOneOnAnExecutorStillCallsItemsInOrder() {
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    Fixtures.CountingExecutor executor = new Fixtures.CountingExecutor();
    Runs.runVoid(
        cpu().withParallelism(1).withExecutor(executor), numbers(500), (i, x) -> order.add(x));
    assertThat(order).isEqualTo(numbers(500));
    assertThat(executor.tasks).hasValue(1);
  }
}
