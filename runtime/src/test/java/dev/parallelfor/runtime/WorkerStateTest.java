package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parallelfor.Mode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** State per worker: made once per worker per run, never shared, closed on every way out. */
class WorkerStateTest {
  private static final List<Integer> NUMBERS =
      IntStream.range(0, 5_000).boxed().collect(Collectors.toUnmodifiableList());

  /** A non-thread-safe helper that notices being shared and records its closing. */
  static final class Helper implements AutoCloseable {
    final Thread owner = Thread.currentThread();
    final AtomicBoolean inUse = new AtomicBoolean();
    final AtomicInteger closes = new AtomicInteger();
    final AtomicInteger uses = new AtomicInteger();
    final CountDownLatch closedLatch;

    Helper(CountDownLatch closedLatch) {
      this.closedLatch = closedLatch;
    }

    int use(int n) {
      if (Thread.currentThread() != owner || !inUse.compareAndSet(false, true)) {
        throw new AssertionError("shared between threads");
      }
      try {
        uses.incrementAndGet();
        return n * 2;
      } finally {
        inUse.set(false);
      }
    }

    @Override
    public void close() {
      closes.incrementAndGet();
      if (closedLatch != null) {
        closedLatch.countDown();
      }
    }
  }

  private static ParallelLoop<Integer, Integer> helperLoop(
      Mode mode, Queue<Helper> made, CountDownLatch closed) {
    return Parallel.perWorker(
        mode,
        (WorkerScope worker) -> {
          Helper helper = worker.local(() -> new Helper(closed));
          made.add(helper);
          return (long index, Integer n) -> helper.use(n);
        });
  }

  @Test
  void eachWorkerMakesItsStateOnceAndUsesItForEveryItemItRuns() {
    for (Mode mode : Mode.values()) {
      Queue<Helper> made = new ConcurrentLinkedQueue<>();
      List<Integer> doubled = helperLoop(mode, made, null).parallelism(4).run(NUMBERS);
      assertEquals(NUMBERS.stream().map(n -> n * 2).toList(), doubled);
      assertTrue(made.size() >= 1 && made.size() <= 4, "one helper per worker: " + made.size());
      assertEquals(NUMBERS.size(), made.stream().mapToInt(h -> h.uses.get()).sum());
      for (Helper helper : made) {
        assertEquals(1, helper.closes.get(), "closed once, before run returned");
      }
    }
  }

  @Test
  void stateIsMadeOnTheWorkersFirstItemOnly() {
    AtomicInteger factoryCalls = new AtomicInteger();
    ParallelLoop<Integer, Integer> loop =
        Parallel.<Integer, Integer>perWorker(
                Mode.CPU,
                worker -> {
                  factoryCalls.incrementAndGet();
                  return (index, n) -> n;
                })
            .parallelism(8);
    loop.run(List.of());
    assertEquals(0, factoryCalls.get(), "no item, no state");
    loop.run(List.of(1));
    assertEquals(1, factoryCalls.get(), "one item, one worker's state");
  }

  @Test
  void rangesAndEveryExecutionFormUseTheWorkersState() throws Exception {
    Queue<Helper> made = new ConcurrentLinkedQueue<>();
    ParallelLoop<Integer, Integer> loop = helperLoop(Mode.IO, made, null).parallelism(3);
    assertEquals(List.of(0, 2, 4), loop.run(Range.of(0, 3)));
    assertEquals(List.of(2, 4), loop.runAsync(List.of(1, 2)).get(10, TimeUnit.SECONDS));
    assertEquals(4, loop.runAll(List.of(1, 2)).value(1));
    try (Stream<Integer> results = loop.stream(List.of(5, 6))) {
      assertEquals(List.of(10, 12), results.toList());
    }
    try (Stream<Completed<Integer>> results = loop.asCompleted(List.of(7))) {
      assertEquals(14, results.findFirst().orElseThrow().value());
    }
    assertTrue(made.stream().allMatch(h -> h.closes.get() == 1));
  }

  @Test
  void stateIsClosedWhenTheRunFailsFast() {
    Queue<Helper> made = new ConcurrentLinkedQueue<>();
    ParallelLoop<Integer, Integer> loop =
        Parallel.perWorker(
                Mode.CPU,
                (WorkerScope worker) -> {
                  Helper helper = worker.local(() -> new Helper(null));
                  made.add(helper);
                  return (long index, Integer n) -> {
                    if (n == 777) {
                      throw new IOException("boom");
                    }
                    return helper.use(n);
                  };
                })
            .parallelism(4);
    ParallelForException failure =
        assertThrows(ParallelForException.class, () -> loop.run(NUMBERS));
    assertInstanceOf(IOException.class, failure.getCause());
    assertTrue(made.stream().allMatch(h -> h.closes.get() == 1));
  }

