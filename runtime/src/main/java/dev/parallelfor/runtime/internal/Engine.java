package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.Results;
import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The entry points generated drivers call. Each method checks its arguments before any item starts
 * ({@code items} null gives a {@link NullPointerException} naming {@code items}, {@code from > to}
 * an {@link IllegalArgumentException}), then runs every item as the driver's Javadoc describes.
 * {@code Stream} inputs are closed on every path once the run has started.
 */
public final class Engine {
  private Engine() {}

  /** Runs every item, fail-fast, and returns one result per item in input order. */
  public static <T, R> List<R> run(
      RunOptions options, Iterable<? extends T> items, ItemTask<? super T, ? extends R> task) {
    return asList(
        runSync(options, Source.of(requireItems(items)), ItemCall.of(task), Run.Kind.LIST));
  }

  /** Like {@link #run(RunOptions, Iterable, ItemTask)} for a stream, which is closed. */
  public static <T, R> List<R> run(
      RunOptions options, Stream<? extends T> items, ItemTask<? super T, ? extends R> task) {
    return asList(
        runSync(options, Source.of(requireItems(items)), ItemCall.of(task), Run.Kind.LIST));
  }

  /** Runs every item, fail-fast, keeping no results (for void methods). */
  public static <T> void runVoid(
      RunOptions options, Iterable<? extends T> items, ItemTask<? super T, ?> task) {
    runSync(options, Source.of(requireItems(items)), ItemCall.of(task), Run.Kind.VOID);
  }

  /** Like {@link #runVoid(RunOptions, Iterable, ItemTask)} for a stream, which is closed. */
  public static <T> void runVoid(
      RunOptions options, Stream<? extends T> items, ItemTask<? super T, ?> task) {
    runSync(options, Source.of(requireItems(items)), ItemCall.of(task), Run.Kind.VOID);
  }

  /** Starts the run and returns at once; cancelling the future cancels the run. */
  public static <T, R> CompletableFuture<List<R>> runAsync(
      RunOptions options, Iterable<? extends T> items, ItemTask<? super T, ? extends R> task) {
    return runAsync(options, Source.of(requireItems(items)), ItemCall.of(task), Run.Kind.LIST);
  }

  /** Like {@link #runAsync(RunOptions, Iterable, ItemTask)} for a stream, which is closed. */
  public static <T, R> CompletableFuture<List<R>> runAsync(
      RunOptions options, Stream<? extends T> items, ItemTask<? super T, ? extends R> task) {
    return runAsync(options, Source.of(requireItems(items)), ItemCall.of(task), Run.Kind.LIST);
  }

  /** Starts a run that keeps no results (for void methods); completes with null. */
  public static <T> CompletableFuture<Void> runAsyncVoid(
      RunOptions options, Iterable<? extends T> items, ItemTask<? super T, ?> task) {
    return runAsync(options, Source.of(requireItems(items)), ItemCall.of(task), Run.Kind.VOID);
  }

  /** Like {@link #runAsyncVoid(RunOptions, Iterable, ItemTask)} for a stream, which is closed. */
  public static <T> CompletableFuture<Void> runAsyncVoid(
      RunOptions options, Stream<? extends T> items, ItemTask<? super T, ?> task) {
    return runAsync(options, Source.of(requireItems(items)), ItemCall.of(task), Run.Kind.VOID);
  }

  /** Attempts every item and returns each one's outcome. */
  public static <T, R> Results<R> runAll(
      RunOptions options, Iterable<? extends T> items, ItemTask<? super T, ? extends R> task) {
    return new OutcomeResults<>(
        runSync(options, Source.of(requireItems(items)), ItemCall.of(task), Run.Kind.ALL));
  }

  /** Like {@link #runAll(RunOptions, Iterable, ItemTask)} for a stream, which is closed. */
  public static <T, R> Results<R> runAll(
      RunOptions options, Stream<? extends T> items, ItemTask<? super T, ? extends R> task) {
    return new OutcomeResults<>(
        runSync(options, Source.of(requireItems(items)), ItemCall.of(task), Run.Kind.ALL));
  }

  /**
   * Streams the results in input order while the run goes on, with a bounded look-ahead. Closing
   * the stream cancels the run and waits for its workers; a stream consumed to its end needs no
   * close. A stream abandoned unclosed holds no thread once its look-ahead is full, and its run is
   * cancelled (input closed, {@code onFinish} called) once the garbage collector finds it.
   */
  public static <T, R> Stream<R> stream(
      RunOptions options, Iterable<? extends T> items, ItemTask<? super T, ? extends R> task) {
    return stream(options, Source.of(requireItems(items)), ItemCall.of(task));
  }

