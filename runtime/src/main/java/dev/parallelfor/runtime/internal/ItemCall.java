package dev.parallelfor.runtime.internal;

/**
 * The engine calls every item through one erased {@link ItemTask}: a driver's task as it is (so an
 * item costs one interface call), or a {@link RangeTask} adapted to compute its value.
 */
final class ItemCall {
  private ItemCall() {}

  @SuppressWarnings("unchecked")
  static ItemTask<Object, Object> of(ItemTask<?, ?> task) {
    return (ItemTask<Object, Object>) task;
  }

  static ItemTask<Object, Object> ofRange(long from, RangeTask<?> task) {
    return (index, ignored) -> task.apply(index, from + index);
  }
}