  /** Items that wait until the run interrupts them, once every one of the workers runs one. */
  private static ParallelLoop<Integer, Integer> blockingLoop(
      int workers, CountDownLatch allStarted, CountDownLatch closed) {
    return Parallel.perWorker(
            Mode.IO,
            (WorkerScope worker) -> {
              worker.local(() -> new Helper(closed));
              return (long index, Integer n) -> {
                allStarted.countDown();
                new CountDownLatch(1).await(); // until the run interrupts it
                return n;
              };
            })
        .parallelism(workers);
  }

  @Test
  void stateIsClosedWhenTheRunTimesOutIsCancelledOrItsStreamIsClosed() throws Exception {
    int workers = 3;
    List<Integer> items = NUMBERS.subList(0, 100);

    CountDownLatch closedAfterTimeout = new CountDownLatch(workers);
    ParallelForException timedOut =
        assertThrows(
            ParallelForException.class,
            () ->
                blockingLoop(workers, new CountDownLatch(workers), closedAfterTimeout)
                    .timeout(Duration.ofMillis(200))
                    .run(items));
    assertInstanceOf(TimeoutException.class, timedOut.getCause());
    assertEquals(0, closedAfterTimeout.getCount(), "closed before run threw");

    CountDownLatch started = new CountDownLatch(workers);
    CountDownLatch closedAfterCancel = new CountDownLatch(workers);
    CompletableFuture<List<Integer>> future =
        blockingLoop(workers, started, closedAfterCancel).runAsync(items);
    started.await();
    future.cancel(true);
    closedAfterCancel.await(); // hangs (and times out) if a worker's state is never closed

    CountDownLatch streaming = new CountDownLatch(workers);
    CountDownLatch closedAfterStream = new CountDownLatch(workers);
    Stream<Integer> results = blockingLoop(workers, streaming, closedAfterStream).stream(items);
    streaming.await();
    results.close();
    assertEquals(0, closedAfterStream.getCount(), "closing the stream waits for the closes");
  }

  @Test
  void everyInstanceIsClosedBeforeAStreamClosedAtAnyPointReturns() {
    for (int round = 0; round < 300; round++) {
      Queue<Helper> made = new ConcurrentLinkedQueue<>();
      ParallelLoop<Integer, Integer> loop =
          helperLoop(round % 2 == 0 ? Mode.CPU : Mode.IO, made, null).parallelism(3);
      int take = round % 50;
      try (Stream<Integer> results = loop.stream(NUMBERS)) {
        assertEquals(take, results.limit(take).count());
      }
      for (Helper helper : made) {
        assertEquals(1, helper.closes.get(), "round " + round);
      }
    }
  }

  @Test
  void aFactoryThatThrowsStopsTheRunAndWhatItMadeIsClosed() {
    List<Helper> made = Collections.synchronizedList(new ArrayList<>());
    IllegalStateException broken = new IllegalStateException("no connection");
    ParallelLoop<Integer, Integer> loop =
        Parallel.<Integer, Integer>perWorker(
                Mode.CPU,
                worker -> {
                  made.add(worker.local(() -> new Helper(null)));
                  throw broken;
                })
            .parallelism(2);
    ParallelForException failure =
        assertThrows(ParallelForException.class, () -> loop.run(NUMBERS));
    assertSame(broken, failure.getCause());
    assertEquals(-1, failure.index());
    ParallelForException alsoForRunAll =
        assertThrows(ParallelForException.class, () -> loop.runAll(NUMBERS));
    assertSame(broken, alsoForRunAll.getCause());
    assertTrue(made.stream().allMatch(h -> h.closes.get() == 1));
  }

  @Test
  void anErrorFromTheFactoryReachesTheCallerUnwrapped() {
    InternalError fatal = new InternalError("out of something");
    ParallelLoop<Integer, Integer> loop =
        Parallel.perWorker(
            Mode.IO,
            worker -> {
              throw fatal;
            });
    assertSame(fatal, assertThrows(InternalError.class, () -> loop.run(NUMBERS)));
  }

  @Test
  void aFactoryThatBlocksCannotKeepTheRunAlive() {
    ParallelLoop<Integer, Integer> loop =
        Parallel.<Integer, Integer>perWorker(
                Mode.IO,
                worker -> {
                  new CountDownLatch(1).await();
                  return (index, n) -> n;
                })
            .timeout(Duration.ofMillis(100));
    ParallelForException failure =
        assertThrows(ParallelForException.class, () -> loop.run(NUMBERS));
    assertInstanceOf(TimeoutException.class, failure.getCause());
  }

