package com.example.thumbs;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.ProgressListener;
import dev.parallelfor.runtime.Results;
import dev.parallelfor.runtime.internal.Engine;
import dev.parallelfor.runtime.internal.RunOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.annotation.processing.Generated;

/**
 * Runs {@link Thumbnailer#render(Path, int, String...)} for many items
 * in parallel, in {@link Mode#CPU} mode with the mode's default parallelism.
 *
 * <p>{@code render} is called from several threads at once, so it must be thread-safe.
 *
 * <pre>{@code
 * List<Thumbnailer.Thumb> results = new ThumbnailerRenderDriver(thumbnailer)
 *     .run(items, size, labels);
 * }</pre>
 */
@Generated("dev.parallelfor.processor.ParallelForProcessor")
public final class ThumbnailerRenderDriver {
  private final Thumbnailer target;

  private final RunOptions options;

  /**
   * Creates a driver that calls {@code render} on {@code target}.
   */
  public ThumbnailerRenderDriver(Thumbnailer target) {
    this(Objects.requireNonNull(target, "target"), RunOptions.of(Mode.CPU, 0));
  }

  private ThumbnailerRenderDriver(Thumbnailer target, RunOptions options) {
    this.target = target;
    this.options = options;
  }

  /**
   * Returns a driver like this one that runs at most {@code parallelism} items at once,
   * overriding the annotation.
   */
  public ThumbnailerRenderDriver parallelism(int parallelism) {
    return new ThumbnailerRenderDriver(target, options.withParallelism(parallelism));
  }

  /**
   * Returns a driver like this one that runs the items on {@code executor}, which the
   * driver never shuts down.
   */
  public ThumbnailerRenderDriver executor(Executor executor) {
    return new ThumbnailerRenderDriver(target, options.withExecutor(executor));
  }

  /**
   * Returns a driver like this one that reports the progress of every run to
   * {@code listener}.
   */
  public ThumbnailerRenderDriver onProgress(ProgressListener listener) {
    return new ThumbnailerRenderDriver(target, options.withListener(listener));
  }

  /**
   * Returns a driver like this one whose runs stop with a {@link TimeoutException} cause once
   * {@code timeout} has passed.
   */
  public ThumbnailerRenderDriver timeout(Duration timeout) {
    return new ThumbnailerRenderDriver(target, options.withTimeout(timeout));
  }

  /**
   * Calls {@code render} for every item, several at once, and returns the results in input
   * order.
   *
   * <p>Fail-fast: the first failure stops the run (items not started yet never start,
   * running ones are interrupted) and is thrown, once every started item has stopped,
   * as a {@link ParallelForException} whose cause is what {@code render} threw. An item
   * that ignores interrupts delays that moment.
   */
  public List<Thumbnailer.Thumb> run(Iterable<? extends Path> items, int size, String... labels) {
    return Engine.run(options, items, (index, item) -> target.render(item, size, labels));
  }

  /**
   * Calls {@code render} for every item, several at once, and returns the results in input
   * order.
   *
   * <p>Fail-fast: the first failure stops the run (items not started yet never start,
   * running ones are interrupted) and is thrown, once every started item has stopped,
   * as a {@link ParallelForException} whose cause is what {@code render} threw. An item
   * that ignores interrupts delays that moment.
   * The stream of items is closed on every path.
   */
  public List<Thumbnailer.Thumb> run(Stream<? extends Path> items, int size, String... labels) {
    return Engine.run(options, items, (index, item) -> target.render(item, size, labels));
  }

  /**
   * Starts the run and returns at once. The future completes with the results in input order,
   * or exceptionally with the run's {@link ParallelForException}; cancelling it cancels the run.
   */
  public CompletableFuture<List<Thumbnailer.Thumb>> runAsync(Iterable<? extends Path> items,
      int size, String... labels) {
    return Engine.runAsync(options, items, (index, item) -> target.render(item, size, labels));
  }

  /**
   * Starts the run and returns at once. The future completes with the results in input order,
   * or exceptionally with the run's {@link ParallelForException}; cancelling it cancels the run.
   * The stream of items is closed on every path.
   */
  public CompletableFuture<List<Thumbnailer.Thumb>> runAsync(Stream<? extends Path> items, int size,
      String... labels) {
    return Engine.runAsync(options, items, (index, item) -> target.render(item, size, labels));
  }

  /**
   * Calls {@code render} for every item, several at once, attempts every item even when
   * some fail, and returns each item's outcome in input order.
   */
  public Results<Thumbnailer.Thumb> runAll(Iterable<? extends Path> items, int size,
      String... labels) {
    return Engine.runAll(options, items, (index, item) -> target.render(item, size, labels));
  }

  /**
   * Calls {@code render} for every item, several at once, attempts every item even when
   * some fail, and returns each item's outcome in input order.
   * The stream of items is closed on every path.
   */
  public Results<Thumbnailer.Thumb> runAll(Stream<? extends Path> items, int size,
      String... labels) {
    return Engine.runAll(options, items, (index, item) -> target.render(item, size, labels));
  }

  /**
   * Returns the results in input order while the run goes on, reading a bounded
   * number of items ahead. Use it in try-with-resources: closing the stream
   * cancels the run, waits for its workers and frees its threads.
   */
  public Stream<Thumbnailer.Thumb> stream(Iterable<? extends Path> items, int size,
      String... labels) {
    return Engine.stream(options, items, (index, item) -> target.render(item, size, labels));
  }

  /**
   * Returns the results in input order while the run goes on, reading a bounded
   * number of items ahead. Use it in try-with-resources: closing the stream
   * cancels the run, waits for its workers and frees its threads.
   * The stream of items is closed on every path.
   */
  public Stream<Thumbnailer.Thumb> stream(Stream<? extends Path> items, int size,
      String... labels) {
    return Engine.stream(options, items, (index, item) -> target.render(item, size, labels));
  }
}
