package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.IndexedItemFunction;
import dev.parallelfor.runtime.PerWorkerFunction;
import dev.parallelfor.runtime.WorkerScope;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The function of a loop whose workers keep their own state: not called itself, but asked by each
 * worker of a run, on its first item, for the function that worker calls ({@link ItemLoop}). The
 * engine's adapters (ranges) wrap what it makes through {@link #map}.
 */
public final class PerWorkerCall implements IndexedItemFunction<Object, Object> {
  private final PerWorkerFunction<Object, Object> factory;
  private final UnaryOperator<IndexedItemFunction<Object, Object>> adapter;

  private PerWorkerCall(
      PerWorkerFunction<Object, Object> factory,
      UnaryOperator<IndexedItemFunction<Object, Object>> adapter) {
    this.factory = factory;
    this.adapter = adapter;
  }

  /** The engine's form of a per-worker function. */
  @SuppressWarnings("unchecked")
  public static PerWorkerCall of(PerWorkerFunction<?, ?> factory) {
    Objects.requireNonNull(factory, "function");
    return new PerWorkerCall((PerWorkerFunction<Object, Object>) factory, f -> f);
  }

  /** The same factory, with {@code outer} around every function it makes. */
  PerWorkerCall map(UnaryOperator<IndexedItemFunction<Object, Object>> outer) {
    return new PerWorkerCall(factory, f -> outer.apply(adapter.apply(f)));
  }

  /**
   * Makes one worker's function. Takes the worker's state as the class it is, not as the {@link
   * WorkerScope} the user's factory sees, so that verifying the item loop, which calls this, does
   * not load {@code WorkerScope} in runs without worker state.
   */
  IndexedItemFunction<Object, Object> forWorker(WorkerLocals worker) throws Exception {
    IndexedItemFunction<Object, Object> made =
        Objects.requireNonNull(factory.forWorker(worker), "forWorker returned null");
    return adapter.apply(made);
  }

  @Override
  public Object apply(long index, Object item) {
    throw new IllegalStateException("a per-worker function is called through its workers' own");
  }

  @Override
  public String toString() {
    return "per worker " + factory;
  }

  /** The class of the user's factory, for the flight recorder's events. */
  String factoryClassName() {
    return factory.getClass().getName();
  }
}