  @Test
  void aFactoryMayRunALoopItself() {
    ParallelLoop<Integer, Integer> loop =
        Parallel.<Integer, Integer>perWorker(
                Mode.CPU,
                worker -> {
                  int offset = Parallel.cpu((Integer n) -> n).run(List.of(1, 2, 3)).size();
                  return (index, n) -> n + offset;
                })
            .parallelism(2);
    assertEquals(List.of(3, 4, 5), loop.run(List.of(0, 1, 2)));
  }

  @Test
  void aCloseThatThrowsFailsAnOtherwiseSuccessfulRun() {
    ParallelLoop<Integer, Integer> loop =
        Parallel.<Integer, Integer>perWorker(
                Mode.CPU,
                worker -> {
                  worker.local(
                      () ->
                          (AutoCloseable)
                              () -> {
                                throw new IOException("flush failed");
                              });
                  return (index, n) -> n;
                })
            .parallelism(1);
    ParallelForException failure =
        assertThrows(ParallelForException.class, () -> loop.run(List.of(1, 2, 3)));
    assertInstanceOf(IOException.class, failure.getCause());
    assertEquals(-1, failure.index());
  }

  @Test
  void aCloseThatThrowsAfterAnItemFailedIsSuppressedOnThatFailure() {
    ParallelLoop<Integer, Integer> loop =
        Parallel.<Integer, Integer>perWorker(
                Mode.CPU,
                worker -> {
                  worker.local(
                      () ->
                          (AutoCloseable)
                              () -> {
                                throw new IOException("flush failed");
                              });
                  return (index, n) -> {
                    throw new IllegalArgumentException("bad item " + n);
                  };
                })
            .parallelism(1);
    ParallelForException failure =
        assertThrows(ParallelForException.class, () -> loop.run(List.of(1, 2, 3)));
    assertInstanceOf(IllegalArgumentException.class, failure.getCause());
    assertTrue(
        List.of(failure.getSuppressed()).stream()
            .anyMatch(s -> s.getCause() instanceof IOException),
        "the close's failure is kept");
  }

  @Test
  void aCloseThatThrowsAfterACancelIsLoggedNotLost() throws Exception {
    Logger runtimeLogger = Logger.getLogger("dev.parallelfor");
    List<LogRecord> logged = Collections.synchronizedList(new ArrayList<>());
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            logged.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    boolean parents = runtimeLogger.getUseParentHandlers();
    runtimeLogger.setUseParentHandlers(false); // the expected warning is not printed
    runtimeLogger.addHandler(capture);
    try {
      CountDownLatch started = new CountDownLatch(1);
      IOException flushFailed = new IOException("flush failed");
      ParallelLoop<Integer, Integer> loop =
          Parallel.<Integer, Integer>perWorker(
                  Mode.IO,
                  worker -> {
                    worker.local(
                        () ->
                            (AutoCloseable)
                                () -> {
                                  throw flushFailed;
                                });
                    return (index, n) -> {
                      started.countDown();
                      new CountDownLatch(1).await(); // until the cancel interrupts it
                      return n;
                    };
                  })
              .parallelism(1);
      Stream<Integer> results = loop.stream(NUMBERS);
      started.await();
      results.close(); // cancels: nobody to throw the close's failure to
      assertTrue(
          logged.stream()
              .anyMatch(r -> r.getThrown() != null && r.getThrown().getCause() == flushFailed),
          "logged: " + logged);
    } finally {
      runtimeLogger.removeHandler(capture);
      runtimeLogger.setUseParentHandlers(parents);
    }
  }

  @Test
  void instancesAreClosedLastMadeFirst() {
    List<String> closed = Collections.synchronizedList(new ArrayList<>());
    Parallel.<Integer, Integer>perWorker(
            Mode.CPU,
            worker -> {
              worker.local(() -> (AutoCloseable) () -> closed.add("first"));
              worker.local(() -> (AutoCloseable) () -> closed.add("second"));
              worker.local(() -> null); // nothing to close
              return (index, n) -> n;
            })
        .parallelism(1)
        .run(List.of(1));
    assertEquals(List.of("second", "first"), closed);
  }

