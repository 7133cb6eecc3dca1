package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parallelfor.Mode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The public engine API: ad-hoc loops, their range forms and completion order. */
class ParallelLoopTest {
  private static final List<Integer> NUMBERS =
      IntStream.range(0, 1_000).boxed().collect(Collectors.toUnmodifiableList());

  @Test
  void everyFactoryRunsTheFunctionForEveryItemInInputOrder() {
    List<Integer> doubled = NUMBERS.stream().map(n -> n * 2).toList();
    assertEquals(doubled, Parallel.cpu((Integer n) -> n * 2).run(NUMBERS));
    assertEquals(doubled, Parallel.io((Integer n) -> n * 2).run(NUMBERS));
    assertEquals(doubled, Parallel.of(Mode.CPU, (Integer n) -> n * 2).run(NUMBERS));
    assertEquals(doubled, Parallel.<Integer, Integer>io(n -> n * 2).run(NUMBERS.stream()));
  }

  @Test
  void anIndexedFunctionGetsEachItemsPosition() {
    List<String> letters = List.of("a", "b", "c", "d");
    assertEquals(
        List.of("0a", "1b", "2c", "3d"),
        Parallel.cpu((long index, String s) -> index + s).run(letters));
    assertEquals(
        List.of("0a", "1b", "2c", "3d"),
        Parallel.of(Mode.IO, (long index, String s) -> index + s).run(letters));
  }

  @Test
  void aCheckedExceptionFailsItsItemWithTheIndexAndTheCause() {
    ParallelLoop<Integer, Integer> loop =
        Parallel.io(
            (Integer n) -> {
              if (n == 7) {
                throw new IOException("disk on fire");
              }
              return n;
            });
    ParallelForException failure =
        assertThrows(ParallelForException.class, () -> loop.run(NUMBERS.subList(0, 10)));
    assertEquals(7, failure.index());
    assertEquals(7, failure.item());
    assertInstanceOf(IOException.class, failure.getCause());

    Results<Integer> all = loop.runAll(NUMBERS.subList(0, 10));
    assertEquals(9, all.succeeded());
    assertFalse(all.isSuccess(7));
    assertEquals(8, all.value(8));
  }

