package dev.parallelfor.runtime;

import java.util.List;

/**
 * The outcome of every item of a {@code runAll}: a value or a failure per index, in input order.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @param <R> the method's result type
 */
public interface Results<R> {
  /**
   * The number of items.
   *
   * @return how many items the run had
   */
  long size();

  /**
   * Whether an item succeeded.
   *
   * @param index the item's position
   * @return true if its method returned normally
   * @throws IndexOutOfBoundsException if the index is not below {@link #size()}
   */
  boolean isSuccess(long index);

  /**
   * The value of an item.
   *
   * @param index the item's position
   * @return what its method returned
   * @throws ParallelForException the item's failure, if it failed
   * @throws IndexOutOfBoundsException if the index is not below {@link #size()}
   */
  R value(long index);

  /**
   * All values in input order.
   *
   * @return an unmodifiable list of the values (nulls allowed)
   * @throws ParallelForException naming the first failure by index, with the failures suppressed,
   *     if any item failed
   */
  List<R> values();

  /**
   * The failures in index order.
   *
   * @return an unmodifiable list, empty if every item succeeded
   */
  List<ParallelForException> failures();

  /**
   * The number of items whose method returned normally.
   *
   * @return {@code size() - failed()}
   */
  long succeeded();

  /**
   * The number of failed items.
   *
   * @return how many items threw
   */
  long failed();
}
