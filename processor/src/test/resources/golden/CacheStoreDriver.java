package com.example.cache;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.Completed;
import dev.parallelfor.runtime.ContextPropagator;
import dev.parallelfor.runtime.LoopSettings;
import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.ProgressListener;
import dev.parallelfor.runtime.Results;
import dev.parallelfor.runtime.RetryPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.annotation.processing.Generated;

/**
 * Runs {@link Cache#store(long, Comparable, Map)} for many items
 * in parallel, in {@link Mode#IO} mode with the mode's default parallelism.
 *
 * <p>{@code store} is called from several threads at once, so it must be thread-safe.
 * Each configuration method returns a new driver; a driver is immutable and can be
 * shared between threads.
 *
 * <pre>{@code
 * new CacheStoreDriver<>(cache)
 *     .run(items, values);
 * }</pre>
 *
 * @param <K> the type variable {@code K} of {@code Cache}
 * @param <V> the type variable {@code V} of {@code store}
 */
@Generated("dev.parallelfor.processor.ParallelForProcessor")
public final class CacheStoreDriver<K extends Comparable<K>, V> {
  /**
   * The object whose {@code store} is called.
   */
  private final Cache<K> target;

  /**
   * Mode, parallelism, executor, listener, deadline and per-item options of every run.
   */
  private final LoopSettings settings;

  /**
   * Creates a driver that calls {@code store} on {@code target}.
   *
   * @param target the object whose {@code store} is called for every item
   * @throws NullPointerException if {@code target} is null
   */
  public CacheStoreDriver(Cache<K> target) {
    this(Objects.requireNonNull(target, "target"), LoopSettings.of(Mode.IO)
        .name("CacheStoreDriver", "Cache.store(long, Comparable, Map)"));
  }

  /**
   * A driver with the given settings.
   *
   * @param target the object whose method is called
   * @param settings the settings of every run
   */
  private CacheStoreDriver(Cache<K> target, LoopSettings settings) {
    this.target = target;
    this.settings = settings;
  }

  /**
   * Returns a driver like this one that runs at most {@code parallelism} items at once,
   * overriding the annotation.
   *
   * @param parallelism at most this many items in flight
   * @return the new driver
   * @throws IllegalArgumentException if {@code parallelism < 1}; leave it unset for the default
   */
  public CacheStoreDriver<K, V> parallelism(int parallelism) {
    return new CacheStoreDriver<>(target, settings.parallelism(parallelism));
  }

  /**
   * Returns a driver like this one that runs the items on {@code executor}, which the
   * driver never shuts down.
   *
   * @param executor where the items run
   * @return the new driver
   * @throws NullPointerException if {@code executor} is null
   * @throws IllegalArgumentException if {@code executor} silently discards tasks it cannot take
   */
  public CacheStoreDriver<K, V> executor(Executor executor) {
    return new CacheStoreDriver<>(target, settings.executor(executor));
  }

  /**
   * Returns a driver like this one that reports the progress of every run to
   * {@code listener}.
   *
   * @param listener receives each run's progress, never concurrently
   * @return the new driver
   * @throws NullPointerException if {@code listener} is null
   */
  public CacheStoreDriver<K, V> onProgress(ProgressListener listener) {
    return new CacheStoreDriver<>(target, settings.onProgress(listener));
  }

  /**
   * Returns a driver like this one whose runs stop with a {@link TimeoutException} cause once
   * {@code timeout} has passed.
   *
   * @param timeout the time each run may take, counted from its start
   * @return the new driver
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   */
  public CacheStoreDriver<K, V> timeout(Duration timeout) {
    return new CacheStoreDriver<>(target, settings.timeout(timeout));
  }

  /**
   * Returns a driver like this one that interrupts an attempt of an item running longer
   * than {@code itemTimeout} and fails it with a {@link TimeoutException} cause. An item that
   * ignores the interrupt keeps its worker until it returns.
   *
   * @param itemTimeout the time one attempt of an item may take
   * @return the new driver
   * @throws NullPointerException if {@code itemTimeout} is null
   * @throws IllegalArgumentException if {@code itemTimeout} is zero or negative
   */
  public CacheStoreDriver<K, V> itemTimeout(Duration itemTimeout) {
    return new CacheStoreDriver<>(target, settings.itemTimeout(itemTimeout));
  }