  @Test
  void aLoopWithStatePerWorkerDoesNotRunOnACluster() {
    try (InProcessCluster cluster = new InProcessCluster(2)) {
      ParallelLoop<Integer, Integer> loop =
          Parallel.<Integer, Integer>perWorker(Mode.CPU, worker -> (index, n) -> n).on(cluster);
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> loop.run(List.of(1)));
      assertTrue(refused.getMessage().contains("cluster"), refused.getMessage());
    }
  }

  @Test
  void aNullFactoryOrSupplierIsRefused() {
    assertThrows(NullPointerException.class, () -> Parallel.perWorker(Mode.CPU, null));
    ParallelForException failure =
        assertThrows(
            ParallelForException.class,
            () ->
                Parallel.<Integer, Integer>perWorker(
                        Mode.CPU,
                        worker -> {
                          worker.local(null);
                          return (index, n) -> n;
                        })
                    .run(List.of(1)));
    assertInstanceOf(NullPointerException.class, failure.getCause());
  }

  /**
   * A worker that leaves a streaming run because its look-ahead is full closes its state before it
   * gives its slot up: the worker the consumer then starts makes its own only afterwards. Here the
   * first close waits (a while, bounded) for a second state to be made, which it must not see.
   */
  @Test
  void aWorkerLeavingAFullLookAheadClosesItsStateBeforeAnotherIsMade() throws Exception {
    AtomicInteger live = new AtomicInteger();
    AtomicInteger mostLive = new AtomicInteger();
    AtomicInteger made = new AtomicInteger();
    CountDownLatch firstClosing = new CountDownLatch(1);
    CountDownLatch secondMade = new CountDownLatch(1);
    List<Integer> items = IntStream.range(0, 200_000).boxed().toList();
    ParallelLoop<Integer, Integer> loop =
        Parallel.<Integer, Integer>perWorker(
                Mode.CPU,
                (WorkerScope worker) -> {
                  worker.local(
                      () -> {
                        mostLive.accumulateAndGet(live.incrementAndGet(), Math::max);
                        if (made.incrementAndGet() == 2) {
                          secondMade.countDown();
                        }
                        return (AutoCloseable)
                            () -> {
                              if (firstClosing.getCount() > 0) {
                                firstClosing.countDown();
                                secondMade.await(1, TimeUnit.SECONDS);
                              }
                              live.decrementAndGet();
                            };
                      });
                  return (long index, Integer n) -> n;
                })
            .parallelism(1);

    long sum =
        assertTimeoutPreemptively(
            TestBounds.HANG,
            () -> {
              try (Stream<Integer> results = loop.stream(items)) {
                Iterator<Integer> it = results.iterator();
                long total = it.next();
                firstClosing.await(); // the worker left the full look-ahead
                while (it.hasNext()) {
                  total += it.next();
                }
                return total;
              }
            });

    assertThat(sum).isEqualTo(200_000L * 199_999 / 2);
    assertThat(mostLive.get()).isEqualTo(1);
    assertThat(live).hasValue(0);
  }

  /**
   * A streaming run whose look-ahead is full sends a worker away. The worker closes its state
   * before it gives its slot back: otherwise the consumer's next read would start a replacement
   * that makes its own state while the first is still being closed, two instances alive at
   * parallelism 1.
   */
  @Test
  void aWorkerSentAwayByAFullLookAheadClosesItsStateBeforeAnotherWorkerMakesOne() {
    AtomicInteger made = new AtomicInteger();
    AtomicInteger alive = new AtomicInteger();
    AtomicInteger maxAlive = new AtomicInteger();
    CountDownLatch firstCloseBegun = new CountDownLatch(1);
    CountDownLatch secondMade = new CountDownLatch(1);
    ParallelLoop<Integer, Integer> loop =
        Parallel.<Integer, Integer>perWorker(
                Mode.CPU,
                worker -> {
                  worker.local(
                      () -> {
                        int number = made.incrementAndGet();
                        maxAlive.accumulateAndGet(alive.incrementAndGet(), Math::max);
                        if (number == 2) {
                          secondMade.countDown();
                        }
                        return (AutoCloseable)
                            () -> {
                              if (number == 1) {
                                firstCloseBegun.countDown();
                                // Long enough for a replacement to make its state, if one can
                                // start before this close returns; it must not.
                                secondMade.await(500, TimeUnit.MILLISECONDS);
                              }
                              alive.decrementAndGet();
                            };
                      });
                  return (index, item) -> item;
                })
            .parallelism(1);
    List<Integer> input = IntStream.range(0, 5_000).boxed().toList();
    List<Integer> read =
        assertTimeoutPreemptively(
            TestBounds.HANG,
            () -> {
              List<Integer> results = new ArrayList<>();
              try (Stream<Integer> stream = loop.stream(input)) {
                Iterator<Integer> it = stream.iterator();
                results.add(it.next());
                // Read nothing more until the look-ahead has filled and sent the worker away (or,
                // if workers wait for room instead, for a while).
                firstCloseBegun.await(2, TimeUnit.SECONDS);
                it.forEachRemaining(results::add);
              }
              return results;
            });
    assertEquals(input, read);
    assertEquals(0, alive.get(), "every worker's state was closed");
    assertTrue(
        maxAlive.get() <= 1,
        maxAlive.get() + " worker-state instances were alive at once at parallelism 1");
  }
}
