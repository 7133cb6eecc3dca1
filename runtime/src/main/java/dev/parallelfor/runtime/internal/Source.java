package dev.parallelfor.runtime.internal;

import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;
import java.util.Spliterator;
import java.util.stream.Stream;

/**
 * Where a run's items come from. Lazy inputs (iterators, streams) are only {@linkplain #pull
 * pulled} under the dispenser's input lock, so they are never read by two threads at once and need
 * no synchronisation of their own. Random-access lists are read by position with {@link #get} from
 * several workers at once, as a parallel stream reads them: any list that is not modified during
 * the run allows that. Public only as an opaque handle for {@link Engine}; nothing outside this
 * package can read it.
 */
public abstract class Source {
  /** The number of items, or -1 when unknown; never found by draining the input. */
  abstract long size();

  /** True when items can be read by position, without copying them into the chunk. */
  abstract boolean indexed();

  /** The item at a position; only for {@linkplain #indexed() indexed} sources. */
  Object get(long index) {
    throw new UnsupportedOperationException();
  }

  /**
   * The items {@code [start, start + count)} copied into a new array at once, or null when the
   * source has no cheap bulk read or it failed (the item loop then reads item by item, and finds
   * the exact position that fails).
   */
  final Object[] slice(long start, int count) {
    return slice(start, count, NO_ITEMS);
  }

  private static final Object[] NO_ITEMS = {};

  /**
   * Like {@link #slice(long, int)}, copied into {@code into} when it has room for them (the rest of
   * it then holds anything), else into a new array; null as there.
   */
  Object[] slice(long start, int count, Object[] into) {
    return null;
  }

  /** The item a failure at {@code index} names, given what the item loop passed to the method. */
  Object item(long index, Object passed) {
    return passed;
  }

  /** True when the run's call computes each value from its index, ignoring the item (a range). */
  boolean valuesFromIndex() {
    return false;
  }

  /**
   * Copies up to {@code max} next items into {@code into}. When the input throws, what it threw is
   * kept for {@link #takeFailure()} and the items copied before it are counted.
   *
   * @return how many were copied; fewer than {@code max} (possibly 0) only when exhausted or failed
   */
  int pull(Object[] into, int max) {
    throw new UnsupportedOperationException();
  }

  /**
   * What the input threw during the last {@link #pull}, or null; cleared. Kept in a field rather
   * than thrown as an exception of the engine's: a class for it would load on every first run.
   */
  final Throwable takeFailure() {
    Throwable thrown = failure;
    failure = null;
    return thrown;
  }

  /** Records what the input threw after {@code copied} items, and returns {@code copied}. */
  final int failed(int copied, Throwable thrown) {
    failure = thrown;
    return copied;
  }

  /** Read and written only under the dispenser's input lock, as {@link #pull} is. */
  private Throwable failure;

  /** Closes the input (a {@code Stream}); called once when the run ends. */
  void close() {}

  // Each kind of source is made by a factory of its own class: a method here that returned a new
  // one would have the verifier load every kind (to see that each is a Source) on the first run,
  // whichever it reads.

  static Source of(Iterable<?> items) {
    if (items instanceof List<?> list && items instanceof RandomAccess) {
      return ListSource.over(list);
    }
    long size = items instanceof java.util.Collection<?> c ? c.size() : -1;
    return IteratorSource.over(items, size);
  }

  static Source of(Stream<?> items) {
    Spliterator<?> spliterator;
    try {
      spliterator = items.spliterator();
    } catch (RuntimeException | Error e) {
      return FailedSource.over(e, items);
    }
    return SpliteratorSource.over(spliterator, spliterator.getExactSizeIfKnown(), items);
  }

  /** {@code [from, to)}; items of an {@code int} range are named as {@code Integer}s. */
  static Source range(long from, long to, boolean intValues) {
    return RangeSource.over(from, to - from, intValues);
  }

  /** A random-access list, read by position. */
  private static final class ListSource extends Source {
    private final List<?> list;

    static Source over(List<?> list) {
      return new ListSource(list);
    }

    private ListSource(List<?> list) {
      this.list = list;
    }

    @Override
    long size() {
      return list.size();
    }

    @Override
    boolean indexed() {
      return true;
    }

    @Override
    Object get(long index) {
      return list.get((int) index);
    }