  @Test
  void configurationReturnsANewLoopAndLeavesTheOriginalAsItWas() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ParallelLoop<Integer, Integer> wide =
        Parallel.io(
            (Integer n) -> {
              most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              Thread.onSpinWait();
              inFlight.decrementAndGet();
              return n;
            });
    ParallelLoop<Integer, Integer> serial = wide.parallelism(1);
    assertNotSame(wide, serial);
    serial.run(NUMBERS);
    assertEquals(1, most.get());
    assertEquals(Mode.IO, serial.settings().mode());
    assertTrue(serial.toString().contains("parallelism=1"), serial.toString());
    assertTrue(wide.toString().contains("parallelism=default"), wide.toString());
  }

  @Test
  void badArgumentsAreRefusedAtOnceNamingTheArgument() {
    ParallelLoop<Integer, Integer> loop = Parallel.cpu((Integer n) -> n);
    NullPointerException function =
        assertThrows(
            NullPointerException.class, () -> Parallel.cpu((ItemFunction<Integer, Integer>) null));
    assertEquals("function", function.getMessage());
    assertEquals(
        "items",
        assertThrows(NullPointerException.class, () -> loop.run((Iterable<Integer>) null))
            .getMessage());
    assertEquals(
        "items",
        assertThrows(NullPointerException.class, () -> loop.runAsync((Stream<Integer>) null))
            .getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> loop.parallelism(0))
            .getMessage()
            .contains("was 0; for the mode's default, leave parallelism unset"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> loop.runAsync(Range.of(5, 4)))
            .getMessage()
            .contains("from=5, to=4"));
    assertThrows(NullPointerException.class, () -> LoopSettings.of(null));
  }

  @Test
  void intRangesGiveIntegerItemsAndLongRangesLongItems() {
    ParallelLoop<Integer, String> ints = Parallel.cpu((Integer n) -> "i" + n);
    assertEquals(List.of("i3", "i4", "i5"), ints.run(Range.of(3, 6)));
    ParallelLoop<Long, String> longs = Parallel.cpu((Long n) -> "l" + n);
    long big = Integer.MAX_VALUE + 10L;
    assertEquals(List.of("l" + big, "l" + (big + 1)), longs.run(Range.of(big, big + 2)));
  }

  @Test
  void everyFormTakesARange() throws Exception {
    ParallelLoop<Integer, Integer> squares = Parallel.cpu((Integer n) -> n * n);
    List<Integer> expected = IntStream.range(10, 200).map(n -> n * n).boxed().toList();

    assertEquals(expected, squares.run(Range.of(10, 200)));
    assertEquals(expected, squares.runAll(Range.of(10, 200)).values());
    assertEquals(expected, squares.runAsync(Range.of(10, 200)).get(30, TimeUnit.SECONDS));
    try (Stream<Integer> results = squares.stream(Range.of(10, 200))) {
      assertEquals(expected, results.toList());
    }
    try (Stream<Completed<Integer>> results = squares.asCompleted(Range.of(10, 200))) {
      List<Completed<Integer>> done = new ArrayList<>(results.toList());
      done.sort((a, b) -> Long.compare(a.index(), b.index()));
      assertEquals(190, done.size());
      for (int i = 0; i < done.size(); i++) {
        assertEquals(i, done.get(i).index());
        assertEquals(expected.get(i), done.get(i).value());
      }
    }
    AtomicLong sum = new AtomicLong();
    Parallel.cpu((Long n) -> sum.addAndGet(n)).forEach(Range.of(0L, 1_000L));
    assertEquals(499_500L, sum.get());
    Parallel.cpu((Long n) -> sum.addAndGet(n)).forEachAsync(Range.of(0L, 1_000L)).join();
    assertEquals(999_000L, sum.get());
  }

  @Test
  void aRangeLoopTakesValuesUnboxedAndItemsUnboxedFromTheirLongs() {
    ParallelLoop<Long, Long> cubes =
        LoopSettings.of(Mode.CPU).rangeLoop((index, value) -> value * value * value);
    assertEquals(List.of(8L, 27L, 64L), cubes.run(Range.of(2L, 5L)));
    assertEquals(List.of(1L, 1000L), cubes.run(List.of(1L, 10L)));

    ParallelForException nullItem =
        assertThrows(
            ParallelForException.class, () -> cubes.run(Collections.singletonList((Long) null)));
    assertInstanceOf(NullPointerException.class, nullItem.getCause());
  }

  @Test
  void aRangeOfTheOtherBoxTypeDoesNotCompile() throws IOException, InterruptedException {
    // Once a run-time ClassCastException at the first item; now the compiler refuses it.
    String wrong = "Parallel.cpu((Long n) -> n * 2).run(Range.of(0, 1000))";
    String right = "Parallel.cpu((Long n) -> n * 2).run(Range.of(0L, 1000L))";

    assertThat(compile(right)).isEmpty();
    assertThat(compile(wrong)).contains("no suitable method found for run(Range<Integer>)");
  }

  /** Compiles one statement against this module's classes; returns javac's diagnostics. */
  private static String compile(String statement) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("range-type");
    Path source = dir.resolve("Use.java");
    Files.writeString(
        source,
        "import dev.parallelfor.runtime.*;\nclass Use {\n  Object use() {\n    return "
            + statement
            + ";\n  }\n}\n");
    // The tests may run as a named module or on the class path: offer javac both paths.
    String classPath =
        System.getProperty("jdk.module.path", "")
            + File.pathSeparator
            + System.getProperty("java.class.path", "");
    Process javac =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-d",
                dir.toString(),
                "-cp",
                classPath,
                source.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    javac.waitFor();
    return output;
  }

  @Test
  void asCompletedHandsOutAResultAsSoonAsItIsDoneEvenWhenAnEarlierItemIsStillRunning() {
    CountDownLatch laterResultSeen = new CountDownLatch(1);
    ParallelLoop<Integer, Integer> loop =
        Parallel.io(
                (Integer n) -> {
                  if (n == 0 && !laterResultSeen.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("item 1's result never reached the consumer");
                  }
                  return n * 10;
                })
            .parallelism(2);
    List<Completed<Integer>> seen = new ArrayList<>();
    try (Stream<Completed<Integer>> results = loop.asCompleted(List.of(0, 1))) {
      results.forEach(
          completed -> {
            seen.add(completed);
            laterResultSeen.countDown();
          });
    }
    assertEquals(List.of(new Completed<>(1, 10), new Completed<>(0, 0)), seen);
  }

  @Test
  void asCompletedIsFailFast() {
    ParallelLoop<Integer, Integer> loop =
        Parallel.cpu(
            (Integer n) -> {
              if (n == 500) {
                throw new IllegalStateException("bad item");
              }
              return n;
            });
    try (Stream<Completed<Integer>> results = loop.asCompleted(NUMBERS)) {
      ParallelForException failure =
          assertThrows(ParallelForException.class, () -> results.forEach(c -> {}));
      assertEquals(500, failure.index());
      assertInstanceOf(IllegalStateException.class, failure.getCause());
    }
  }

  @Test
  void closingAnAsCompletedStreamCancelsTheRunAndInterruptsItsRunningItems() throws Exception {
    CountDownLatch blocked = new CountDownLatch(3);
    AtomicInteger interrupted = new AtomicInteger();
    CountDownLatch finished = new CountDownLatch(1);
    ParallelLoop<Integer, Integer> loop =
        Parallel.io(
                (Integer n) -> {
                  if (n == 0) {
                    return 0;
                  }
                  blocked.countDown();
                  try {
                    new CountDownLatch(1).await(); // until cancelled
                  } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                    throw e;
                  }
                  return n;
                })
            .parallelism(4)
            .onProgress(
                new ProgressListener() {
                  @Override
                  public void onFinish(Progress progress) {
                    finished.countDown();
                  }
                });
    Completed<Integer> first;
    try (Stream<Completed<Integer>> results = loop.asCompleted(List.of(0, 1, 2, 3))) {
      Iterator<Completed<Integer>> iterator = results.iterator();
      first = iterator.next();
      assertTrue(blocked.await(30, TimeUnit.SECONDS));
    }
    assertEquals(new Completed<>(0, 0), first);
    assertEquals(3, interrupted.get());
    assertEquals(0, finished.getCount(), "onFinish happens before close returns");
  }

  @Test
  void asCompletedReadsALazyInputOnlyABoundedWayAhead() {
    AtomicLong pulled = new AtomicLong();
    Iterable<Long> endless =
        () ->
            LongStream.iterate(0, n -> n + 1)
                .boxed()
                .peek(n -> pulled.incrementAndGet())
                .iterator();
    ParallelLoop<Long, Long> loop = Parallel.cpu((Long n) -> n).parallelism(2);
    try (Stream<Completed<Long>> results = loop.asCompleted(endless)) {
      assertEquals(1_000, results.limit(1_000).count());
    }
    assertTrue(pulled.get() < 1_000 + 4 * 65_536 + 10, "pulled " + pulled.get());
  }

  @Test
  void forEachAndForEachAsyncKeepNoResultsAndRunEveryItem() {
    AtomicLong sum = new AtomicLong();
    ParallelLoop<Integer, Long> add = Parallel.cpu((Integer n) -> sum.addAndGet(n));
    add.forEach(NUMBERS);
    assertEquals(499_500L, sum.get());
    CompletableFuture<Void> done = add.forEachAsync(NUMBERS.stream());
    assertEquals(null, done.join());
    assertEquals(999_000L, sum.get());
  }

  @Test
  void runAllResultsAnswerOnlyForTheirOwnPositions() {
    Results<Integer> results =
        Parallel.of(
                Mode.CPU,
                (Integer n) -> {
                  if (n == 2) {
                    throw new IllegalStateException("two");
                  }
                  return n;
                })
            .runAll(List.of(1, 2, 3));

    assertThat(results.toString()).isEqualTo("Results[size=3, succeeded=2, failed=1]");
    assertThat(results.isSuccess(0)).isTrue();
    assertThat(results.isSuccess(2)).isTrue();
    assertThat(results.value(2)).isEqualTo(3);
    assertThatThrownBy(() -> results.isSuccess(3))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("index 3 out of bounds for 3");
    assertThatThrownBy(() -> results.value(-1))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("index -1 out of bounds for 3");
  }

  @Test
  void aLoopRunsOnTheCallersExecutorAndLoopsCanNest() {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      ParallelLoop<Integer, Integer> inner = Parallel.cpu((Integer n) -> n + 1).executor(pool);
      ParallelLoop<Integer, Integer> outer =
          Parallel.cpu((Integer n) -> inner.run(List.of(n, n)).stream().mapToInt(x -> x).sum())
              .executor(pool);
      assertEquals(List.of(2, 4, 6), outer.run(List.of(0, 1, 2)));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRunCalledOnAForkJoinWorkerLetsItsPoolMakeUpForTheWaitingThread() throws Exception {
    // The run's workers are tasks of the very pool whose only thread waits for them: they get a
    // thread only because the waiting caller blocks through the pool's managed blocking.
    ForkJoinPool pool = new ForkJoinPool(1);
    try {
      ParallelLoop<Integer, Integer> loop =
          Parallel.cpu((Integer n) -> n * 10).parallelism(2).executor(pool);
      ForkJoinTask<List<Integer>> onWorker = pool.submit(() -> loop.run(List.of(1, 2, 3)));
      List<Integer> results = assertTimeoutPreemptively(TestBounds.HANG, () -> onWorker.get());
      assertEquals(List.of(10, 20, 30), results);
    } finally {
      pool.shutdownNow();
    }
  }
}
