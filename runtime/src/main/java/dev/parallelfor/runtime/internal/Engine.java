package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.Results;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The entry points generated drivers call. Each method checks its arguments before any item starts
 * ({@code items} null gives a {@link NullPointerException} naming {@code items}, {@code from > to}
 * an {@link IllegalArgumentException}), then runs every item as described in the driver's Javadoc.
 * {@code Stream} inputs are closed on every path.
 */
public final class Engine {
  private Engine() {}

  /** Runs every item, fail-fast, and returns one result per item in input order. */
  public static <T, R> List<R> run(
      RunOptions options, Iterable<? extends T> items, ItemTask<? super T, ? extends R> task) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Like {@link #run(RunOptions, Iterable, ItemTask)} for a stream, which is closed. */
  public static <T, R> List<R> run(
      RunOptions options, Stream<? extends T> items, ItemTask<? super T, ? extends R> task) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Runs every item, fail-fast, keeping no results (for void methods). */
  public static <T> void runVoid(
      RunOptions options, Iterable<? extends T> items, ItemTask<? super T, ?> task) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Like {@link #runVoid(RunOptions, Iterable, ItemTask)} for a stream, which is closed. */
  public static <T> void runVoid(
      RunOptions options, Stream<? extends T> items, ItemTask<? super T, ?> task) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Starts the run and returns at once; cancelling the future cancels the run. */
  public static <T, R> CompletableFuture<List<R>> runAsync(
      RunOptions options, Iterable<? extends T> items, ItemTask<? super T, ? extends R> task) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Like {@link #runAsync(RunOptions, Iterable, ItemTask)} for a stream, which is closed. */
  public static <T, R> CompletableFuture<List<R>> runAsync(
      RunOptions options, Stream<? extends T> items, ItemTask<? super T, ? extends R> task) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Starts a run that keeps no results (for void methods); completes with null. */
  public static <T> CompletableFuture<Void> runAsyncVoid(
      RunOptions options, Iterable<? extends T> items, ItemTask<? super T, ?> task) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Like {@link #runAsyncVoid(RunOptions, Iterable, ItemTask)} for a stream, which is closed. */
  public static <T> CompletableFuture<Void> runAsyncVoid(
      RunOptions options, Stream<? extends T> items, ItemTask<? super T, ?> task) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Attempts every item and returns each one's outcome. */
  public static <T, R> Results<R> runAll(
      RunOptions options, Iterable<? extends T> items, ItemTask<? super T, ? extends R> task) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Like {@link #runAll(RunOptions, Iterable, ItemTask)} for a stream, which is closed. */
  public static <T, R> Results<R> runAll(
      RunOptions options, Stream<? extends T> items, ItemTask<? super T, ? extends R> task) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Streams the results in input order while the run goes on, with a bounded look-ahead. Closing
   * the stream, or a short-circuiting operation, cancels the run and frees its threads.
   */
  public static <T, R> Stream<R> stream(
      RunOptions options, Iterable<? extends T> items, ItemTask<? super T, ? extends R> task) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Like {@link #stream(RunOptions, Iterable, ItemTask)} for a stream input, closed with it. */
  public static <T, R> Stream<R> stream(
      RunOptions options, Stream<? extends T> items, ItemTask<? super T, ? extends R> task) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Runs every value of {@code [from, to)}, fail-fast, results in order. */
  public static <R> List<R> runRange(
      RunOptions options, long from, long to, RangeTask<? extends R> task) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Runs every value of {@code [from, to)}, fail-fast, keeping no results. */
  public static void runRangeVoid(RunOptions options, long from, long to, RangeTask<?> task) {
    throw new UnsupportedOperationException("not yet");
  }
}
