package dev.parallelfor.runtime.internal;

/**
 * One call of an annotated method over a numeric range, without boxing the item.
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface RangeTask<R> {
  /**
   * Runs the method for one value of the range.
   *
   * @param index the value's 0-based position in the range
   * @param value the value itself ({@code from + index})
   * @return the method's result (null for a void method)
   * @throws Exception whatever the method throws
   */
  R apply(long index, long value) throws Exception;
}
