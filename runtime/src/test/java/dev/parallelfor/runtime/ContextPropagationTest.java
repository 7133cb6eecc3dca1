package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.internal.CapturedLog;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The caller's context reaches every item through a propagator captured once per run, also the
 * items a thread of another run helps with; a wrapper that fails, before or after its task, fails
 * the run.
 */
class ContextPropagationTest {
  @RegisterExtension static final CapturedLog log = CapturedLog.wholeClass();

  private static final ThreadLocal<String> REQUEST = new ThreadLocal<>();
  private static final List<Integer> NUMBERS =
      IntStream.range(0, 2_000).boxed().collect(Collectors.toUnmodifiableList());

  /** Carries {@link #REQUEST}, counting captures and noting the thread they ran on. */
  static final class Carrier implements ContextPropagator {
    final AtomicInteger captures = new AtomicInteger();
    final Set<Thread> captureThreads = ConcurrentHashMap.newKeySet();
    final AtomicInteger wrapped = new AtomicInteger();

    @Override
    public UnaryOperator<Runnable> capture() {
      captures.incrementAndGet();
      captureThreads.add(Thread.currentThread());
      String captured = REQUEST.get();
      return task ->
          () -> {
            wrapped.incrementAndGet();
            String previous = REQUEST.get();
            REQUEST.set(captured);
            try {
              task.run();
            } finally {
              REQUEST.set(previous);
            }
          };
    }
  }

  @Test
  void theCallersContextReachesEveryItemAndIsCapturedOncePerRunOnTheCaller() {
    for (Mode mode : Mode.values()) {
      Carrier carrier = new Carrier();
      ParallelLoop<Integer, String> loop =
          Parallel.of(mode, (Integer n) -> REQUEST.get()).parallelism(4).propagateContext(carrier);
      REQUEST.set("request-" + mode);
      try {
        List<String> seen = loop.run(NUMBERS);
        assertTrue(seen.stream().allMatch(("request-" + mode)::equals), mode + ": " + seen);
        try (Stream<String> streamed = loop.stream(NUMBERS)) {
          assertTrue(streamed.allMatch(("request-" + mode)::equals));
        }
      } finally {
        REQUEST.remove();
      }
      assertEquals(2, carrier.captures.get(), "once per run");
      assertEquals(Set.of(Thread.currentThread()), carrier.captureThreads);
      assertTrue(carrier.wrapped.get() >= 2, "every worker task is wrapped");
    }
  }

