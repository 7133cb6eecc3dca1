package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelfor.runtime.TestBounds;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The streaming look-ahead: its bounds, the order it hands chunks out in, and its waits. */
class StreamWindowTest {
  private static final int MAX = ChunkSizing.MAX_CHUNK;

  @Test
  void theWindowHoldsTwoChunksPerWorkerAndTwoMore() {
    StreamWindow window = new StreamWindow(3, false);
    for (int i = 0; i < 7; i++) {
      window.chunk(i, 1, null);
      assertThat(window.full()).as("after %s chunks", i + 1).isFalse();
    }
    window.chunk(7, 1, null);

    assertThat(window.full()).isTrue();
  }

  @Test
  void theWindowHoldsABoundedNumberOfItems() {
    StreamWindow window = new StreamWindow(1, false);
    long limit = ChunkSizing.LOOK_AHEAD_ITEMS;
    Chunk big = window.chunk(0, (int) limit - 1, null);
    assertThat(window.full()).isFalse();
    Chunk one = window.chunk(limit - 1, 1, null);
    assertThat(window.full()).isTrue();

    window.done(big);
    window.consumed(big);
    assertThat(window.full()).isFalse();
    assertThat(one.out).hasSize(1);
  }

  @Test
  void aHugeParallelismHoldsTwoItemsPerWorker() {
    StreamWindow window = new StreamWindow(1 << 20, false);
    for (int i = 0; i < 5; i++) { // 81,920 items: past LOOK_AHEAD_ITEMS, below two per worker
      window.chunk((long) i * MAX, MAX, null);
    }

    assertThat(5L * MAX).isGreaterThan(ChunkSizing.LOOK_AHEAD_ITEMS);
    assertThat(window.full()).isFalse();
  }

  @Test
  void inInputOrderOnlyTheFirstChunkCanBeNext() {
    StreamWindow window = new StreamWindow(2, false);
    Chunk first = window.chunk(0, 2, null);
    Chunk second = window.chunk(2, 2, new Object[] {"a", "b"});

    window.done(second);
    assertThat(window.next()).isNull();
    window.done(first);
    assertThat(window.next()).isSameAs(first);
    window.consumed(first);
    assertThat(window.next()).isSameAs(second);
    assertThat(second.out).isSameAs(second.items);
    assertThat(window.completionOrder()).isFalse();
  }

  @Test
  void inCompletionOrderTheFirstDoneChunkIsNext() {
    StreamWindow window = new StreamWindow(1, true);
    long limit = ChunkSizing.LOOK_AHEAD_ITEMS;
    Chunk first = window.chunk(0, (int) limit - 1, null);
    Chunk second = window.chunk(limit - 1, 1, null);
    assertThat(window.full()).isTrue();

    window.done(second);
    assertThat(window.next()).isSameAs(second);
    window.consumed(second);
    assertThat(window.next()).isNull();
    assertThat(window.full()).isFalse(); // the second chunk's item left the window
    window.done(first);
    assertThat(window.next()).isSameAs(first);
    window.consumed(first);

    assertThat(window.full()).isFalse();
    assertThat(window.completionOrder()).isTrue();
  }

  @Test
  void consumingAChunkTheWindowDoesNotHoldChangesNothing() {
    StreamWindow window = new StreamWindow(1, true);
    long limit = ChunkSizing.LOOK_AHEAD_ITEMS;
    window.chunk(0, (int) limit, null);
    Chunk stranger = new Chunk(0, (int) limit, null, null, 0);

    window.consumed(stranger);

    assertThat(window.full()).isTrue();
  }

  @Test
  void theWindowHandsResultsOutAndCollectsNothing() {
    assertThatThrownBy(() -> new StreamWindow(1, false).collect())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theConsumerWaitsUntilItsNextChunkIsDone() throws Exception {
    StreamWindow window = new StreamWindow(2, false);
    Chunk first = window.chunk(0, 1, null);
    Chunk second = window.chunk(1, 1, null);
    Lifecycle running = new Lifecycle();
    AtomicReference<Chunk> seen = new AtomicReference<>();
    Thread consumer =
        new Thread(
            () -> {
              try {
                window.awaitChange(running);
                seen.set(window.next());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    consumer.start();
    waitUntilParkedOrEnded(consumer);
    window.done(second); // not the one it waits for
    waitUntilParkedOrEnded(consumer);
    window.done(first);
    consumer.join(TestBounds.HANG.toMillis());

    assertThat(consumer.isAlive()).isFalse();
    assertThat(seen.get()).isSameAs(first);
  }

  @Test
  void theConsumerStopsWaitingWhenTheRunStops() throws Exception {
    StreamWindow window = new StreamWindow(2, false);
    window.chunk(0, 1, null);
    Lifecycle life = new Lifecycle();
    Thread consumer =
        new Thread(
            () -> {
              try {
                window.awaitChange(life);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    consumer.start();
    waitUntilParkedOrEnded(consumer);
    assertThat(consumer.isAlive()).isTrue();
    life.stop(null, false);
    window.wake();
    consumer.join(TestBounds.HANG.toMillis());

    assertThat(consumer.isAlive()).isFalse();
    assertThat(window.next()).isNull();
  }

  @Test
  void aConsumerReturnsAtOnceWhenItsChunkIsDoneOrTheRunFinished() throws InterruptedException {
    StreamWindow window = new StreamWindow(2, false);
    Chunk first = window.chunk(0, 1, null);
    window.done(first);
    window.awaitChange(new Lifecycle()); // returns: the next chunk is done

    Lifecycle finished = new Lifecycle();
    finished.settle(java.util.List.of());
    finished.markFinished();
    new StreamWindow(2, false).awaitChange(finished); // returns: nothing will come
  }

  /** Polls the thread's state (a wait, not an ordering of two events: it only ever parks once). */
  private static void waitUntilParkedOrEnded(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + TestBounds.HANG.toNanos();
    while (thread.getState() != Thread.State.WAITING
        && thread.getState() != Thread.State.TERMINATED) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("thread neither parked nor ended: " + thread.getState());
      }
      Thread.onSpinWait();
      Thread.sleep(1);
    }
  }
}
