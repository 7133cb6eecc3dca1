package dev.parallelfor.runtime.internal;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The look-ahead of a streaming run: the chunks handed out and not yet consumed, in input order,
 * and which of them the consumer takes next: the first one (input order) or the one that was done
 * first (completion order). How many chunks and items it holds, and how large its chunks are, is
 * {@link ChunkSizing}'s to say: bounded by the parallelism, not by the input.
 *
 * <p>Everything is guarded by {@link #lock}, taken after the input lock when a chunk is added. The
 * consumer waits on {@link #changed}, signalled when a chunk is done and when the run stops or
 * finishes (those flags are set before {@link #wake()} takes the lock, so no wake-up is lost).
 */
final class StreamWindow implements Outcomes {
  private final long maxChunks;
  private final long maxItems;
  private final boolean completionOrder;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  // Guarded by lock.
  /** Input order only: the chunks handed out and not yet consumed, in input order. */
  private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();

  /** Completion order only: the done chunks not yet consumed, in the order they were done. */
  private final ArrayDeque<Chunk> doneChunks = new ArrayDeque<>();

  /** The chunks handed out and not yet consumed, and their items. */
  private long held;

  private long items;

  StreamWindow(int parallelism, boolean completionOrder) {
    this.maxChunks = ChunkSizing.lookAheadChunks(parallelism, completionOrder);
    this.maxItems = ChunkSizing.lookAheadItems(parallelism);
    this.completionOrder = completionOrder;
  }

  boolean completionOrder() {
    return completionOrder;
  }

  @Override
  public boolean full() {
    lock.lock();
    try {
      return held >= maxChunks || items >= maxItems;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Chunk chunk(long start, int count, Object[] copied) {
    Chunk chunk = new Chunk(start, count, copied, copied != null ? copied : new Object[count], 0);
    lock.lock();
    try {
      if (!completionOrder) {
        chunks.addLast(chunk);
      }
      held++;
      items += count;
    } finally {
      lock.unlock();
    }
    return chunk;
  }

  @Override
  public Object[] collect() {
    throw new UnsupportedOperationException("a streaming run hands results out as it goes");
  }

  /** A worker has attempted every item of the chunk. */
  void done(Chunk chunk) {
    lock.lock();
    try {
      chunk.done = true;
      if (completionOrder) {
        doneChunks.addLast(chunk);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The consumer has taken every result of {@code chunk}, the one {@link #next()} gave. */
  void consumed(Chunk chunk) {
    lock.lock();
    try {
      boolean removed =
          completionOrder ? doneChunks.pollFirst() != null : chunks.pollFirst() != null;
      if (removed) {
        held--;
        items -= chunk.count;
      }
    } finally {
      lock.unlock();
    }
  }

  /** The chunk the consumer takes next if it is done, else null. Under the lock. */
  private Chunk nextDone() {
    if (completionOrder) {
      return doneChunks.peekFirst();
    }
    Chunk head = chunks.peekFirst();
    return head != null && head.done ? head : null;
  }

  /** The chunk the consumer takes next if it is done, else null. */
  Chunk next() {
    lock.lock();
    try {
      return nextDone();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until the chunk the consumer takes next is done, or the run stopped or finished.
   *
   * @throws InterruptedException if the consumer is interrupted
   */
  void awaitChange(Lifecycle lifecycle) throws InterruptedException {
    lock.lock();
    try {
      while (!lifecycle.stopped() && !lifecycle.finished()) {
        if (nextDone() != null) {
          return;
        }
        changed.await();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Wakes the consumer: the run stopped or finished. */
  void wake() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
