package dev.parallelfor.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parallelfor.Mode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
}
