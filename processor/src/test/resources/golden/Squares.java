package com.example.ranges;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.ProgressListener;
import dev.parallelfor.runtime.Results;
import dev.parallelfor.runtime.internal.Engine;
import dev.parallelfor.runtime.internal.RunOptions;
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
 *
 * <pre>{@code
 * List<Long> results = new Squares()
 *     .run(items);
 * }</pre>
 */
@Generated("dev.parallelfor.processor.ParallelForProcessor")
public final class Squares {
  private final RunOptions options;

  /**
   * Creates a driver for the static method {@code square}.
   */
  public Squares() {
    this(RunOptions.of(Mode.IO, 16));
  }

  private Squares(RunOptions options) {
    this.options = options;
  }

  /**
   * Returns a driver like this one that runs at most {@code parallelism} items at once,
   * overriding the annotation.
   */
  public Squares parallelism(int parallelism) {
    return new Squares(options.withParallelism(parallelism));
  }

  /**
   * Returns a driver like this one that runs the items on {@code executor}, which the
   * driver never shuts down.
   */
  public Squares executor(Executor executor) {
    return new Squares(options.withExecutor(executor));
  }

  /**
   * Returns a driver like this one that reports the progress of every run to
   * {@code listener}.
   */
  public Squares onProgress(ProgressListener listener) {
    return new Squares(options.withListener(listener));
  }

  /**
   * Returns a driver like this one whose runs stop with a {@link TimeoutException} cause once
   * {@code timeout} has passed.
   */
  public Squares timeout(Duration timeout) {
    return new Squares(options.withTimeout(timeout));
  }

  /**
   * Calls {@code square} for every item, several at once, and returns the results in input
   * order.
   *
   * <p>Fail-fast: the first failure stops the run (items not started yet never start,
   * running ones are interrupted) and is thrown, once every started item has stopped,
   * as a {@link ParallelForException} whose cause is what {@code square} threw. An item
   * that ignores interrupts delays that moment.
   */
  public List<Long> run(Iterable<? extends Integer> items) {
    return Engine.run(options, items, (index, item) -> Ranges.square(item, (int) index));
  }

  /**
   * Calls {@code square} for every item, several at once, and returns the results in input
   * order.
   *
   * <p>Fail-fast: the first failure stops the run (items not started yet never start,
   * running ones are interrupted) and is thrown, once every started item has stopped,
   * as a {@link ParallelForException} whose cause is what {@code square} threw. An item
   * that ignores interrupts delays that moment.
   * The stream of items is closed on every path.
   */
  public List<Long> run(Stream<? extends Integer> items) {
    return Engine.run(options, items, (index, item) -> Ranges.square(item, (int) index));
  }

  /**
   * Starts the run and returns at once. The future completes with the results in input order,
   * or exceptionally with the run's {@link ParallelForException}; cancelling it cancels the run.
   */
  public CompletableFuture<List<Long>> runAsync(Iterable<? extends Integer> items) {
    return Engine.runAsync(options, items, (index, item) -> Ranges.square(item, (int) index));
  }

  /**
   * Starts the run and returns at once. The future completes with the results in input order,
   * or exceptionally with the run's {@link ParallelForException}; cancelling it cancels the run.
   * The stream of items is closed on every path.
   */
  public CompletableFuture<List<Long>> runAsync(Stream<? extends Integer> items) {
    return Engine.runAsync(options, items, (index, item) -> Ranges.square(item, (int) index));
  }

  /**
   * Calls {@code square} for every item, several at once, attempts every item even when
   * some fail, and returns each item's outcome in input order.
   */
  public Results<Long> runAll(Iterable<? extends Integer> items) {
    return Engine.runAll(options, items, (index, item) -> Ranges.square(item, (int) index));
  }

  /**
   * Calls {@code square} for every item, several at once, attempts every item even when
   * some fail, and returns each item's outcome in input order.
   * The stream of items is closed on every path.
   */
  public Results<Long> runAll(Stream<? extends Integer> items) {
    return Engine.runAll(options, items, (index, item) -> Ranges.square(item, (int) index));
  }

  /**
   * Returns the results in input order while the run goes on, reading a bounded
   * number of items ahead. Use it in try-with-resources: closing the stream
   * cancels the run, waits for its workers and frees its threads.
   */
  public Stream<Long> stream(Iterable<? extends Integer> items) {
    return Engine.stream(options, items, (index, item) -> Ranges.square(item, (int) index));
  }

  /**
   * Returns the results in input order while the run goes on, reading a bounded
   * number of items ahead. Use it in try-with-resources: closing the stream
   * cancels the run, waits for its workers and frees its threads.
   * The stream of items is closed on every path.
   */
  public Stream<Long> stream(Stream<? extends Integer> items) {
    return Engine.stream(options, items, (index, item) -> Ranges.square(item, (int) index));
  }

  /**
   * Calls {@code square} for every value from {@code from} (inclusive) to {@code to}
   * (exclusive), several at once, and returns the results in order.
   *
   * <p>Fail-fast: the first failure stops the run (items not started yet never start,
   * running ones are interrupted) and is thrown, once every started item has stopped,
   * as a {@link ParallelForException} whose cause is what {@code square} threw. An item
   * that ignores interrupts delays that moment.
   */
  public List<Long> runRange(int from, int to) {
    return Engine.runRange(options, from, to, (index, value) -> Ranges.square((int) value,
        (int) index));
  }
}
