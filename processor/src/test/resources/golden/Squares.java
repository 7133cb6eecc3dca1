package com.example.ranges;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.Completed;
import dev.parallelfor.runtime.ContextPropagator;
import dev.parallelfor.runtime.LoopSettings;
import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.ProgressListener;
import dev.parallelfor.runtime.Range;
import dev.parallelfor.runtime.Results;
import dev.parallelfor.runtime.RetryPolicy;
import dev.parallelfor.runtime.spi.Indexes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.annotation.processing.Generated;

/**
 * Runs {@link Ranges#square(int, int)} for many items
 * in parallel, in {@link Mode#IO} mode with at most 16 items in flight.
 *
 * <p>{@code square} is called from several threads at once, so it must be thread-safe.
 * Each configuration method returns a new driver; a driver is immutable and can be
 * shared between threads.
 *
 * <pre>{@code
 * List<Long> results = new Squares()
 *     .run(items);
 * }</pre>
 */
@Generated("dev.parallelfor.processor.ParallelForProcessor")
public final class Squares {
  /**
   * Mode, parallelism, executor, listener, deadline and per-item options of every run.
   */
  private final LoopSettings settings;

  /**
   * Creates a driver for the static method {@code square}.
   */
  public Squares() {
    this(LoopSettings.of(Mode.IO)
        .name("Squares", "Ranges.square(int, int)").parallelism(16));
  }

