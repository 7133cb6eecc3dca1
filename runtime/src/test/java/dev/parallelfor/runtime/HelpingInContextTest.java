package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A thread that waits for a run it did not start (joins the future of {@code runAsync}, reads a
 * result stream) inside an item of another run helps with the awaited run's items inside that run's
 * context wrapper: they see the context of the awaited run's caller, not the helper's.
 */
class HelpingInContextTest {
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
   * Starts run A under context "A" on an executor whose only thread is busy, so that A's items can
   * only run on a thread that helps it; then, in the one item of run B (context "B"), waits for A.
   * Returns the contexts A's items saw.
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
          Parallel.io((Integer n) -> n).executor(single).parallelism(1).propagateContext(dropping);
      ParallelLoop<Integer, Object> b =
          Parallel.io(
                  (Integer n) -> {
                    // A's worker task goes to the same single thread, behind this very item.
                    java.util.concurrent.CompletableFuture<List<Integer>> started = a.runAsync(TEN);
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
