package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.IndexedItemFunction;
import dev.parallelfor.runtime.RetryPolicy;
import dev.parallelfor.runtime.TestBounds;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * How a worker's chunk goes on while one of its items backs off: in CPU mode at a parallelism above
 * 1 the item is deferred to the end of the chunk, so the worker runs the chunk's other items
 * meanwhile on the same thread and slot; at a parallelism of 1, and in IO mode, it is waited for
 * before the next item, as in a {@code for} loop.
 */
class ItemLoopBackoffTest {
  private static final List<Integer> FIVE = IntStream.range(0, 5).boxed().toList();

  private final List<Integer> calls = new CopyOnWriteArrayList<>();
  private final Set<Integer> failedOnce = ConcurrentHashMap.newKeySet();

  /** Item 1 fails on its first attempt; every call is recorded in order. */
  private Object call(long index, Object item) throws IOException {
    int n = (Integer) item;
    calls.add(n);
    if (n == 1 && failedOnce.add(n)) {
      throw new IOException("busy");
    }
    return n;
  }

  private static RunOptions options(Mode mode, int parallelism, Duration backoff) {
    return RunOptions.of(mode, parallelism)
        .withRetry(RetryPolicy.on(IOException.class).backoff(backoff));
  }

  /** Runs the five items as one chunk on the calling thread, a worker inside the run. */
  private static Chunk runChunk(RunOptions options, IndexedItemFunction<Object, Object> fn) {
    Source source = Source.of(FIVE);
    Run run = new Run(options, source, fn, Run.ALL, true);
    ItemLoop loop =
        new ItemLoop(run, run.lifecycle(), source, fn, false, options, options.parallelism());
    Chunk chunk = new Chunk(0, FIVE.size(), null, new Object[FIVE.size()], 0);
    Worker worker = new Worker(null);
    assertThat(run.workers().enter(worker)).isTrue();
    loop.run(chunk, worker);
    return chunk;
  }

  @Test
  void inCpuModeAnItemThatBacksOffIsTriedAgainAfterTheChunksOtherItems() {
    Chunk chunk = runChunk(options(Mode.CPU, 2, Duration.ofMillis(20)), this::call);

    assertThat(calls).containsExactly(0, 1, 2, 3, 4, 1);
    assertThat(chunk.out).containsExactly(0, 1, 2, 3, 4);
    assertThat(chunk.finished).isEqualTo(5);
    assertThat(chunk.failed).isZero();
  }

  @Test
  void atParallelismOneOrInIoModeAnItemIsTriedAgainBeforeTheNext() {
    for (RunOptions options :
        List.of(
            options(Mode.CPU, 1, Duration.ofMillis(20)),
            options(Mode.IO, 2, Duration.ofMillis(20)))) {
      calls.clear();
      failedOnce.clear();

      Chunk chunk = runChunk(options, this::call);

      assertThat(calls).containsExactly(0, 1, 1, 2, 3, 4);
      assertThat(chunk.out).containsExactly(0, 1, 2, 3, 4);
      assertThat(chunk.finished).isEqualTo(5);
    }
  }

  @Test
  void aDeferredItemThatNeverSucceedsIsRecordedAtItsIndexAfterItsAttempts() {
    Chunk chunk =
        runChunk(
            options(Mode.CPU, 2, Duration.ofMillis(1)),
            (index, item) -> {
              calls.add((Integer) item);
              if ((Integer) item == 1) {
                throw new IOException("down");
              }
              return item;
            });

    assertThat(calls).containsExactly(0, 1, 2, 3, 4, 1, 1);
    assertThat(chunk.finished).isEqualTo(5);
    assertThat(chunk.failed).isEqualTo(1);
    assertThat(chunk.out[1]).isInstanceOf(Outcomes.Failure.class);
    assertThat(((Outcomes.Failure) chunk.out[1]).exception())
        .hasMessage("item 1 (1) failed after 3 attempts: java.io.IOException: down");
    assertThat(chunk.out).contains(0, 2, 3, 4);
  }

  /**
   * The run stops while the worker waits for its deferred item: the wait ends at once, and the item
   * is neither finished nor failed.
   */
  @Test
  void aStopEndsTheWaitForADeferredItem() throws Exception {
    Source source = Source.of(FIVE);
    CountDownLatch lastItemDone = new CountDownLatch(1);
    IndexedItemFunction<Object, Object> fn =
        (index, item) -> {
          if ((Integer) item == 1) {
            throw new IOException("busy");
          }
          if ((Integer) item == 4) {
            lastItemDone.countDown();
          }
          return item;
        };
    RunOptions options = options(Mode.CPU, 2, Duration.ofHours(1));
    Run run = new Run(options, source, fn, Run.ALL, true);
    ItemLoop loop =
        new ItemLoop(run, run.lifecycle(), source, fn, false, options, options.parallelism());
    Chunk chunk = new Chunk(0, FIVE.size(), null, new Object[FIVE.size()], 0);
    Thread worker =
        new Thread(
            () -> {
              Worker self = new Worker(null);
              run.workers().enter(self);
              loop.run(chunk, self);
            });
    worker.start();
    assertTimeoutPreemptively(
        TestBounds.HANG,
        () -> {
          lastItemDone.await();
          while (LockSupport.getBlocker(worker) == null) { // parked for the deferred item
            Thread.yield();
          }
          run.stop(null, false);
          worker.join();
        });

    assertThat(chunk.finished).isEqualTo(4);
    assertThat(chunk.failed).isZero();
    assertThat(chunk.out).containsExactly(0, null, 2, 3, 4);
  }
}