  /**
   * A driver with the given settings.
   *
   * @param settings the settings of every run
   */
  private Squares(LoopSettings settings) {
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
  public Squares parallelism(int parallelism) {
    return new Squares(settings.parallelism(parallelism));
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
  public Squares executor(Executor executor) {
    return new Squares(settings.executor(executor));
  }

  /**
   * Returns a driver like this one that reports the progress of every run to
   * {@code listener}.
   *
   * @param listener receives each run's progress, never concurrently
   * @return the new driver
   * @throws NullPointerException if {@code listener} is null
   */
  public Squares onProgress(ProgressListener listener) {
    return new Squares(settings.onProgress(listener));
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
  public Squares timeout(Duration timeout) {
    return new Squares(settings.timeout(timeout));
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
  public Squares itemTimeout(Duration itemTimeout) {
    return new Squares(settings.itemTimeout(itemTimeout));
  }

  /**
   * Returns a driver like this one that tries failed items again as {@code policy} says,
   * instead of following the method's {@code @Retry}, if it has one.
   *
   * @param policy which failures are worth another attempt, how many, which waits
   * @return the new driver
   * @throws NullPointerException if {@code policy} is null
   */
  public Squares retry(RetryPolicy policy) {
    return new Squares(settings.retry(policy));
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
  public Squares propagateContext(ContextPropagator propagator) {
    return new Squares(settings.propagateContext(propagator));
  }

  /**
   * Returns a driver like this one that starts at most {@code perSecond} items a second
   * in each run, retries included, evenly spaced.
   *
   * @param perSecond the most item starts per second
   * @return the new driver
   * @throws IllegalArgumentException if {@code perSecond < 1}
   */
  public Squares rateLimit(int perSecond) {
    return new Squares(settings.rateLimit(perSecond));
  }

  /**
   * Calls {@code square} for every item, several at once, and returns the results in input order.
   *
   * <p>Fail-fast: the first failure stops the run (items not started yet never start,
   * running ones are interrupted) and is thrown, once every started item has stopped,
   * as a {@link ParallelForException} whose cause is what {@code square} threw. An item
   * that ignores interrupts delays that moment.
   *
   * @param items the items, one call of {@code square} each
   * @return the results, one per item, in input order
   * @throws NullPointerException if {@code items} is null
   * @throws ParallelForException if an item failed, the deadline passed or the
   *     calling thread was interrupted
   */
  public List<Long> run(Iterable<? extends Integer> items) {
    return settings.<Integer, Long>loop((index, item) -> Ranges.square(item, Indexes.toInt(index)))
        .run(items);
  }

  /**
   * Calls {@code square} for every item, several at once, and returns the results in input order.
   *
   * <p>The stream of items is read lazily and closed on every path.
   *
   * <p>Fail-fast: the first failure stops the run (items not started yet never start,
   * running ones are interrupted) and is thrown, once every started item has stopped,
   * as a {@link ParallelForException} whose cause is what {@code square} threw. An item
   * that ignores interrupts delays that moment.
   *
   * @param items the items, one call of {@code square} each
   * @return the results, one per item, in input order
   * @throws NullPointerException if {@code items} is null
   * @throws ParallelForException if an item failed, the deadline passed or the
   *     calling thread was interrupted
   */
  public List<Long> run(Stream<? extends Integer> items) {
    return settings.<Integer, Long>loop((index, item) -> Ranges.square(item, Indexes.toInt(index)))
        .run(items);
  }

  /**
   * Calls {@code square} for every item, several at once, and returns the results in input order.
   *
   * <p>The items are the values from {@code from} (inclusive) to {@code to} (exclusive),
   * with no list made and no value boxed.
   *
   * <p>Fail-fast: the first failure stops the run (items not started yet never start,
   * running ones are interrupted) and is thrown, once every started item has stopped,
   * as a {@link ParallelForException} whose cause is what {@code square} threw. An item
   * that ignores interrupts delays that moment.
   *
   * @param from the first value
   * @param to the end of the range, exclusive
   * @return the results, one per item, in input order
   * @throws IllegalArgumentException if {@code from > to}
   * @throws ParallelForException if an item failed, the deadline passed or the
   *     calling thread was interrupted
   */
  public List<Long> runRange(int from, int to) {
    return settings.<Long>rangeLoop((index, value) -> Ranges.square((int) value,
        Indexes.toInt(index)))
        .run(Range.of((long) from, (long) to));
  }

  /**
   * Calls {@code square} for every item, several at once, attempting every item even when some
   * fail.
   *
   * @param items the items, one call of {@code square} each
   * @return each item's outcome (its result or its failure) in input order
   * @throws NullPointerException if {@code items} is null
   * @throws ParallelForException if the deadline passed or the calling thread was
   *     interrupted
   */
  public Results<Long> runAll(Iterable<? extends Integer> items) {
    return settings.<Integer, Long>loop((index, item) -> Ranges.square(item, Indexes.toInt(index)))
        .runAll(items);
  }

  /**
   * Calls {@code square} for every item, several at once, attempting every item even when some
   * fail.
   *
   * <p>The stream of items is read lazily and closed on every path.
   *
   * @param items the items, one call of {@code square} each
   * @return each item's outcome (its result or its failure) in input order
   * @throws NullPointerException if {@code items} is null
   * @throws ParallelForException if the deadline passed or the calling thread was
   *     interrupted
   */
  public Results<Long> runAll(Stream<? extends Integer> items) {
    return settings.<Integer, Long>loop((index, item) -> Ranges.square(item, Indexes.toInt(index)))
        .runAll(items);
  }

  /**
   * Calls {@code square} for every item, several at once, attempting every item even when some
   * fail.
   *
   * <p>The items are the values from {@code from} (inclusive) to {@code to} (exclusive),
   * with no list made and no value boxed.
   *
   * @param from the first value
   * @param to the end of the range, exclusive
   * @return each item's outcome (its result or its failure) in input order
   * @throws IllegalArgumentException if {@code from > to}
   * @throws ParallelForException if the deadline passed or the calling thread was
   *     interrupted
   */
  public Results<Long> runAllRange(int from, int to) {
    return settings.<Long>rangeLoop((index, value) -> Ranges.square((int) value,
        Indexes.toInt(index)))
        .runAll(Range.of((long) from, (long) to));
  }

  /**
   * Starts the run and returns at once. The future completes with the results in input order, or exceptionally
   * with the run's {@link ParallelForException}; cancelling it cancels the run.
   *
   * @param items the items, one call of {@code square} each
   * @return the future of the run
   * @throws NullPointerException if {@code items} is null
   */
  public CompletableFuture<List<Long>> runAsync(Iterable<? extends Integer> items) {
    return settings.<Integer, Long>loop((index, item) -> Ranges.square(item, Indexes.toInt(index)))
        .runAsync(items);
  }

  /**
   * Starts the run and returns at once. The future completes with the results in input order, or exceptionally
   * with the run's {@link ParallelForException}; cancelling it cancels the run.
   *
   * <p>The stream of items is read lazily and closed on every path.
   *
   * @param items the items, one call of {@code square} each
   * @return the future of the run
   * @throws NullPointerException if {@code items} is null
   */
  public CompletableFuture<List<Long>> runAsync(Stream<? extends Integer> items) {
    return settings.<Integer, Long>loop((index, item) -> Ranges.square(item, Indexes.toInt(index)))
        .runAsync(items);
  }

  /**
   * Starts the run and returns at once. The future completes with the results in input order, or exceptionally
   * with the run's {@link ParallelForException}; cancelling it cancels the run.
   *
   * <p>The items are the values from {@code from} (inclusive) to {@code to} (exclusive),
   * with no list made and no value boxed.
   *
   * @param from the first value
   * @param to the end of the range, exclusive
   * @return the future of the run
   * @throws IllegalArgumentException if {@code from > to}
   */
  public CompletableFuture<List<Long>> runAsyncRange(int from, int to) {
    return settings.<Long>rangeLoop((index, value) -> Ranges.square((int) value,
        Indexes.toInt(index)))
        .runAsync(Range.of((long) from, (long) to));
  }

  /**
   * Returns the results in input order while the run goes on, reading a bounded number of
   * items ahead. Use it in try-with-resources: closing the stream (or a short-circuiting
   * operation such as {@code findFirst}) cancels the run, waits for its workers and
   * frees its threads. Fail-fast: the stream operation that reaches a failure throws it.
   *
   * @param items the items, one call of {@code square} each
   * @return the results in input order, as they come
   * @throws NullPointerException if {@code items} is null
   */
  public Stream<Long> stream(Iterable<? extends Integer> items) {
    return settings.<Integer, Long>loop((index, item) -> Ranges.square(item, Indexes.toInt(index)))
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
   * @param items the items, one call of {@code square} each
   * @return the results in input order, as they come
   * @throws NullPointerException if {@code items} is null
   */
  public Stream<Long> stream(Stream<? extends Integer> items) {
    return settings.<Integer, Long>loop((index, item) -> Ranges.square(item, Indexes.toInt(index)))
        .stream(items);
  }

  /**
   * Returns the results in input order while the run goes on, reading a bounded number of
   * items ahead. Use it in try-with-resources: closing the stream (or a short-circuiting
   * operation such as {@code findFirst}) cancels the run, waits for its workers and
   * frees its threads. Fail-fast: the stream operation that reaches a failure throws it.
   *
   * <p>The items are the values from {@code from} (inclusive) to {@code to} (exclusive),
   * with no list made and no value boxed.
   *
   * @param from the first value
   * @param to the end of the range, exclusive
   * @return the results in input order, as they come
   * @throws IllegalArgumentException if {@code from > to}
   */
  public Stream<Long> streamRange(int from, int to) {
    return settings.<Long>rangeLoop((index, value) -> Ranges.square((int) value,
        Indexes.toInt(index)))
        .stream(Range.of((long) from, (long) to));
  }

  /**
   * Returns the results as they are done, each with its item's index, while the run goes
   * on: bounded look-ahead, fail-fast and cancel on close as {@code stream}, but one
   * slow item does not hold back the results of the others.
   *
   * @param items the items, one call of {@code square} each
   * @return the results with their indexes, in the order they were done
   * @throws NullPointerException if {@code items} is null
   */
  public Stream<Completed<Long>> asCompleted(Iterable<? extends Integer> items) {
    return settings.<Integer, Long>loop((index, item) -> Ranges.square(item, Indexes.toInt(index)))
        .asCompleted(items);
  }

  /**
   * Returns the results as they are done, each with its item's index, while the run goes
   * on: bounded look-ahead, fail-fast and cancel on close as {@code stream}, but one
   * slow item does not hold back the results of the others.
   *
   * <p>The stream of items is read lazily and closed on every path.
   *
   * @param items the items, one call of {@code square} each
   * @return the results with their indexes, in the order they were done
   * @throws NullPointerException if {@code items} is null
   */
  public Stream<Completed<Long>> asCompleted(Stream<? extends Integer> items) {
    return settings.<Integer, Long>loop((index, item) -> Ranges.square(item, Indexes.toInt(index)))
        .asCompleted(items);
  }

  /**
   * Returns the results as they are done, each with its item's index, while the run goes
   * on: bounded look-ahead, fail-fast and cancel on close as {@code stream}, but one
   * slow item does not hold back the results of the others.
   *
   * <p>The items are the values from {@code from} (inclusive) to {@code to} (exclusive),
   * with no list made and no value boxed.
   *
   * @param from the first value
   * @param to the end of the range, exclusive
   * @return the results with their indexes, in the order they were done
   * @throws IllegalArgumentException if {@code from > to}
   */
  public Stream<Completed<Long>> asCompletedRange(int from, int to) {
    return settings.<Long>rangeLoop((index, value) -> Ranges.square((int) value,
        Indexes.toInt(index)))
        .asCompleted(Range.of((long) from, (long) to));
  }
}
