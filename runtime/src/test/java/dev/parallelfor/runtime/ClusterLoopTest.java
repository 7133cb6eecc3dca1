package dev.parallelfor.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parallelfor.runtime.spi.Cluster;
import dev.parallelfor.runtime.spi.ClusterChunk;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Serializable;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Loops on a {@link Cluster}: the seam where chunks run elsewhere, with an in-process cluster. */
class ClusterLoopTest {
  private static final List<Integer> NUMBERS =
      IntStream.range(0, 2_000).boxed().collect(Collectors.toUnmodifiableList());

  private final InProcessCluster cluster = new InProcessCluster(4);

  @AfterEach
  void close() {
    cluster.close();
  }

  /** A serializable function of an item, as a lambda cast to the intersection type. */
  private static <T, R> ItemFunction<T, R> shippable(ItemFunction<T, R> function) {
    return function;
  }

  interface Square extends ItemFunction<Integer, Integer>, Serializable {}

  @Test
  void everyFormGivesTheResultsOfALocalRun() {
    ParallelLoop<Integer, Integer> loop = Parallel.cpu((Square) n -> n * n).on(cluster);
    List<Integer> squares = NUMBERS.stream().map(n -> n * n).toList();
    assertEquals(squares, loop.run(NUMBERS));
    assertEquals(squares, loop.run(NUMBERS.stream()));
    assertEquals(squares, loop.run(new ArrayList<>(NUMBERS)::iterator));
    assertEquals(squares, loop.run(Range.of(0, 2_000)));
    assertEquals(squares, loop.runAll(NUMBERS).values());
    assertEquals(squares, loop.runAsync(NUMBERS).join());
    try (Stream<Integer> stream = loop.stream(NUMBERS)) {
      assertEquals(squares, stream.toList());
    }
    try (Stream<Completed<Integer>> stream = loop.asCompleted(NUMBERS)) {
      assertEquals(
          squares,
          stream
              .sorted((a, b) -> Long.compare(a.index(), b.index()))
              .map(Completed::value)
              .toList());
    }
  }

  @Test
  void rangeLoopsAndIndexedFunctionsShipTheirValues() {
    RangeFunction<Long> triple = (RangeFunction<Long> & Serializable) (index, value) -> 3 * value;
    assertEquals(
        LongStream.range(10, 1_010).map(v -> 3 * v).boxed().toList(),
        LoopSettings.of(dev.parallelfor.Mode.CPU)
            .on(cluster)
            .rangeLoop(triple)
            .run(Range.of(10L, 1_010L)));
    IndexedItemFunction<String, String> tag =
        (IndexedItemFunction<String, String> & Serializable) (index, s) -> index + s;
    assertEquals(
        List.of("0a", "1b", "2c"), Parallel.cpu(tag).on(cluster).run(List.of("a", "b", "c")));
  }

  @Test
  void tinyItemsTravelInGrowingChunks() {
    Parallel.cpu((Square) n -> n * n).on(cluster).parallelism(1).run(NUMBERS);
    assertEquals(1, cluster.chunkSizes.get(0));
    assertTrue(
        cluster.chunkSizes.stream().anyMatch(size -> size >= 64),
        () -> "chunk sizes: " + cluster.chunkSizes);
  }

  @Test
  void aFunctionThatCannotTravelIsRefusedBeforeAnyItemStarts() {
    Object notSerializable = new Object();
    ParallelLoop<Integer, String> loop =
        Parallel.cpu(shippable((Integer n) -> n + "" + notSerializable)).on(cluster);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> loop.run(NUMBERS));
    assertTrue(e.getMessage().contains("serializable"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> loop.runAsync(NUMBERS));
    assertTrue(cluster.chunkSizes.isEmpty());
  }

  interface Check extends ItemFunction<Integer, Integer>, Serializable {}

  @Test
  void aFailureFailsTheRunWithTheItemsIndexAndCause() {
    ParallelForException e =
        assertThrows(
            ParallelForException.class,
            () ->
                Parallel.cpu(
                        (Check)
                            n -> {
                              if (n == 1_234) {
                                throw new IOException("bad " + n);
                              }
                              return n;
                            })
                    .on(cluster)
                    .run(NUMBERS));
    assertEquals(1_234, e.index());
    assertEquals(1_234, e.item());
    assertInstanceOf(IOException.class, e.getCause());
    assertEquals("bad 1234", e.getCause().getMessage());
  }

  @Test
  void runAllKeepsEveryFailureInPlace() {
    Results<Integer> results =
        Parallel.cpu(
                (Check)
                    n -> {
                      if (n % 500 == 7) {
                        throw new IllegalStateException("no " + n);
                      }
                      return n;
                    })
            .on(cluster)
            .runAll(NUMBERS);
    assertEquals(4, results.failed());
    assertEquals(1_996, results.succeeded());
    assertEquals(507, results.failures().get(1).index());
    assertEquals(8, results.value(8));
  }

  /** Holds the items that start until released; counts them. */
  static final class Gate {
    static volatile CountDownLatch started;
    static volatile CountDownLatch release;
    static volatile CountDownLatch interrupted;
  }

