package dev.parallelfor.runtime;

/**
 * The work of a loop for one item and its position in the input, as {@link
 * Parallel#cpu(IndexedItemFunction)} and its siblings take it. It is called from several threads at
 * once, so it must be thread-safe.
 *
 * @param <T> the item type
 * @param <R> the result type
 */
@FunctionalInterface
public interface IndexedItemFunction<T, R> {
  /**
   * Computes the result for one item.
   *
   * @param index the item's 0-based position in the input (for a range, its distance from {@code
   *     from})
   * @param item the item, possibly null
   * @return the result, possibly null
   * @throws Exception whatever the work throws: it fails this item
   */
  R apply(long index, T item) throws Exception;
}