  /**
   * Returns a driver like this one that tries failed items again as {@code policy} says,
   * instead of following the method's {@code @Retry}, if it has one.
   *
   * @param policy which failures are worth another attempt, how many, which waits
   * @return the new driver
   * @throws NullPointerException if {@code policy} is null
   */
  public CacheStoreDriver<K, V> retry(RetryPolicy policy) {
    return new CacheStoreDriver<>(target, settings.retry(policy));
  }

  /**
   * Returns a driver like this one that runs every worker task inside the context of the
   * thread that starts each run (its logging MDC, tracing context, ...): {@code propagator}
   * captures it once per run on that thread, and its wrapper is applied to each worker task.
   *
   * @param propagator captures the caller's context and wraps each worker task in it
   * @return the new driver
   * @throws NullPointerException if {@code propagator} is null
   */
  public CacheStoreDriver<K, V> propagateContext(ContextPropagator propagator) {
    return new CacheStoreDriver<>(target, settings.propagateContext(propagator));
  }

  /**
   * Returns a driver like this one that starts at most {@code perSecond} items a second
   * in each run, retries included, evenly spaced.
   *
   * @param perSecond the most item starts per second
   * @return the new driver
   * @throws IllegalArgumentException if {@code perSecond < 1}
   */
  public CacheStoreDriver<K, V> rateLimit(int perSecond) {
    return new CacheStoreDriver<>(target, settings.rateLimit(perSecond));
  }

  /**
   * Calls {@code store} for every item, several at once, and returns when all are done.
   *
   * <p>Fail-fast: the first failure stops the run (items not started yet never start,
   * running ones are interrupted) and is thrown, once every started item has stopped,
   * as a {@link ParallelForException} whose cause is what {@code store} threw. An item
   * that ignores interrupts delays that moment.
   *
   * @param items the items, one call of {@code store} each
   * @param values passed as {@code values} to every call of {@code store}
   * @throws NullPointerException if {@code items} is null
   * @throws ParallelForException if an item failed, the deadline passed or the
   *     calling thread was interrupted
   */
  public void run(Iterable<? extends K> items, Map<K, V> values) {
    settings.<K, Void>loop((index, item) -> {
          target.<V>store(index, item, values);
          return null;
        })
        .forEach(items);
  }

  /**
   * Calls {@code store} for every item, several at once, and returns when all are done.
   *
   * <p>The stream of items is read lazily and closed on every path.
   *
   * <p>Fail-fast: the first failure stops the run (items not started yet never start,
   * running ones are interrupted) and is thrown, once every started item has stopped,
   * as a {@link ParallelForException} whose cause is what {@code store} threw. An item
   * that ignores interrupts delays that moment.
   *
   * @param items the items, one call of {@code store} each
   * @param values passed as {@code values} to every call of {@code store}
   * @throws NullPointerException if {@code items} is null
   * @throws ParallelForException if an item failed, the deadline passed or the
   *     calling thread was interrupted
   */
  public void run(Stream<? extends K> items, Map<K, V> values) {
    settings.<K, Void>loop((index, item) -> {
          target.<V>store(index, item, values);
          return null;
        })
        .forEach(items);
  }

  /**
   * Calls {@code store} for every item, several at once, attempting every item even when some
   * fail.
   *
   * @param items the items, one call of {@code store} each
   * @param values passed as {@code values} to every call of {@code store}
   * @return each item's outcome (its result or its failure) in input order
   * @throws NullPointerException if {@code items} is null
   * @throws ParallelForException if the deadline passed or the calling thread was
   *     interrupted
   */
  public Results<Void> runAll(Iterable<? extends K> items, Map<K, V> values) {
    return settings.<K, Void>loop((index, item) -> {
          target.<V>store(index, item, values);
          return null;
        })
        .runAll(items);
  }

  /**
   * Calls {@code store} for every item, several at once, attempting every item even when some
   * fail.
   *
   * <p>The stream of items is read lazily and closed on every path.
   *
   * @param items the items, one call of {@code store} each
   * @param values passed as {@code values} to every call of {@code store}
   * @return each item's outcome (its result or its failure) in input order
   * @throws NullPointerException if {@code items} is null
   * @throws ParallelForException if the deadline passed or the calling thread was
   *     interrupted
   */
  public Results<Void> runAll(Stream<? extends K> items, Map<K, V> values) {
    return settings.<K, Void>loop((index, item) -> {
          target.<V>store(index, item, values);
          return null;
        })
        .runAll(items);
  }

