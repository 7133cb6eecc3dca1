package dev.parallelfor.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parallelfor.Mode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Cases the chaos property found where two features meet, outside the defects already known: each
 * is a plain test of the promise it broke.
 */
class CrossFeatureFindingsTest {

  /**
   * A streaming run whose look-ahead is full sends a worker away. The worker gave its slot back
   * before closing its state, so the consumer's next read started a replacement that made its own
   * state while the first was still being closed: two instances alive at parallelism 1.
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

  /**
   * A run on a direct executor started from an item ({@code runAsync} here; also the workers a
   * nested {@code run} spawns besides its helping caller) runs its worker on that item's thread.
   * When the outer run stops, it interrupts that thread while the worker waits for the rate limit's
   * next permit: the run took that interrupt for the failure of the item it was about to start,
   * which never started, and counted it as finished.
   */
  @Test
  void anInterruptThatEndsARateLimitWaitIsNoFailureOfTheItemThatNeverStarted() {
    AtomicInteger nestedStarts = new AtomicInteger();
    AtomicReference<Progress> nestedFinish = new AtomicReference<>();
    AtomicReference<Object> nestedOutcome = new AtomicReference<>();
    CountDownLatch nestedItemRan = new CountDownLatch(1);
    ParallelLoop<Integer, Integer> nested =
        Parallel.<Integer, Integer>cpu(
                item -> {
                  nestedStarts.incrementAndGet();
                  nestedItemRan.countDown();
                  return item;
                })
            .executor(Runnable::run)
            .parallelism(1)
            .rateLimit(1) // the second item waits about a second for its permit
            .onProgress(
                new ProgressListener() {
                  @Override
                  public void onFinish(Progress progress) {
                    nestedFinish.set(progress);
                  }
                });
    ParallelLoop<Integer, Integer> outer =
        Parallel.<Integer, Integer>cpu(
                item -> {
                  if (item == 0) {
                    try {
                      // On a direct executor the run's worker runs here, inside runAsync.
                      nestedOutcome.set(nested.runAsync(List.of(0, 1, 2)).join());
                    } catch (CompletionException e) {
                      nestedOutcome.set(e.getCause());
                    }
                    return item;
                  }
                  // Stop the outer run while the nested one waits for its second permit.
                  nestedItemRan.await(TestBounds.HANG.toMillis(), TimeUnit.MILLISECONDS);
                  throw new IllegalStateException("stops the outer run");
                })
            .parallelism(2);
    assertThrows(
        ParallelForException.class,
        () -> assertTimeoutPreemptively(TestBounds.HANG, () -> outer.run(List.of(0, 1))));
    Progress finish = nestedFinish.get();
    assertNotNull(finish, "the nested run finished");
    assertTrue(
        finish.completed() <= nestedStarts.get(),
        "the nested run's onFinish counts "
            + finish
            + " but only "
            + nestedStarts.get()
            + " of its items started");
    if (nestedOutcome.get() instanceof ParallelForException failure) {
      assertTrue(
          failure.index() < 0 || failure.index() < nestedStarts.get(),
          "item "
              + failure.index()
              + " of the nested run, which never started, is reported as failed: "
              + failure.getCause());
    }
  }
}
