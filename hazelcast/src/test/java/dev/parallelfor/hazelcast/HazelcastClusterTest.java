package dev.parallelfor.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import dev.parallelfor.runtime.Completed;
import dev.parallelfor.runtime.IndexedItemFunction;
import dev.parallelfor.runtime.ItemFunction;
import dev.parallelfor.runtime.Parallel;
import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.ParallelLoop;
import dev.parallelfor.runtime.Progress;
import dev.parallelfor.runtime.ProgressListener;
import dev.parallelfor.runtime.Range;
import dev.parallelfor.runtime.Results;
import java.io.IOException;
import java.io.Serializable;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a loop on a Hazelcast cluster promises, on two members started in this JVM: the same as a
 * local run. The members share this JVM's statics, which the blocking items use as their gate.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HazelcastClusterTest {
  private static final List<Integer> NUMBERS =
      IntStream.range(0, 3_000).boxed().collect(Collectors.toUnmodifiableList());
  private static final List<Integer> SQUARES = NUMBERS.stream().map(n -> n * n).toList();

  private static LoopbackMembers members;
  private static HazelcastInstance first;
  private static HazelcastInstance second;
  private static HazelcastCluster cluster;

  /** Through a client every chunk is serialized (a member runs its own chunks without that). */
  private static HazelcastCluster viaClient;

  @BeforeAll
  static void startTwoMembers() throws InterruptedException {
    members = new LoopbackMembers();
    first = members.start("first");
    second = members.start("second");
    LoopbackMembers.awaitMembers(2, first);
    cluster = HazelcastCluster.of(first).withTargetChunkTime(Duration.ofMillis(2));
    viaClient = HazelcastCluster.of(members.client(first));
  }

  @AfterAll
  static void stopMembers() {
    members.close();
  }

  interface Square extends ItemFunction<Integer, Integer>, Serializable {}

  interface Work extends ItemFunction<Integer, Integer>, Serializable {}

  /** Items that wait until the test lets them go, and say that they were interrupted. */
  static final class Gate {
    static volatile CountDownLatch started = new CountDownLatch(0);
    static volatile CountDownLatch release = new CountDownLatch(0);
    static volatile CountDownLatch interrupted = new CountDownLatch(0);

    static Integer hold(Integer n) throws InterruptedException {
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        interrupted.countDown();
        throw e;
      }
      return n;
    }
  }

  @Test
  void resultsComeInInputOrderAndBothMembersRunChunks() {
    HazelcastCluster counted = HazelcastCluster.of(first).withTargetChunkTime(Duration.ofMillis(1));
    assertEquals(SQUARES, Parallel.cpu((Square) n -> n * n).on(counted).run(NUMBERS));
    Map<String, Long> perMember = counted.itemsPerMember();
    assertEquals(2, perMember.size(), perMember.toString());
    assertEquals(NUMBERS.size(), perMember.values().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void aDistributedMethodsDriverRunsOnTheCluster() {
    List<String> words = List.of("alpha", "beta", "gamma", "delta");
    assertEquals(
        List.of("w0:alpha", "w1:beta", "w2:gamma", "w3:delta"),
        new WordsTagDriver(new Words("w")).on(viaClient).run(words, ":"));
    List<Long> cubes = new WordsCubeDriver().on(cluster).runRange(0, 2_000);
    assertEquals(IntStream.range(0, 2_000).mapToObj(n -> (long) n * n * n).toList(), cubes);
  }

  /** Where each item of {@link #firstChunksSpreadOverTheMembers} ran: its executor thread. */
  static final Map<Integer, String> RAN_ON = new ConcurrentHashMap<>();

  /** Holds each item of that test until every worker has its first chunk in flight. */
  static volatile CyclicBarrier allInFlight = new CyclicBarrier(1);

  @Test
  void firstChunksSpreadOverTheMembers() {
    int workers = cluster.parallelism(); // the members' cores in all, half on each member
    RAN_ON.clear();
    allInFlight = new CyclicBarrier(workers);
    Work recordWhere =
        n -> {
          RAN_ON.put(n, Thread.currentThread().getName());
          allInFlight.await(60, TimeUnit.SECONDS); // one chunk of one item per worker at once
          return n;
        };
    List<Integer> numbers = IntStream.range(0, workers).boxed().toList();

    assertEquals(numbers, Parallel.cpu(recordWhere).on(cluster).run(numbers));

    Map<String, Long> perMember =
        RAN_ON.values().stream()
            .map(thread -> thread.contains(".first-") ? "first" : "second")
            .collect(Collectors.groupingBy(m -> m, Collectors.counting()));
    assertEquals(
        Map.of("first", (long) workers / 2, "second", (long) workers / 2),
        perMember,
        RAN_ON.toString());
  }

  @Test
  void theDefaultParallelismIsTheMembersCores() {
    assertEquals(2 * Runtime.getRuntime().availableProcessors(), cluster.parallelism());
  }

  @Test
  void everyExecutionFormMeansWhatItMeansLocally() {
    ParallelLoop<Integer, Integer> loop = Parallel.cpu((Square) n -> n * n).on(cluster);
    assertEquals(SQUARES, loop.run(NUMBERS.stream()));
    assertEquals(SQUARES, loop.run(lazy(NUMBERS)));
    assertEquals(SQUARES, loop.run(Range.of(0, NUMBERS.size())));
    assertEquals(SQUARES, loop.runAll(NUMBERS).values());
    assertEquals(SQUARES, loop.runAsync(NUMBERS).join());
    try (Stream<Integer> results = loop.stream(lazy(NUMBERS))) {
      assertEquals(SQUARES, results.toList());
    }
    try (Stream<Completed<Integer>> results = loop.asCompleted(NUMBERS)) {
      List<Integer> byIndex = new ArrayList<>(NUMBERS);
      results.forEach(done -> byIndex.set((int) done.index(), done.value()));
      assertEquals(SQUARES, byIndex);
    }
    IndexedItemFunction<String, String> tag =
        (IndexedItemFunction<String, String> & Serializable) (index, s) -> index + ":" + s;
    assertEquals(
        List.of("0:a", "1:b", "2:c"), Parallel.cpu(tag).on(cluster).run(List.of("a", "b", "c")));
  }

  @Test
  void progressCountsEveryItemOnceAndFinishesOnce() {
    AtomicLong lastCompleted = new AtomicLong();
    AtomicInteger finishes = new AtomicInteger();
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void onProgress(Progress p) {
            lastCompleted.set(p.completed());
          }

          @Override
          public void onFinish(Progress p) {
            lastCompleted.set(p.completed());
            finishes.incrementAndGet();
          }
        };
    Parallel.cpu((Square) n -> n * n).on(cluster).onProgress(listener).run(NUMBERS);
    assertEquals(NUMBERS.size(), lastCompleted.get());
    assertEquals(1, finishes.get());
  }

  @Test
  void aFailureStopsTheRunWithTheItemAndItsCause() {
    Work failAt =
        n -> {
          if (n == 2_222) {
            throw new IOException("cannot " + n);
          }
          return n;
        };
    ParallelForException e =
        assertThrows(
            ParallelForException.class, () -> Parallel.cpu(failAt).on(cluster).run(NUMBERS));
    assertEquals(2_222, e.index());
    assertEquals(2_222, e.item());
    assertInstanceOf(IOException.class, e.getCause());
    Results<Integer> all = Parallel.cpu(failAt).on(cluster).runAll(NUMBERS);
    assertEquals(1, all.failed());
    assertEquals(2_222, all.failures().get(0).index());
    assertEquals(2_221, all.value(2_221));
  }

  /**
   * How often each item ran, on either member (both live in this JVM): one count per run, as the
   * cancelled chunks of a fail-fast run may still finish an item after it returned.
   */
  static final AtomicIntegerArray[] RUNS = {
    new AtomicIntegerArray(3_000), new AtomicIntegerArray(3_000)
  };

  /** Counts its items in {@code RUNS[counter]}; item 2,222 times out on its socket. */
  private static Work timesOutOnItsSocket(int counter) {
    return n -> {
      RUNS[counter].incrementAndGet(n);
      if (n == 2_222) {
        throw new SocketTimeoutException("read timed out");
      }
      return n;
    };
  }

  @Test
  void anItemsSocketTimeoutIsItsFailureNotACancellationAndItRunsOnce() {
    ParallelForException e =
        assertThrows(
            ParallelForException.class,
            () -> Parallel.cpu(timesOutOnItsSocket(0)).on(viaClient).run(NUMBERS));
    assertEquals(2_222, e.index());
    assertInstanceOf(SocketTimeoutException.class, e.getCause());
    assertEquals(1, RUNS[0].get(2_222));

    Results<Integer> all = Parallel.cpu(timesOutOnItsSocket(1)).on(cluster).runAll(NUMBERS);
    assertEquals(1, all.failed());
    assertEquals(NUMBERS.size() - 1, all.succeeded());
    assertEquals(2_222, all.failures().get(0).index());
    assertInstanceOf(SocketTimeoutException.class, all.failures().get(0).getCause());
    assertEquals(2_223, all.value(2_223));
    for (int i = 0; i < NUMBERS.size(); i++) {
      assertEquals(1, RUNS[1].get(i), "runs of item " + i);
    }
  }

  @Test
  void failFastCancelsTheChunksRunningOnTheMembers() throws Exception {
    Gate.started = new CountDownLatch(3);
    Gate.release = new CountDownLatch(1);
    Gate.interrupted = new CountDownLatch(3);
    Work work =
        n -> {
          if (n == 0) {
            Gate.started.await();
            throw new IllegalStateException("first item fails once the others run");
          }
          return Gate.hold(n);
        };
    try {
      ParallelForException e =
          assertThrows(
              ParallelForException.class,
              () -> Parallel.cpu(work).on(cluster).parallelism(4).run(NUMBERS.subList(0, 8)));
      assertInstanceOf(IllegalStateException.class, e.getCause());
      assertTrue(Gate.interrupted.await(30, TimeUnit.SECONDS), "remote items were interrupted");
    } finally {
      Gate.release.countDown();
    }
  }

  @Test
  void aDeadlineStopsTheRunAndItsRemoteItems() throws Exception {
    Gate.started = new CountDownLatch(1);
    Gate.release = new CountDownLatch(1);
    Gate.interrupted = new CountDownLatch(1);
    try {
      ParallelForException e =
          assertThrows(
              ParallelForException.class,
              () ->
                  Parallel.cpu((Work) Gate::hold)
                      .on(cluster)
                      .timeout(Duration.ofMillis(500))
                      .run(NUMBERS));
      assertInstanceOf(TimeoutException.class, e.getCause());
      assertEquals(-1, e.index());
      assertTrue(Gate.interrupted.await(30, TimeUnit.SECONDS));
    } finally {
      Gate.release.countDown();
    }
  }

  @Test
  void interruptingTheCallerCancelsTheRun() throws Exception {
    Gate.started = new CountDownLatch(1);
    Gate.release = new CountDownLatch(1);
    Gate.interrupted = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flagKept = new AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                Parallel.cpu((Work) Gate::hold).on(cluster).run(NUMBERS);
              } catch (Throwable t) {
                thrown.set(t);
                flagKept.set(Thread.currentThread().isInterrupted());
              }
            });
    try {
      caller.start();
      assertTrue(Gate.started.await(30, TimeUnit.SECONDS));
      caller.interrupt();
      caller.join();
      ParallelForException e = assertInstanceOf(ParallelForException.class, thrown.get());
      assertInstanceOf(InterruptedException.class, e.getCause());
      assertTrue(flagKept.get());
      assertTrue(Gate.interrupted.await(30, TimeUnit.SECONDS));
    } finally {
      Gate.release.countDown();
    }
  }

  @Test
  void closingAStreamCancelsTheRun() throws Exception {
    Gate.started = new CountDownLatch(1);
    Gate.release = new CountDownLatch(1);
    Gate.interrupted = new CountDownLatch(1);
    Work work = n -> n == 0 ? n : Gate.hold(n);
    try {
      try (Stream<Integer> results = Parallel.cpu(work).on(cluster).stream(NUMBERS)) {
        assertEquals(0, results.findFirst().orElseThrow());
        // Close only once a member holds an item: on a busy machine the close could otherwise
        // come before any other chunk started, leaving nothing to interrupt.
        assertTrue(Gate.started.await(30, TimeUnit.SECONDS));
      }
      assertTrue(Gate.interrupted.await(30, TimeUnit.SECONDS));
    } finally {
      Gate.release.countDown();
    }
  }

  @Test
  void cancellingAnAsynchronousRunCancelsItsChunks() throws Exception {
    Gate.started = new CountDownLatch(1);
    Gate.release = new CountDownLatch(1);
    Gate.interrupted = new CountDownLatch(1);
    try {
      CompletableFuture<List<Integer>> future =
          Parallel.cpu((Work) Gate::hold).on(cluster).runAsync(NUMBERS);
      assertTrue(Gate.started.await(30, TimeUnit.SECONDS));
      future.cancel(true);
      assertTrue(Gate.interrupted.await(30, TimeUnit.SECONDS));
    } finally {
      Gate.release.countDown();
    }
  }

  /**
   * An item no serialization takes (not {@code Serializable}, and a field of a type that
   * Hazelcast's reflective compact serialization refuses): Hazelcast refuses the chunk, and the run
   * fails.
   */
  static final class Opaque {
    @SuppressWarnings("unused")
    private final Object inside = new Object();

    @Override
    public String toString() {
      return "opaque";
    }
  }

  @Test
  void anItemThatCannotTravelFailsTheRun() {
    ItemFunction<Object, String> describe =
        (ItemFunction<Object, String> & Serializable) String::valueOf;
    ParallelForException e =
        assertThrows(
            ParallelForException.class,
            () -> Parallel.cpu(describe).on(viaClient).run(List.of(new Opaque())));
    assertTrue(e.getMessage().contains("cluster"), e.getMessage());
  }

  /** What an item threw travels back even when Java serialization cannot take it. */
  static final class Unserializable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings({"serial", "unused"})
    private final Object holds = new Object();

    Unserializable(String message) {
      super(message);
    }
  }

  @Test
  void aFailureThatCannotTravelArrivesAsItsText() {
    Work fails =
        n -> {
          throw new Unserializable("item " + n);
        };
    ParallelForException e =
        assertThrows(
            ParallelForException.class, () -> Parallel.cpu(fails).on(viaClient).run(List.of(7)));
    RemoteItemException cause = assertInstanceOf(RemoteItemException.class, e.getCause());
    assertEquals(Unserializable.class.getName(), cause.originalClassName());
    assertTrue(cause.getMessage().contains("item 7"), cause.getMessage());
  }

  @Test
  void aClientRunsChunksOnTheMembers() {
    HazelcastCluster counted = HazelcastCluster.of(viaClient.instance());
    assertEquals(SQUARES, Parallel.cpu((Square) n -> n * n).on(counted).run(NUMBERS));
    assertEquals(2, counted.itemsPerMember().size(), counted.itemsPerMember().toString());
  }

  private static <T> Iterable<T> lazy(List<T> items) {
    return () -> {
      Iterator<T> it = items.iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public T next() {
          return it.next();
        }
      };
    };
  }
}