  interface Block extends ItemFunction<Integer, Integer>, Serializable {}

  @Test
  void aStopCancelsTheRemoteChunksAndInterruptsTheirItems() throws Exception {
    Gate.started = new CountDownLatch(2);
    Gate.release = new CountDownLatch(1);
    Gate.interrupted = new CountDownLatch(2);
    CompletableFuture<List<Integer>> future =
        Parallel.cpu(
                (Block)
                    n -> {
                      Gate.started.countDown();
                      try {
                        Gate.release.await();
                      } catch (InterruptedException e) {
                        Gate.interrupted.countDown();
                        throw e;
                      }
                      return n;
                    })
            .on(cluster)
            .parallelism(2)
            .runAsync(NUMBERS);
    assertTrue(Gate.started.await(30, TimeUnit.SECONDS));
    future.cancel(true);
    assertTrue(future.isCancelled());
    // The cancelled chunks' items were interrupted on their member.
    assertTrue(Gate.interrupted.await(30, TimeUnit.SECONDS));
    // Each chunk's cancellation is counted before it interrupts the chunk's item.
    assertEquals(2, cluster.cancelled.get());
    Gate.release.countDown();
  }

  @Test
  void aDeadlineStopsARunOnTheCluster() {
    Gate.started = new CountDownLatch(1);
    Gate.release = new CountDownLatch(1);
    ParallelForException e =
        assertThrows(
            ParallelForException.class,
            () ->
                Parallel.cpu(
                        (Block)
                            n -> {
                              Gate.release.await();
                              return n;
                            })
                    .on(cluster)
                    .timeout(java.time.Duration.ofMillis(200))
                    .run(NUMBERS));
    assertInstanceOf(java.util.concurrent.TimeoutException.class, e.getCause());
    Gate.release.countDown();
  }

  @Test
  void theRestOfAChunkCutShortRunsAgainAndEveryItemHasOneResult() {
    List<Integer> squares = NUMBERS.stream().map(n -> n * n).toList();
    ParallelLoop<Integer, Integer> loop = Parallel.cpu((Square) n -> n * n).on(cluster);
    cluster.cutNextChunkAfter(0);
    assertEquals(squares, loop.run(NUMBERS));
    cluster.cutNextChunkAfter(3);
    assertEquals(squares, loop.run(NUMBERS));
    cluster.cutNextChunkAfter(5);
    assertEquals(squares, loop.runAll(NUMBERS).values());
  }