  /**
   * Starts the run and returns at once. The future completes with null, or exceptionally
   * with the run's {@link ParallelForException}; cancelling it cancels the run.
   *
   * @param items the items, one call of {@code store} each
   * @param values passed as {@code values} to every call of {@code store}
   * @return the future of the run
   * @throws NullPointerException if {@code items} is null
   */
  public CompletableFuture<Void> runAsync(Iterable<? extends K> items, Map<K, V> values) {
    return settings.<K, Void>loop((index, item) -> {
          target.<V>store(index, item, values);
          return null;
        })
        .forEachAsync(items);
  }

  /**
   * Starts the run and returns at once. The future completes with null, or exceptionally
   * with the run's {@link ParallelForException}; cancelling it cancels the run.
   *
   * <p>The stream of items is read lazily and closed on every path.
   *
   * @param items the items, one call of {@code store} each
   * @param values passed as {@code values} to every call of {@code store}
   * @return the future of the run
   * @throws NullPointerException if {@code items} is null
   */
  public CompletableFuture<Void> runAsync(Stream<? extends K> items, Map<K, V> values) {
    return settings.<K, Void>loop((index, item) -> {
          target.<V>store(index, item, values);
          return null;
        })
        .forEachAsync(items);
  }

  /**
   * Returns the results in input order while the run goes on, reading a bounded number of
   * items ahead. Use it in try-with-resources: closing the stream (or a short-circuiting
   * operation such as {@code findFirst}) cancels the run, waits for its workers and
   * frees its threads. Fail-fast: the stream operation that reaches a failure throws it.
   *
   * @param items the items, one call of {@code store} each
   * @param values passed as {@code values} to every call of {@code store}
   * @return the results in input order, as they come
   * @throws NullPointerException if {@code items} is null
   */
  public Stream<Void> stream(Iterable<? extends K> items, Map<K, V> values) {
    return settings.<K, Void>loop((index, item) -> {
          target.<V>store(index, item, values);
          return null;
        })
        .stream(items);
  }

  /**
   * Returns the results in input order while the run goes on, reading a bounded number of
   * items ahead. Use it in try-with-resources: closing the stream (or a short-circuiting
   * operation such as {@code findFirst}) cancels the run, waits for its workers and
   * frees its threads. Fail-fast: the stream operation that reaches a failure throws it.
   *
   * <p>The stream of items is read lazily and closed on every path.
   *
   * @param items the items, one call of {@code store} each
   * @param values passed as {@code values} to every call of {@code store}
   * @return the results in input order, as they come
   * @throws NullPointerException if {@code items} is null
   */
  public Stream<Void> stream(Stream<? extends K> items, Map<K, V> values) {
    return settings.<K, Void>loop((index, item) -> {
          target.<V>store(index, item, values);
          return null;
        })
        .stream(items);
  }

  /**
   * Returns the results as they are done, each with its item's index, while the run goes
   * on: bounded look-ahead, fail-fast and cancel on close as {@code stream}, but one
   * slow item does not hold back the results of the others.
   *
   * @param items the items, one call of {@code store} each
   * @param values passed as {@code values} to every call of {@code store}
   * @return the results with their indexes, in the order they were done
   * @throws NullPointerException if {@code items} is null
   */
  public Stream<Completed<Void>> asCompleted(Iterable<? extends K> items, Map<K, V> values) {
    return settings.<K, Void>loop((index, item) -> {
          target.<V>store(index, item, values);
          return null;
        })
        .asCompleted(items);
  }

  /**
   * Returns the results as they are done, each with its item's index, while the run goes
   * on: bounded look-ahead, fail-fast and cancel on close as {@code stream}, but one
   * slow item does not hold back the results of the others.
   *
   * <p>The stream of items is read lazily and closed on every path.
   *
   * @param items the items, one call of {@code store} each
   * @param values passed as {@code values} to every call of {@code store}
   * @return the results with their indexes, in the order they were done
   * @throws NullPointerException if {@code items} is null
   */
  public Stream<Completed<Void>> asCompleted(Stream<? extends K> items, Map<K, V> values) {
    return settings.<K, Void>loop((index, item) -> {
          target.<V>store(index, item, values);
          return null;
        })
        .asCompleted(items);
  }
}
