package dev.parallelfor.runtime;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The numbers {@code [from, to)} as the items of a run, without a list: pass a range to any
 * execution method that takes items.
 *
 * <pre>{@code
 * List<Long> squares = Parallel.cpu((Long n) -> n * n).run(Range.of(0L, 1_000_000L));
 * }</pre>
 *
 * <p>{@link #of(int, int)} gives {@code Integer} items and {@link #of(long, long)} {@code Long}
 * items, so a range of the wrong type for a loop does not compile. A run reads a range by position
 * without making its items; a loop made with {@link LoopSettings#rangeLoop(RangeFunction)} gets
 * each value unboxed. Iterating a range yourself boxes each value, as a {@code for} loop over a
 * {@code List} would. Immutable.
 *
 * @param <T> {@code Integer} or {@code Long}
 */
public final class Range<T extends Number> implements Iterable<T> {
  private final long from;
  private final long to;
  private final boolean ints;

  private Range(long from, long to, boolean ints) {
    if (from > to) {
      throw new IllegalArgumentException("from must be <= to, was from=" + from + ", to=" + to);
    }
    if (to - from < 0) { // overflowed: more than Long.MAX_VALUE values
      throw new IllegalArgumentException(
          "the range [from, to) holds more than Long.MAX_VALUE values, was from="
              + from
              + ", to="
              + to);
    }
    this.from = from;
    this.to = to;
    this.ints = ints;
  }

  /**
   * The {@code int}s {@code [from, to)}.
   *
   * @param from the first value
   * @param to the end, exclusive
   * @return the range, of {@code Integer} items
   * @throws IllegalArgumentException if {@code from > to}
   */
  public static Range<Integer> of(int from, int to) {
    return new Range<>(from, to, true);
  }

  /**
   * The {@code long}s {@code [from, to)}.
   *
   * @param from the first value
   * @param to the end, exclusive
   * @return the range, of {@code Long} items
   * @throws IllegalArgumentException if {@code from > to}, or the range holds more than {@code
   *     Long.MAX_VALUE} values
   */
  public static Range<Long> of(long from, long to) {
    return new Range<>(from, to, false);
  }

  /**
   * The first value.
   *
   * @return {@code from}
   */
  public long from() {
    return from;
  }

  /**
   * The end of the range, exclusive.
   *
   * @return {@code to}
   */
  public long to() {
    return to;
  }

  /**
   * The number of values.
   *
   * @return {@code to - from}
   */
  public long size() {
    return to - from;
  }

  /** True for a range of {@code Integer} items, false for {@code Long} items. */
  boolean ints() {
    return ints;
  }

  @Override
  public Iterator<T> iterator() {
    return new Iterator<>() {
      private long next = from;

      @Override
      public boolean hasNext() {
        return next < to;
      }

      @Override
      @SuppressWarnings("unchecked") // T is Integer exactly when ints
      public T next() {
        if (next >= to) {
          throw new NoSuchElementException();
        }
        long value = next++;
        return (T) (ints ? (Number) Integer.valueOf((int) value) : (Number) Long.valueOf(value));
      }
    };
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Range<?> range
        && range.from == from
        && range.to == to
        && range.ints == ints;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(from) * 31 + Long.hashCode(to) + (ints ? 1 : 0);
  }

  @Override
  public String toString() {
    return "Range[" + from + ", " + to + ")";
  }
}
