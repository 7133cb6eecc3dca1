package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.IndexedItemFunction;
import dev.parallelfor.runtime.RangeFunction;

/**
 * The engine calls every item through one erased {@link IndexedItemFunction}: a loop's function as
 * it is (so an item costs one interface call), or a {@link RangeFunction} adapted to compute its
 * value from the index.
 */
final class ItemCall {
  private ItemCall() {}

  @SuppressWarnings("unchecked")
  static IndexedItemFunction<Object, Object> of(IndexedItemFunction<?, ?> function) {
    return (IndexedItemFunction<Object, Object>) function;
  }

  static IndexedItemFunction<Object, Object> ofRange(long from, RangeFunction<?> function) {
    return (index, ignored) -> function.apply(index, from + index);
  }

  /** A range's values boxed for a function of items: {@code Integer}s or {@code Long}s. */
  static IndexedItemFunction<Object, Object> ofBoxedRange(
      long from, boolean intValues, IndexedItemFunction<?, ?> function) {
    IndexedItemFunction<Object, Object> call = of(function);
    if (intValues) {
      return (index, ignored) -> call.apply(index, Integer.valueOf((int) (from + index)));
    }
    return (index, ignored) -> call.apply(index, Long.valueOf(from + index));
  }
}
