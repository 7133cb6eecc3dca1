package com.example.cache;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.ProgressListener;
import dev.parallelfor.runtime.Results;
import dev.parallelfor.runtime.internal.Engine;
import dev.parallelfor.runtime.internal.RunOptions;
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
 *
 * <pre>{@code
 * new CacheStoreDriver<>(cache)
 *     .run(items, values);
 * }</pre>
 */
@Generated("dev.parallelfor.processor.ParallelForProcessor")
public final class CacheStoreDriver<K extends Comparable<K>, V> {
  private final Cache<K> target;

  private final RunOptions options;

  /**
   * Creates a driver that calls {@code store} on {@code target}.
   */
  public CacheStoreDriver(Cache<K> target) {
    this(Objects.requireNonNull(target, "target"), RunOptions.of(Mode.IO, 0));
  }

  private CacheStoreDriver(Cache<K> target, RunOptions options) {
    this.target = target;
    this.options = options;
  }

  /**
   * Returns a driver like this one that runs at most {@code parallelism} items at once,
   * overriding the annotation.
   */
  public CacheStoreDriver<K, V> parallelism(int parallelism) {
    return new CacheStoreDriver<>(target, options.withParallelism(parallelism));
  }

  /**
   * Returns a driver like this one that runs the items on {@code executor}, which the
   * driver never shuts down.
   */
  public CacheStoreDriver<K, V> executor(Executor executor) {
    return new CacheStoreDriver<>(target, options.withExecutor(executor));
  }

  /**
   * Returns a driver like this one that reports the progress of every run to
   * {@code listener}.
   */
  public CacheStoreDriver<K, V> onProgress(ProgressListener listener) {
    return new CacheStoreDriver<>(target, options.withListener(listener));
  }

  /**
   * Returns a driver like this one whose runs stop with a {@link TimeoutException} cause once
   * {@code timeout} has passed.
   */
  public CacheStoreDriver<K, V> timeout(Duration timeout) {
    return new CacheStoreDriver<>(target, options.withTimeout(timeout));
  }

  /**
   * Calls {@code store} for every item, several at once, and returns when all are done.
   *
   * <p>Fail-fast: the first failure stops the run (items not started yet never start,
   * running ones are interrupted) and is thrown, once every started item has stopped,
   * as a {@link ParallelForException} whose cause is what {@code store} threw. An item
   * that ignores interrupts delays that moment.
   */
  public void run(Iterable<? extends K> items, Map<K, V> values) {
    Engine.runVoid(options, items, (index, item) -> {
      target.<V>store(index, item, values);
      return null;
    });
  }

  /**
   * Calls {@code store} for every item, several at once, and returns when all are done.
   *
   * <p>Fail-fast: the first failure stops the run (items not started yet never start,
   * running ones are interrupted) and is thrown, once every started item has stopped,
   * as a {@link ParallelForException} whose cause is what {@code store} threw. An item
   * that ignores interrupts delays that moment.
   * The stream of items is closed on every path.
   */
  public void run(Stream<? extends K> items, Map<K, V> values) {
    Engine.runVoid(options, items, (index, item) -> {
      target.<V>store(index, item, values);
      return null;
    });
  }

  /**
   * Starts the run and returns at once. The future completes with null,
   * or exceptionally with the run's {@link ParallelForException}; cancelling it cancels the run.
   */
  public CompletableFuture<Void> runAsync(Iterable<? extends K> items, Map<K, V> values) {
    return Engine.runAsyncVoid(options, items, (index, item) -> {
      target.<V>store(index, item, values);
      return null;
    });
  }

  /**
   * Starts the run and returns at once. The future completes with null,
   * or exceptionally with the run's {@link ParallelForException}; cancelling it cancels the run.
   * The stream of items is closed on every path.
   */
  public CompletableFuture<Void> runAsync(Stream<? extends K> items, Map<K, V> values) {
    return Engine.runAsyncVoid(options, items, (index, item) -> {
      target.<V>store(index, item, values);
      return null;
    });
  }

  /**
   * Calls {@code store} for every item, several at once, attempts every item even when
   * some fail, and returns each item's outcome in input order.
   */
  public Results<Void> runAll(Iterable<? extends K> items, Map<K, V> values) {
    return Engine.runAll(options, items, (index, item) -> {
      target.<V>store(index, item, values);
      return null;
    });
  }

  /**
   * Calls {@code store} for every item, several at once, attempts every item even when
   * some fail, and returns each item's outcome in input order.
   * The stream of items is closed on every path.
   */
  public Results<Void> runAll(Stream<? extends K> items, Map<K, V> values) {
    return Engine.runAll(options, items, (index, item) -> {
      target.<V>store(index, item, values);
      return null;
    });
  }

  /**
   * Returns the results in input order while the run goes on, reading a bounded
   * number of items ahead. Use it in try-with-resources: closing the stream
   * cancels the run, waits for its workers and frees its threads.
   */
  public Stream<Void> stream(Iterable<? extends K> items, Map<K, V> values) {
    return Engine.stream(options, items, (index, item) -> {
      target.<V>store(index, item, values);
      return null;
    });
  }

  /**
   * Returns the results in input order while the run goes on, reading a bounded
   * number of items ahead. Use it in try-with-resources: closing the stream
   * cancels the run, waits for its workers and frees its threads.
   * The stream of items is closed on every path.
   */
  public Stream<Void> stream(Stream<? extends K> items, Map<K, V> values) {
    return Engine.stream(options, items, (index, item) -> {
      target.<V>store(index, item, values);
      return null;
    });
  }
}
