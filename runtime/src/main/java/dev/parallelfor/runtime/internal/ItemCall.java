package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.IndexedItemFunction;
import dev.parallelfor.runtime.RangeFunction;
import java.io.Serializable;

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
    return new OfRange(from, function);
  }

  /** A range's values boxed for a function of items: {@code Integer}s or {@code Long}s. */
  static IndexedItemFunction<Object, Object> ofBoxedRange(
      long from, boolean intValues, IndexedItemFunction<?, ?> function) {
    if (function instanceof PerWorkerCall perWorker) {
      return perWorker.map(f -> new OfBoxedRange(from, intValues, f));
    }
    return new OfBoxedRange(from, intValues, of(function));
  }

  /*
   * Classes rather than lambdas: serializable when the function is, so a run on a cluster can ship
   * them with its chunks.
   */

  private static final class OfRange implements IndexedItemFunction<Object, Object>, Serializable {
    private static final long serialVersionUID = 1L;
    private final long from;

    @SuppressWarnings("serial") // serializable exactly when a cluster needs it
    private final RangeFunction<?> function;

    OfRange(long from, RangeFunction<?> function) {
      this.from = from;
      this.function = function;
    }

    @Override
    public Object apply(long index, Object ignored) throws Exception {
      return function.apply(index, from + index);
    }
  }

  private static final class OfBoxedRange
      implements IndexedItemFunction<Object, Object>, Serializable {
    private static final long serialVersionUID = 1L;
    private final long from;
    private final boolean intValues;

    @SuppressWarnings("serial") // serializable exactly when a cluster needs it
    private final IndexedItemFunction<Object, Object> function;

    OfBoxedRange(long from, boolean intValues, IndexedItemFunction<Object, Object> function) {
      this.from = from;
      this.intValues = intValues;
      this.function = function;
    }

    @Override
    public Object apply(long index, Object ignored) throws Exception {
      if (intValues) {
        return function.apply(index, Integer.valueOf((int) (from + index)));
      }
      return function.apply(index, Long.valueOf(from + index));
    }
  }
}
