package dev.parallelfor.runtime.spi;

import dev.parallelfor.runtime.IndexedItemFunction;
import java.util.Arrays;
import java.util.Objects;

/**
 * A chunk of consecutive items of one run, as a {@link Cluster} ships it to a member: the position
 * of its first item, the items (or none, for a range, whose values the function computes from the
 * position), the loop's function, and whether the run is fail-fast. A backend serialises these
 * parts, rebuilds the chunk on the member with {@link #ClusterChunk(long, int, Object[],
 * IndexedItemFunction, boolean)} and calls {@link #run()} there.
 *
 * <p>Cancelling. A backend cancels a chunk that runs on a member with {@link #cancel()}, never with
 * a bare interrupt: the chunk is marked cancelled before its thread is interrupted, so what an item
 * throws after that is known to answer the cancellation, whatever its class. An item that throws an
 * {@code InterruptedException} or a {@code SocketTimeoutException} of its own, uncancelled, has
 * failed, exactly as it would have on one machine.
 */
public final class ClusterChunk {
  private final long firstIndex;
  private final int count;
  private final Object[] items;
  private final IndexedItemFunction<Object, Object> function;
  private final boolean failFast;

  /** Set by {@link #cancel()} before it interrupts {@link #runner}; read before and after items. */
  private volatile boolean cancelled;

  /** The thread inside {@link #run()}, or null; guarded by {@link #lock}. */
  private Thread runner;

  /** Makes setting and clearing {@link #runner} and interrupting it one step each. */
  private final Object lock = new Object();

  /**
   * Makes a chunk.
   *
   * @param firstIndex the position of its first item in the run's input
   * @param count how many items it holds
   * @param items the items, or null when the function computes each value from its position
   * @param function the loop's function, serializable
   * @param failFast whether the chunk stops at its first failed item
   * @throws NullPointerException if {@code function} is null
   * @throws IllegalArgumentException if {@code count} is negative or {@code items} is not null and
   *     shorter than {@code count}
   */
  public ClusterChunk(
      long firstIndex,
      int count,
      Object[] items,
      IndexedItemFunction<Object, Object> function,
      boolean failFast) {
    this.function = Objects.requireNonNull(function, "function");
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    if (items != null && items.length < count) {
      throw new IllegalArgumentException(
          "items holds " + items.length + " items, fewer than count=" + count);
    }
    this.firstIndex = firstIndex;
    this.count = count;
    this.items = items;
    this.failFast = failFast;
  }

  /**
   * @return the position of the chunk's first item in the run's input
   */
  public long firstIndex() {
    return firstIndex;
  }

  /**
   * @return how many items the chunk holds
   */
  public int count() {
    return count;
  }

  /**
   * @return the items (the array itself, not a copy), or null when the function computes each value
   *     from its position
   */
  public Object[] items() {
    return items;
  }

  /**
   * @return the loop's function
   */
  public IndexedItemFunction<Object, Object> function() {
    return function;
  }

  /**
   * @return whether the chunk stops at its first failed item
   */
  public boolean failFast() {
    return failFast;
  }