    /**
     * One bulk copy per chunk ({@code System.arraycopy} for an {@code ArrayList}): the item loop
     * then reads a plain array instead of calling {@code get} per item.
     */
    @Override
    Object[] slice(long start, int count, Object[] into) {
      try {
        return list.subList((int) start, (int) start + count).toArray(into);
      } catch (RuntimeException shrunkOrModified) {
        return null;
      }
    }
  }

  /** {@code [from, to)}; the value itself is computed by the range call from the index. */
  private static final class RangeSource extends Source {
    private final long from;
    private final long size;
    private final boolean intValues;

    static Source over(long from, long size, boolean intValues) {
      return new RangeSource(from, size, intValues);
    }

    private RangeSource(long from, long size, boolean intValues) {
      this.from = from;
      this.size = size;
      this.intValues = intValues;
    }

    @Override
    long size() {
      return size;
    }

    @Override
    boolean indexed() {
      return true;
    }

    @Override
    Object get(long index) {
      return null; // not boxed: the range call computes the value
    }

    @Override
    boolean valuesFromIndex() {
      return true;
    }

    @Override
    Object item(long index, Object passed) {
      long value = from + index;
      if (intValues) {
        return Integer.valueOf((int) value); // not in a ?: with a Long, which would widen it
      }
      return Long.valueOf(value);
    }
  }

  /**
   * Any iterable, pulled lazily chunk by chunk. Even {@code iterator()} is called by the first
   * worker that pulls, so an input that blocks or throws there is read with the deadline armed and
   * fails the run like any other input failure.
   */
  private static final class IteratorSource extends Source {
    private final Iterable<?> iterable;
    private final long size;
    private Iterator<?> iterator;

    static Source over(Iterable<?> iterable, long size) {
      return new IteratorSource(iterable, size);
    }

    private IteratorSource(Iterable<?> iterable, long size) {
      this.iterable = iterable;
      this.size = size;
    }

    @Override
    long size() {
      return size;
    }

    @Override
    boolean indexed() {
      return false;
    }

    @Override
    int pull(Object[] into, int max) {
      int n = 0;
      try {
        if (iterator == null) {
          iterator = iterable.iterator();
        }
        while (n < max && iterator.hasNext()) {
          Object item = iterator.next(); // count it only once next() returned
          into[n++] = item;
        }
      } catch (RuntimeException | Error e) {
        return failed(n, e);
      }
      return n;
    }
  }

  /** A stream's spliterator, pulled lazily; the stream is closed when the run ends. */
  private static final class SpliteratorSource extends Source {
    private final Spliterator<?> spliterator;
    private final long size;
    private final Stream<?> stream;
    private Object[] target;
    private int filled;

    static Source over(Spliterator<?> spliterator, long size, Stream<?> stream) {
      return new SpliteratorSource(spliterator, size, stream);
    }

    private SpliteratorSource(Spliterator<?> spliterator, long size, Stream<?> stream) {
      this.spliterator = spliterator;
      this.size = size;
      this.stream = stream;
    }

    @Override
    long size() {
      return size;
    }

    @Override
    boolean indexed() {
      return false;
    }

    @Override
    int pull(Object[] into, int max) {
      target = into;
      filled = 0;
      try {
        while (filled < max && spliterator.tryAdvance(this::accept)) {
          // accept() stored the item
        }
        return filled;
      } catch (RuntimeException | Error e) {
        return failed(filled, e);
      } finally {
        target = null;
      }
    }

    private void accept(Object item) {
      target[filled++] = item;
    }

    @Override
    void close() {
      stream.close();
    }
  }

  /** A stream whose {@code spliterator()} threw: the run fails at position 0 with that. */
  private static final class FailedSource extends Source {
    private final Throwable failure;
    private final Stream<?> stream;

    static Source over(Throwable failure, Stream<?> stream) {
      return new FailedSource(failure, stream);
    }

    private FailedSource(Throwable failure, Stream<?> stream) {
      this.failure = failure;
      this.stream = stream;
    }

    @Override
    long size() {
      return -1;
    }

    @Override
    boolean indexed() {
      return false;
    }

    @Override
    int pull(Object[] into, int max) {
      return failed(0, failure);
    }

    @Override
    void close() {
      stream.close();
    }
  }
}
