package dev.parallelfor.runtime;

/**
 * The work of a loop over a range of numbers for one value, unboxed: made into a loop by {@link
 * LoopSettings#rangeLoop(RangeFunction)} and run over a {@link Range}. Generated drivers of methods
 * whose item is an {@code int} or {@code long} use it so that {@code runRange} allocates nothing
 * per value. It is called from several threads at once, so it must be thread-safe.
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface RangeFunction<R> {
  /**
   * Computes the result for one value of the range.
   *
   * @param index the value's 0-based position in the input
   * @param value the value: for a range, {@code from + index}; for items, the item (which must not
   *     be null)
   * @return the result, possibly null
   * @throws Exception whatever the work throws: it fails this value
   */
  R apply(long index, long value) throws Exception;
}
