package dev.parallelfor.runtime.internal;

import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.stream.Stream;

/**
 * Where a run's items come from. {@link #claim} is called only under the run's lock, so sources
 * need no synchronisation of their own and an input is never read by two threads at once.
 */
abstract class Source {
  /** The number of items, or -1 when unknown; never found by draining the input. */
  abstract long size();

  /** True when items can be read by position, without copying them into the chunk. */
  abstract boolean indexed();

  /** The item at a position; only for {@linkplain #indexed() indexed} sources. */
  Object get(long index) {
    throw new UnsupportedOperationException();
  }

  /**
   * Copies up to {@code max} next items into {@code into}.
   *
   * @return how many were copied; fewer than {@code max} (possibly 0) only when exhausted
   * @throws InputFailure when the input throws, with how many items were copied before
   */
  int pull(Object[] into, int max) throws InputFailure {
    throw new UnsupportedOperationException();
  }

  /** True when the input is known to hold no item; may ask an iterator's {@code hasNext()}. */
  boolean knownEmpty() {
    return size() == 0;
  }

  /** The input threw while being read. */
  static final class InputFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final int copied;

    InputFailure(int copied, Throwable cause) {
      super(cause);
      this.copied = copied;
    }
  }

  /** Closes the input (a {@code Stream}); called once when the run ends. */
  void close() {}

  static Source of(Iterable<?> items) {
    if (items instanceof List<?> list && items instanceof java.util.RandomAccess) {
      return new ListSource(list);
    }
    long size = items instanceof java.util.Collection<?> c ? c.size() : -1;
    return new IteratorSource(items.iterator(), size);
  }

  static Source of(Stream<?> items) {
    Spliterator<?> spliterator = items.spliterator();
    return new SpliteratorSource(spliterator, spliterator.getExactSizeIfKnown(), items);
  }

  static Source range(long from, long to) {
    return new RangeSource(to - from);
  }

  /** A random-access list, read by position. */
  private static final class ListSource extends Source {
    private final List<?> list;

    ListSource(List<?> list) {
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
  }

  /** {@code [from, to)}; the item itself is computed by the range call from the index. */
  private static final class RangeSource extends Source {
    private final long size;

    RangeSource(long size) {
      this.size = size;
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
      return null;
    }
  }

  /** Any iterable, pulled lazily chunk by chunk. */
  private static final class IteratorSource extends Source {
    private final Iterator<?> iterator;
    private final long size;

    IteratorSource(Iterator<?> iterator, long size) {
      this.iterator = iterator;
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
    int pull(Object[] into, int max) throws InputFailure {
      int n = 0;
      try {
        while (n < max && iterator.hasNext()) {
          Object item = iterator.next(); // count it only once next() returned
          into[n++] = item;
        }
      } catch (RuntimeException | Error e) {
        throw new InputFailure(n, e);
      }
      return n;
    }

    @Override
    boolean knownEmpty() {
      return size == 0 || (size < 0 && !iterator.hasNext());
    }
  }

  /** A stream's spliterator, pulled lazily; the stream is closed when the run ends. */
  private static final class SpliteratorSource extends Source {
    private final Spliterator<?> spliterator;
    private final long size;
    private final Stream<?> stream;
    private Object[] target;
    private int filled;

    SpliteratorSource(Spliterator<?> spliterator, long size, Stream<?> stream) {
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
    int pull(Object[] into, int max) throws InputFailure {
      target = into;
      filled = 0;
      try {
        while (filled < max && spliterator.tryAdvance(this::accept)) {
          // accept() stored the item
        }
        return filled;
      } catch (RuntimeException | Error e) {
        throw new InputFailure(filled, e);
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
}
