package dev.parallelfor.runtime.internal;

/**
 * One call of an annotated method: the generated driver binds the target and shared arguments, the
 * engine supplies the item and its position. Called from several threads at once.
 *
 * @param <T> the item type
 * @param <R> the result type
 */
@FunctionalInterface
public interface ItemTask<T, R> {
  /**
   * Runs the method for one item.
   *
   * @param index the item's 0-based position in the input
   * @param item the item, possibly null
   * @return the method's result (null for a void method)
   * @throws Exception whatever the method throws
   */
  R apply(long index, T item) throws Exception;
}
