package dev.parallelfor.runtime.internal;

/** The engine's view of one call: an erased {@link ItemTask} or an adapted {@link RangeTask}. */
@FunctionalInterface
interface ItemCall {
  Object call(long index, Object item) throws Exception;

  @SuppressWarnings("unchecked")
  static ItemCall of(ItemTask<?, ?> task) {
    ItemTask<Object, Object> erased = (ItemTask<Object, Object>) task;
    return erased::apply;
  }

  static ItemCall ofRange(long from, RangeTask<?> task) {
    return (index, ignored) -> task.apply(index, from + index);
  }
}