  /** Like {@link #stream(RunOptions, Iterable, ItemTask)} for a stream input, closed with it. */
  public static <T, R> Stream<R> stream(
      RunOptions options, Stream<? extends T> items, ItemTask<? super T, ? extends R> task) {
    return stream(options, Source.of(requireItems(items)), ItemCall.of(task));
  }

  /** Runs every value of {@code [from, to)}, fail-fast, results in order. */
  public static <R> List<R> runRange(
      RunOptions options, long from, long to, RangeTask<? extends R> task) {
    return asList(
        runSync(options, range(from, to, false), ItemCall.ofRange(from, task), Run.Kind.LIST));
  }

  /**
   * Like {@link #runRange(RunOptions, long, long, RangeTask)} for {@code int} bounds: a failed item
   * is named by its {@code Integer} value.
   */
  public static <R> List<R> runRange(
      RunOptions options, int from, int to, RangeTask<? extends R> task) {
    return asList(
        runSync(options, range(from, to, true), ItemCall.ofRange(from, task), Run.Kind.LIST));
  }

  /** Runs every value of {@code [from, to)}, fail-fast, keeping no results. */
  public static void runRangeVoid(RunOptions options, long from, long to, RangeTask<?> task) {
    runSync(options, range(from, to, false), ItemCall.ofRange(from, task), Run.Kind.VOID);
  }

  /** Like {@link #runRangeVoid(RunOptions, long, long, RangeTask)} for {@code int} bounds. */
  public static void runRangeVoid(RunOptions options, int from, int to, RangeTask<?> task) {
    runSync(options, range(from, to, true), ItemCall.ofRange(from, task), Run.Kind.VOID);
  }

  private static Object[] runSync(
      RunOptions options, Source source, ItemTask<Object, Object> call, Run.Kind kind) {
    Run run = new Run(options, source, call, kind, true);
    // The caller works too when it is itself a worker of another run, so nested runs cannot
    // starve when every thread of the executor waits for them.
    run.start(Worker.insideWorker(), options.timeout());
    run.awaitAndFinish();
    run.throwIfFailed();
    return run.outcomes();
  }

  @SuppressWarnings("unchecked")
  private static <R> CompletableFuture<R> runAsync(
      RunOptions options, Source source, ItemTask<Object, Object> call, Run.Kind kind) {
    Run run = new Run(options, source, call, kind, false);
    RunFuture<R> future = new RunFuture<>(run);
    run.whenFinished(
        () -> {
          Throwable failure = run.failure();
          if (failure != null) {
            future.completeExceptionally(failure);
          } else if (kind == Run.Kind.VOID) {
            future.complete(null);
          } else {
            future.complete((R) asList(run.outcomes()));
          }
        });
    run.start(false, options.timeout());
    return future;
  }

  @SuppressWarnings("unchecked")
  private static <R> Stream<R> stream(
      RunOptions options, Source source, ItemTask<Object, Object> call) {
    Run run = new Run(options, source, call, Run.Kind.STREAM, false);
    run.start(false, options.timeout());
    ResultSpliterator spliterator = new ResultSpliterator(run);
    // A stream dropped unclosed after a short-circuiting operation is cancelled once collected;
    // the action holds the run, never the spliterator, or it would keep it reachable.
    Cleaner.Cleanable abandoned = SharedPools.abandonedStreams().register(spliterator, run::cancel);
    Stream<Object> results = StreamSupport.stream(spliterator, false);
    return (Stream<R>)
        results.onClose(
            () -> {
              abandoned.clean(); // cancels now, once
              run.awaitFinished();
            });
  }

  @SuppressWarnings("unchecked")
  private static <R> List<R> asList(Object[] outcomes) {
    return (List<R>) Collections.unmodifiableList(Arrays.asList(outcomes));
  }

  private static <I> I requireItems(I items) {
    return Objects.requireNonNull(items, "items");
  }

  /**
   * The source of {@code [from, to)}, checked before any item starts: bounds in order, and no more
   * values than a {@code long} can count.
   */
  private static Source range(long from, long to, boolean intValues) {
    if (from > to) {
      throw new IllegalArgumentException("from must be <= to, was from=" + from + ", to=" + to);
    }
    if (to - from < 0) { // overflowed: more than Long.MAX_VALUE values
      throw new IllegalArgumentException(
          "the range [from, to) holds more than Long.MAX_VALUE values, was from="
              + from
              + ", to="
              + to);
    }
    return Source.range(from, to, intValues);
  }
}
