package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.Completed;
import java.util.Spliterator;
import java.util.function.Consumer;

/**
 * Hands a streaming run's results to the consumer one finished chunk at a time, in input order or,
 * for a completion-order run, as {@link Completed} records in the order the chunks were done.
 * Workers stay at most a bounded window of chunks ahead of the consumer, so memory depends on the
 * parallelism and chunk size, not on the input.
 */
final class ResultSpliterator implements Spliterator<Object> {
  private final Run run;
  private final boolean completionOrder;
  private Chunk current;
  private int position;
  private boolean ended;

  ResultSpliterator(Run run) {
    this.run = run;
    this.completionOrder = run.window().completionOrder();
  }

  @Override
  public boolean tryAdvance(Consumer<? super Object> action) {
    while (current == null || position >= current.count) {
      if (ended) {
        return false;
      }
      current = nextChunk(current);
      position = 0;
      if (current == null) {
        ended = true;
        return false;
      }
    }
    int at = position++;
    Object value = current.out[at];
    action.accept(completionOrder ? new Completed<>(current.start + at, value) : value);
    return true;
  }

  /** The next finished chunk in input order for the streaming form; null at the end. */
  private Chunk nextChunk(Chunk consumed) {
    if (consumed != null) {
      run.window().consumed(consumed);
      run.addWorkerIfUseful(); // before waiting: the chunk waited for may need this very worker
    }
    boolean interrupted = false;
    try {
      while (!run.lifecycle().stopped()) {
        // Whether the run finished is read before the window: read after, it could turn true
        // between the two reads, when the last chunk is done, and that chunk would be lost.
        boolean finished = run.lifecycle().finished();
        Chunk next = run.window().next();
        if (next != null) {
          return next;
        }
        if (finished) {
          break;
        }
        if (Worker.insideWorker() && run.help()) {
          continue;
        }
        try {
          run.window().awaitChange(run.lifecycle());
        } catch (InterruptedException e) {
          interrupted = true;
          run.waitInterrupted();
        }
      }
      run.awaitFinished();
      run.throwIfFailed();
      return null;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public Spliterator<Object> trySplit() {
    return null; // results come from one consumer
  }

  @Override
  public long estimateSize() {
    long total = run.total();
    return total < 0 ? Long.MAX_VALUE : total;
  }

  @Override
  public int characteristics() {
    return completionOrder ? 0 : ORDERED;
  }
}