  /**
   * Runs the chunk's items one after the other on the calling thread (on a member): what a backend
   * does with a chunk it received. Stops early when the chunk is {@linkplain #cancel() cancelled}:
   * an item that throws after the cancellation (in answer to it, or for any other reason), or one
   * not started yet, is not in the result. Stops after the first failed item when {@link
   * #failFast()}. An interrupt that does not come from {@link #cancel()} is the items' own
   * business: it neither stops the chunk nor turns a failure into a cancellation.
   *
   * @return the outcome of every item attempted, in order
   */
  public Result run() {
    long begin = System.nanoTime();
    synchronized (lock) {
      runner = Thread.currentThread();
    }
    Object[] values = new Object[count];
    int[] failedAt = new int[0];
    Throwable[] failures = new Throwable[0];
    int failed = 0;
    int i = 0;
    try {
      // The runner is set before the first check: a cancel either sees it and interrupts it, or
      // came first and is seen here.
      for (; i < count; i++) {
        if (cancelled) {
          break;
        }
        Object item = items == null ? null : items[i];
        try {
          values[i] = function.apply(firstIndex + i, item);
        } catch (VirtualMachineError fatal) {
          throw fatal;
        } catch (Throwable thrown) {
          if (cancelled) {
            break; // thrown after the cancellation interrupted it: this item has no outcome
          }
          if (failed == failedAt.length) {
            int grown = Math.max(4, 2 * failed);
            failedAt = Arrays.copyOf(failedAt, grown);
            failures = Arrays.copyOf(failures, grown);
          }
          failedAt[failed] = i;
          failures[failed] = thrown;
          failed++;
          if (failFast) {
            i++;
            break;
          }
        }
      }
    } finally {
      synchronized (lock) {
        runner = null; // no interrupt of the cancellation can reach this thread any more
      }
      if (cancelled) {
        Thread.interrupted(); // the cancellation's own interrupt, which must not outlive the chunk
      }
    }
    return new Result(
        i,
        values,
        Arrays.copyOf(failedAt, failed),
        Arrays.copyOf(failures, failed),
        System.nanoTime() - begin);
  }

  /**
   * Cancels the chunk where it runs: marks it cancelled, then interrupts the thread inside {@link
   * #run()}, if any, so that its current item stops; a chunk cancelled before it runs starts no
   * item. Any thread may call it, at any time, any number of times; it never blocks, and never
   * interrupts a thread that has left {@link #run()}.
   */
  public void cancel() {
    cancelled = true;
    synchronized (lock) {
      if (runner != null) {
        runner.interrupt();
      }
    }
  }

  /**
   * What running a chunk gave: the first {@link #attempted()} items in order, each a value or a
   * failure, and the time the member spent on them (from which the run sizes its next chunks).
   */
  public static final class Result {
    private final int attempted;
    private final Object[] values;
    private final int[] failedAt;
    private final Throwable[] failures;
    private final long nanos;

    /**
     * Makes a result, as a backend rebuilds it from what the member sent.
     *
     * @param attempted how many of the chunk's items, from its first, have an outcome
     * @param values the values by offset in the chunk; at least {@code attempted} long (failed
     *     offsets hold anything)
     * @param failedAt the offsets of failed items, in increasing order, each below {@code
     *     attempted}
     * @param failures what each failed item threw, in the order of {@code failedAt}
     * @param nanos the time spent running the items on the member
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if the arrays do not fit {@code attempted}
     */
    public Result(
        int attempted, Object[] values, int[] failedAt, Throwable[] failures, long nanos) {
      Objects.requireNonNull(values, "values");
      Objects.requireNonNull(failedAt, "failedAt");
      Objects.requireNonNull(failures, "failures");
      if (attempted < 0 || values.length < attempted || failedAt.length != failures.length) {
        throw new IllegalArgumentException(
            "inconsistent result: attempted="
                + attempted
                + ", values="
                + values.length
                + ", failedAt="
                + failedAt.length
                + ", failures="
                + failures.length);
      }
      for (int offset : failedAt) {
        if (offset < 0 || offset >= attempted) {
          throw new IllegalArgumentException(
              "failed offset " + offset + " outside [0, " + attempted + ")");
        }
      }
      this.attempted = attempted;
      this.values = values;
      this.failedAt = failedAt;
      this.failures = failures;
      this.nanos = nanos;
    }

    /**
     * @return how many items, from the chunk's first, have an outcome; fewer than the chunk holds
     *     when it was cancelled or stopped at a failure
     */
    public int attempted() {
      return attempted;
    }

    /**
     * @return the values by offset in the chunk (the array itself); entries at failed offsets mean
     *     nothing
     */
    public Object[] values() {
      return values;
    }

    /**
     * @return the offsets of the failed items, in increasing order (the array itself)
     */
    public int[] failedAt() {
      return failedAt;
    }

    /**
     * @return what each failed item threw, in the order of {@link #failedAt()} (the array itself)
     */
    public Throwable[] failures() {
      return failures;
    }

    /**
     * @return the nanoseconds the member spent running the items
     */
    public long nanos() {
      return nanos;
    }
  }
}