  @Test
  void perItemOptionsAreRefusedOnAClusterRatherThanIgnored() {
    ParallelLoop<Integer, Integer> loop = Parallel.cpu((Square) n -> n * n).on(cluster);
    for (ParallelLoop<Integer, Integer> configured :
        List.of(
            loop.itemTimeout(java.time.Duration.ofSeconds(1)),
            loop.retry(RetryPolicy.on(IOException.class)),
            loop.rateLimit(100))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> configured.run(NUMBERS));
      assertTrue(e.getMessage().startsWith("itemTimeout, retry and rateLimit do not apply"));
      assertThrows(IllegalArgumentException.class, () -> configured.runAsync(NUMBERS));
    }
  }

  @Test
  void aChunkTakesItemsExactlyAsLongAsItsCountAndRefusesFewer() {
    IndexedItemFunction<Object, Object> same = (index, item) -> item;
    ClusterChunk exact = new ClusterChunk(5, 3, new Object[] {"a", "b", "c"}, same, false);
    assertEquals(3, exact.count());
    assertEquals(List.of("a", "b", "c"), List.of(exact.items()));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ClusterChunk(5, 3, new Object[] {"a", "b"}, same, false));
    assertEquals("items holds 2 items, fewer than count=3", e.getMessage());
  }

  /**
   * How often each item ran, one count per test: the cancelled chunks of a fail-fast run may still
   * finish an item after it returned.
   */
  static final class Runs {
    static final AtomicIntegerArray failFast = new AtomicIntegerArray(2_000);
    static final AtomicIntegerArray all = new AtomicIntegerArray(2_000);
  }

  /** Item 1,234 times out on its socket, as a slow remote service makes it; the others succeed. */
  private static Check timesOutOnItsSocket(boolean failFast) {
    return n -> {
      (failFast ? Runs.failFast : Runs.all).incrementAndGet(n);
      if (n == 1_234) {
        throw new SocketTimeoutException("read timed out");
      }
      return n;
    };
  }

  @Test
  void aSocketTimeoutIsTheItemsFailureNotACancellationAndItRunsOnce() {
    ParallelForException e =
        assertThrows(
            ParallelForException.class,
            () ->
                assertTimeoutPreemptively(
                    TestBounds.HANG,
                    () -> Parallel.cpu(timesOutOnItsSocket(true)).on(cluster).run(NUMBERS)));
    assertEquals(1_234, e.index());
    assertInstanceOf(SocketTimeoutException.class, e.getCause());
    assertEquals(1, Runs.failFast.get(1_234));
  }

  @Test
  void runAllKeepsEveryOtherResultWhenAnItemTimesOutOnItsSocket() {
    Results<Integer> results =
        assertTimeoutPreemptively(
            TestBounds.HANG,
            () -> Parallel.cpu(timesOutOnItsSocket(false)).on(cluster).runAll(NUMBERS));
    assertEquals(1, results.failed());
    assertEquals(1_999, results.succeeded());
    assertEquals(1_234, results.failures().get(0).index());
    assertInstanceOf(SocketTimeoutException.class, results.failures().get(0).getCause());
    assertEquals(1_233, results.value(1_233));
    assertEquals(1_235, results.value(1_235));
    for (int i = 0; i < NUMBERS.size(); i++) {
      assertEquals(1, Runs.all.get(i), "runs of item " + i);
    }
  }

  @Test
  void whatAnItemThrowsWithoutACancellationIsItsFailureWhateverItsClass() throws Exception {
    List<Exception> thrown =
        List.of(
            new InterruptedException("its own"),
            new SocketTimeoutException("read timed out"),
            new ClosedByInterruptException(),
            new RuntimeException("wrapped", new InterruptedIOException("its own")));
    ClusterChunk.Result result =
        new ClusterChunk(
                0,
                thrown.size() + 1,
                null,
                (index, item) -> {
                  if (index < thrown.size()) {
                    throw thrown.get((int) index);
                  }
                  return "ok";
                },
                false)
            .run();
    assertEquals(thrown.size() + 1, result.attempted());
    assertArrayEquals(new int[] {0, 1, 2, 3}, result.failedAt());
    for (int i = 0; i < thrown.size(); i++) {
      assertSame(thrown.get(i), result.failures()[i]);
    }
    assertEquals("ok", result.values()[thrown.size()]);
  }

  @Test
  void afterACancellationWhatTheItemThrowsHasNoOutcomeAndNoOtherItemStarts() {
    ClusterChunk[] self = new ClusterChunk[1];
    AtomicInteger started = new AtomicInteger();
    AtomicReference<Boolean> interruptedInItem = new AtomicReference<>();
    self[0] =
        new ClusterChunk(
            0,
            4,
            null,
            (index, item) -> {
              started.incrementAndGet();
              if (index == 1) {
                self[0].cancel(); // as the member does when the coordinator cancels the chunk
                interruptedInItem.set(Thread.currentThread().isInterrupted());
                throw new IllegalStateException("not an interrupt by its class");
              }
              return "v" + index;
            },
            false);
    ClusterChunk.Result result = self[0].run();
    assertEquals(1, result.attempted());
    assertEquals(0, result.failedAt().length);
    assertEquals("v0", result.values()[0]);
    assertEquals(2, started.get());
    assertTrue(interruptedInItem.get(), "the cancellation interrupts the item's thread");
    assertTrue(!Thread.interrupted(), "the cancellation's interrupt does not outlive the chunk");

    ClusterChunk early = new ClusterChunk(0, 3, null, (index, item) -> "v" + index, false);
    early.cancel();
    assertEquals(0, early.run().attempted());
    assertTrue(!Thread.interrupted(), "a chunk cancelled before it ran interrupts nothing");
  }

  /** A cluster that never answers how many chunks it can run, until its thread is interrupted. */
  static final class Silent implements Cluster {
    final CountDownLatch asked = new CountDownLatch(1);
    final CountDownLatch givenUp = new CountDownLatch(1);

    @Override
    public int parallelism() {
      asked.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        givenUp.countDown();
      }
      return 4;
    }

    @Override
    public ClusterChunk.Result run(ClusterChunk chunk) throws InterruptedException {
      new CountDownLatch(1).await(); // as silent as its parallelism: ends only when cancelled
      throw new AssertionError("unreachable");
    }
  }

  @Test
  void aClusterThatDoesNotAnswerItsParallelismHoldsTheRunNoLongerThanItsTimeout() throws Exception {
    Silent silent = new Silent();
    ParallelForException e =
        assertThrows(
            ParallelForException.class,
            () ->
                assertTimeoutPreemptively(
                    TestBounds.HANG,
                    () ->
                        Parallel.cpu((Square) n -> n * n)
                            .on(silent)
                            .timeout(Duration.ofMillis(200))
                            .run(NUMBERS)));
    assertInstanceOf(TimeoutException.class, e.getCause());
    assertEquals(-1, e.index());
    assertTrue(silent.asked.await(0, TimeUnit.SECONDS));
    assertTrue(
        silent.givenUp.await(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS),
        "the thread that asked is interrupted once the run stops waiting for it");
  }

  @Test
  void aCallerInterruptedWhileTheClusterIsSilentAboutItsParallelismCancelsTheRun()
      throws Exception {
    Silent silent = new Silent();
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                Parallel.cpu((Square) n -> n * n).on(silent).run(NUMBERS);
                thrown.complete(null);
              } catch (Throwable t) {
                thrown.complete(t);
              }
            });
    caller.start();
    assertTrue(silent.asked.await(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS));
    caller.interrupt();
    Throwable failure = thrown.get(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS);
    ParallelForException e = assertInstanceOf(ParallelForException.class, failure);
    assertInstanceOf(InterruptedException.class, e.getCause());
    assertTrue(silent.givenUp.await(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS));
  }
}