  @Test
  void poolThreadsKeepNoContextAfterTheRun() throws Exception {
    int threads = 3;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      REQUEST.set("r-1");
      try {
        Parallel.io((Integer n) -> REQUEST.get())
            .executor(pool)
            .parallelism(threads)
            .propagateContext(new Carrier())
            .run(NUMBERS);
      } finally {
        REQUEST.remove();
      }
      // One task per pool thread, all at once: each thread tells what it still holds.
      CyclicBarrier everyThread = new CyclicBarrier(threads);
      List<Future<String>> left =
          IntStream.range(0, threads)
              .mapToObj(
                  i ->
                      pool.submit(
                          () -> {
                            everyThread.await();
                            return REQUEST.get();
                          }))
              .toList();
      for (Future<String> f : left) {
        assertNull(f.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCaptureThatThrowsIsThrownByTheExecutionMethodAndTheStreamIsClosed() {
    IllegalStateException broken = new IllegalStateException("no context");
    ParallelLoop<Integer, Integer> loop =
        Parallel.cpu((Integer n) -> n)
            .propagateContext(
                () -> {
                  throw broken;
                });
    AtomicInteger closed = new AtomicInteger();
    assertSame(
        broken,
        assertThrows(
            IllegalStateException.class,
            () -> loop.run(NUMBERS.stream().onClose(closed::incrementAndGet))));
    assertEquals(1, closed.get());
    assertSame(broken, assertThrows(IllegalStateException.class, () -> loop.runAsync(NUMBERS)));
  }

  @Test
  void aWrapperThatThrowsOrNeverRunsTheTaskFailsTheRunInsteadOfHangingIt() {
    for (Mode mode : Mode.values()) {
      ParallelLoop<Integer, Integer> dropping =
          Parallel.of(mode, (Integer n) -> n).propagateContext(() -> task -> () -> {});
      ParallelForException dropped =
          assertThrows(ParallelForException.class, () -> dropping.run(NUMBERS));
      assertEquals(-1, dropped.index());

      IllegalStateException broken = new IllegalStateException("wrapper broke");
      ParallelLoop<Integer, Integer> throwing =
          Parallel.of(mode, (Integer n) -> n)
              .propagateContext(
                  () ->
                      task -> {
                        throw broken;
                      });
      assertSame(
          broken, assertThrows(ParallelForException.class, () -> throwing.run(NUMBERS)).getCause());
    }
  }

  @Test
  void aWrapperThatThrowsAfterItsTaskRanNeitherHangsTheRunNorLosesItsResults() {
    IllegalStateException broken = new IllegalStateException("restoring failed");
    ParallelLoop<Integer, Integer> loop =
        Parallel.cpu((Integer n) -> n * 2)
            .parallelism(2)
            .propagateContext(
                () ->
                    task ->
                        () -> {
                          task.run();
                          throw broken;
                        });
    for (int round = 0; round < 20; round++) {
      // Every worker's wrapper fails the run before the worker leaves it (the nested class
      // AWrapperThatThrowsAfterItsTask checks that it always does); a task started after the run
      // ended is logged.
      try {
        List<Integer> doubled = loop.run(NUMBERS);
        assertEquals(NUMBERS.size(), doubled.size());
      } catch (ParallelForException failure) {
        assertSame(broken, failure.getCause());
      }
    }
    // A wrapper failure after the run ended is logged, not printed to the build's output here.
    for (Throwable logged : log.thrown()) {
      assertSame(broken, logged.getCause(), String.valueOf(logged));
    }
  }

  @Test
  void propagatorsCombineOutermostFirst() {
    ThreadLocal<String> tenant = new ThreadLocal<>();
    AtomicReference<String> order = new AtomicReference<>("");
    ContextPropagator first =
        () ->
            task ->
                () -> {
                  order.accumulateAndGet("a", String::concat);
                  task.run();
                };
    ContextPropagator second =
        () -> {
          String captured = "t-9";
          return task ->
              () -> {
                order.accumulateAndGet("b", String::concat);
                tenant.set(captured);
                try {
                  task.run();
                } finally {
                  tenant.remove();
                }
              };
        };
    List<String> seen =
        Parallel.cpu((Integer n) -> tenant.get())
            .parallelism(1)
            .propagateContext(first.and(second))
            .run(List.of(1, 2));
    assertEquals(List.of("t-9", "t-9"), seen);
    assertTrue(order.get().startsWith("ab"), order.get());
  }

  @Test
  void aPropagatorIsCheckedAtOnce() {
    assertThrows(
        NullPointerException.class, () -> Parallel.cpu((Integer n) -> n).propagateContext(null));
    assertThrows(NullPointerException.class, () -> LoopSettings.of(Mode.IO).propagateContext(null));
    ParallelLoop<Integer, Integer> nullWrapper =
        Parallel.cpu((Integer n) -> n).propagateContext(() -> null);
    assertInstanceOf(
        NullPointerException.class,
        assertThrows(NullPointerException.class, () -> nullWrapper.run(NUMBERS)));
  }

  /**
   * A context wrapper that throws after its task ran fails the run, every time: a worker leaves the
   * run only once its wrapper has returned, so the run cannot have ended before the throw.
   */
  @Nested
  class AWrapperThatThrowsAfterItsTask {
    private static final int TRIES = 200;
    private static final List<Integer> ITEMS =
        IntStream.range(0, 50).boxed().collect(Collectors.toUnmodifiableList());

    /** A wrapper failure of its own kind, so that no other failure passes for it. */
    static final class RestoreFailed extends RuntimeException {
      private static final long serialVersionUID = 1L;

      RestoreFailed() {
        super("restoring the context failed");
      }
    }

    private static final ParallelLoop<Integer, Integer> LOOP =
        Parallel.io((Integer n) -> n * 2)
            .parallelism(2)
            .propagateContext(
                () ->
                    task ->
                        () -> {
                          task.run();
                          throw new RestoreFailed();
                        });

    private static void failsEveryTime(String form, Function<List<Integer>, Object> call) {
      assertTimeoutPreemptively(
          TestBounds.HANG.multipliedBy(2),
          () -> {
            for (int i = 0; i < TRIES; i++) {
              Throwable thrown = assertThrows(Throwable.class, () -> call.apply(ITEMS), form);
              if (thrown instanceof CompletionException completion) {
                thrown = completion.getCause();
              }
              assertThat(thrown).as(form + ", try " + i).isInstanceOf(ParallelForException.class);
              assertThat(((ParallelForException) thrown).index()).isEqualTo(-1);
              assertThat(thrown.getCause())
                  .as(form + ", try " + i)
                  .isInstanceOf(RestoreFailed.class);
            }
          });
    }

    @Test
    void run() {
      failsEveryTime("run", LOOP::run);
    }

    @Test
    void runAll() {
      failsEveryTime("runAll", LOOP::runAll);
    }

    @Test
    void runAsync() {
      failsEveryTime("runAsync", items -> LOOP.runAsync(items).join());
    }

    @Test
    void stream() {
      failsEveryTime(
          "stream",
          items -> {
            try (Stream<Integer> results = LOOP.stream(items)) {
              return results.toList();
            }
          });
    }
  }

  /**
   * A thread that waits for a run it did not start (joins the future of {@code runAsync}, reads a
   * result stream) inside an item of another run helps with the awaited run's items inside that
   * run's context wrapper: they see the context of the awaited run's caller, not the helper's.
   */
  @Nested
  class ItemsHelpedByAThreadOfAnotherRun {
    private static final ThreadLocal<String> REQUEST = new ThreadLocal<>();
    private static final List<Integer> TEN =
        IntStream.range(0, 10).boxed().collect(Collectors.toUnmodifiableList());

    /** Carries {@link #REQUEST} from the thread that starts a run into its workers. */
    private static final ContextPropagator CARRIER =
        () -> {
          String captured = REQUEST.get();
          UnaryOperator<Runnable> wrapper =
              task ->
                  () -> {
                    String previous = REQUEST.get();
                    REQUEST.set(captured);
                    try {
                      task.run();
                    } finally {
                      REQUEST.set(previous);
                    }
                  };
          return wrapper;
        };

    /**
     * Starts run A under context "A" on an executor whose only thread is busy, so that A's items
     * can only run on a thread that helps it; then, in the one item of run B (context "B"), waits
     * for A. Returns the contexts A's items saw.
     */
    private static Set<String> contextsSeenByA(
        Function<ParallelLoop<Integer, Integer>, Object> startA,
        Function<Object, Object> awaitA,
        Set<Thread> ranAOn)
        throws Exception {
      Set<String> seen = ConcurrentHashMap.newKeySet();
      ExecutorService busy = Executors.newSingleThreadExecutor();
      CountDownLatch unblock = new CountDownLatch(1);
      busy.execute(
          () -> {
            try {
              unblock.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      ExecutorService forB = Executors.newSingleThreadExecutor();
      try {
        ParallelLoop<Integer, Integer> a =
            Parallel.io(
                    (Integer n) -> {
                      seen.add(String.valueOf(REQUEST.get()));
                      ranAOn.add(Thread.currentThread());
                      return n;
                    })
                .executor(busy)
                .parallelism(1)
                .propagateContext(CARRIER);
        REQUEST.set("A");
        Object started;
        try {
          started = startA.apply(a);
        } finally {
          REQUEST.remove();
        }
        ParallelLoop<Integer, Object> b =
            Parallel.io((Integer n) -> awaitA.apply(started))
                .executor(forB)
                .parallelism(1)
                .propagateContext(CARRIER);
        REQUEST.set("B");
        try {
          assertTimeoutPreemptively(TestBounds.HANG, () -> b.run(List.of(1)));
        } finally {
          REQUEST.remove();
        }
        return seen;
      } finally {
        unblock.countDown();
        busy.shutdown();
        forB.shutdown();
      }
    }

    @Test
    void theItemsAJoinerHelpsWithSeeTheContextOfTheRunTheyBelongTo() throws Exception {
      Set<Thread> ranOn = ConcurrentHashMap.newKeySet();
      Set<String> seen =
          contextsSeenByA(
              a -> a.runAsync(TEN),
              future -> ((java.util.concurrent.CompletableFuture<?>) future).join(),
              ranOn);
      assertThat(ranOn).as("only B's worker, helping, ran A's items").hasSize(1);
      assertThat(seen).containsExactly("A");
    }

    @Test
    void theItemsAGetterHelpsWithSeeTheContextOfTheRunTheyBelongTo() throws Exception {
      Set<Thread> ranOn = ConcurrentHashMap.newKeySet();
      Set<String> seen =
          contextsSeenByA(
              a -> a.runAsync(TEN),
              future -> {
                try {
                  return ((java.util.concurrent.CompletableFuture<?>) future).get();
                } catch (Exception e) {
                  throw new AssertionError(e);
                }
              },
              ranOn);
      assertThat(ranOn).hasSize(1);
      assertThat(seen).containsExactly("A");
    }

    @Test
    void theItemsAStreamReaderHelpsWithSeeTheContextOfTheRunTheyBelongTo() throws Exception {
      Set<Thread> ranOn = ConcurrentHashMap.newKeySet();
      Set<String> seen =
          contextsSeenByA(
              a -> a.stream(TEN),
              stream -> {
                @SuppressWarnings("unchecked")
                Stream<Integer> results = (Stream<Integer>) stream;
                try (results) {
                  return results.toList();
                }
              },
              ranOn);
      assertThat(ranOn).hasSize(1);
      assertThat(seen).containsExactly("A");
    }

    /**
     * A wrapper that returns without running the task it is given fails the run, also when the task
     * is a thread's offer to help: otherwise that thread, joining a run whose own worker is queued
     * behind it on a pool of one, would wait forever.
     */
    @Test
    void aWrapperThatDropsTheHelpersTaskFailsTheRunTheHelperJoins() throws Exception {
      ExecutorService single = Executors.newSingleThreadExecutor();
      try {
        ContextPropagator dropping = () -> task -> () -> {};
        ParallelLoop<Integer, Integer> a =
            Parallel.io((Integer n) -> n)
                .executor(single)
                .parallelism(1)
                .propagateContext(dropping);
        ParallelLoop<Integer, Object> b =
            Parallel.io(
                    (Integer n) -> {
                      // A's worker task goes to the same single thread, behind this very item.
                      java.util.concurrent.CompletableFuture<List<Integer>> started =
                          a.runAsync(TEN);
                      try {
                        return started.join();
                      } catch (java.util.concurrent.CompletionException e) {
                        return e.getCause();
                      }
                    })
                .executor(single)
                .parallelism(1);
        List<Object> outcome = assertTimeoutPreemptively(TestBounds.HANG, () -> b.run(List.of(1)));
        assertThat(outcome.get(0))
            .isInstanceOfSatisfying(
                ParallelForException.class,
                e -> assertThat(e).hasMessageContaining("did not run the worker task"));
      } finally {
        single.shutdownNow();
      }
    }
  }
}
