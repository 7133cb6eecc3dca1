package dev.parallelfor.it;

import dev.parallelfor.Index;
import dev.parallelfor.Mode;
import dev.parallelfor.ParallelFor;
import dev.parallelfor.WorkerLocal;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code @WorkerLocal} parameters: one scratch object per worker, never shared. */
public class Digests {
  /** A helper that is not thread-safe, notices being shared and counts its closes. */
  public static final class Scratch implements AutoCloseable {
    private final Thread owner = Thread.currentThread();
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicInteger uses = new AtomicInteger();
    private final AtomicInteger closes = new AtomicInteger();

    /** Every scratch made, in the order made. */
    public static final Queue<Scratch> MADE = new ConcurrentLinkedQueue<>();

    /** Makes and remembers one. */
    public Scratch() {
      MADE.add(this);
    }

    String use(String item) {
      if (Thread.currentThread() != owner || !busy.compareAndSet(false, true)) {
        throw new IllegalStateException("scratch shared between threads");
      }
      try {
        uses.incrementAndGet();
        return item.toUpperCase();
      } finally {
        busy.set(false);
      }
    }

    /**
     * Items it ran.
     *
     * @return the count
     */
    public int uses() {
      return uses.get();
    }

    /**
     * Times it was closed.
     *
     * @return the count
     */
    public int closes() {
      return closes.get();
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  @ParallelFor(mode = Mode.CPU, parallelism = 4)
  String shout(String item, @WorkerLocal Scratch scratch, String suffix) {
    return scratch.use(item) + suffix;
  }

  @ParallelFor(mode = Mode.IO)
  static String tagged(
      @Index long position, String item, @WorkerLocal StringBuilder buffer, List<String> seen) {
    buffer.setLength(0);
    return buffer.append(position).append(':').append(item).toString();
  }

  @ParallelFor
  static long twice(long value, @WorkerLocal Scratch scratch) {
    scratch.use("x");
    return value * 2;
  }
}
