package dev.parallelfor.runtime;

/**
 * The work of a loop for one item, as {@link Parallel#cpu(ItemFunction)} and its siblings take it.
 * It is called from several threads at once, so it must be thread-safe.
 *
 * @param <T> the item type
 * @param <R> the result type
 */
@FunctionalInterface
public interface ItemFunction<T, R> {
  /**
   * Computes the result for one item.
   *
   * @param item the item, possibly null (null elements are passed on, as a {@code for} loop would)
   * @return the result, possibly null
   * @throws Exception whatever the work throws: it fails this item
   */
  R apply(T item) throws Exception;
}
