package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.Completed;
import dev.parallelfor.runtime.IndexedItemFunction;
import dev.parallelfor.runtime.RangeFunction;
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
 * The entry points behind {@link dev.parallelfor.runtime.ParallelLoop}, the one public engine API
 * (generated drivers call that, never this package). An input is made first ({@link #items}, {@link
 * #range}), which checks it ({@code items} null gives a {@link NullPointerException} naming {@code
 * items}, {@code from > to} an {@link IllegalArgumentException}); then one of the execution methods
 * runs every item as {@code ParallelLoop}'s Javadoc describes. {@code Stream} inputs are closed on
 * every path once the run has started.
 */
public final class Engine {
  private Engine() {}

  /** The items of an iterable, read by position when it is a random-access list. */
  public static Source items(Iterable<?> items) {
    return Source.of(requireItems(items));
  }

  /** The items of a stream, which the run closes. */
  public static Source items(Stream<?> items) {
    return Source.of(requireItems(items));
  }

  /**
   * The values {@code [from, to)}, checked before any item starts: bounds in order, and no more
   * values than a {@code long} can count. A failed value is named by an {@code Integer} when {@code
   * intValues}, else by a {@code Long}.
   */
  public static Source range(long from, long to, boolean intValues) {
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

  /** Calls an unboxed range function with {@code from + index}. */
  public static IndexedItemFunction<Object, Object> rangeCall(
      long from, RangeFunction<?> function) {
    return ItemCall.ofRange(from, function);
  }

  /** Calls a function of items with each value of a range, boxed as its bounds' type. */
  public static IndexedItemFunction<Object, Object> boxedRangeCall(
      long from, boolean intValues, IndexedItemFunction<?, ?> function) {
    return ItemCall.ofBoxedRange(from, intValues, function);
  }

  /** Runs every item, fail-fast, and returns one result per item in input order. */
  public static <R> List<R> run(
      RunOptions options, Source source, IndexedItemFunction<?, ?> function) {
    return asList(runSync(options, source, erased(function), Run.LIST));
  }

  /** Runs every item, fail-fast, keeping no results. */
  public static void runVoid(
      RunOptions options, Source source, IndexedItemFunction<?, ?> function) {
    runSync(options, source, erased(function), Run.VOID);
  }

  /** Attempts every item and returns each one's outcome. */
  public static <R> Results<R> runAll(
      RunOptions options, Source source, IndexedItemFunction<?, ?> function) {
    return OutcomeResults.of(runSync(options, source, erased(function), Run.ALL));
  }

  /** Starts the run and returns at once; cancelling the future cancels the run. */
  public static <R> CompletableFuture<List<R>> runAsync(
      RunOptions options, Source source, IndexedItemFunction<?, ?> function) {
    return runAsync(options, source, erased(function), Run.LIST);
  }

  /** Starts a run that keeps no results; completes with null. */
  public static CompletableFuture<Void> runAsyncVoid(
      RunOptions options, Source source, IndexedItemFunction<?, ?> function) {
    return runAsync(options, source, erased(function), Run.VOID);
  }

  /**
   * Streams the results in input order while the run goes on, with a bounded look-ahead. Closing
   * the stream cancels the run and waits for its workers; a stream consumed to its end needs no
   * close. A stream abandoned unclosed holds no thread once its look-ahead is full, and its run is
   * cancelled (input closed, {@code onFinish} called) once the garbage collector finds it.
   */
  @SuppressWarnings("unchecked")
  public static <R> Stream<R> stream(
      RunOptions options, Source source, IndexedItemFunction<?, ?> function) {
    return (Stream<R>) stream(options, source, erased(function), Run.STREAM);
  }

  /** Like {@link #stream} with the results as they are done, each with its index. */
  @SuppressWarnings("unchecked")
  public static <R> Stream<Completed<R>> asCompleted(
      RunOptions options, Source source, IndexedItemFunction<?, ?> function) {
    return (Stream<Completed<R>>)
        (Stream<?>) stream(options, source, erased(function), Run.COMPLETED);
  }

  private static Object[] runSync(
      RunOptions options, Source source, IndexedItemFunction<Object, Object> call, int kind) {
    Run run = new Run(options, source, call, kind, true);
    // The caller works too when it is itself a worker of another run, so nested runs cannot
    // starve when every thread of the executor waits for them.
    run.start(Worker.insideWorker(), options.timeout());
    run.awaitAndFinish();
    run.throwIfFailed();
    return run.outcomes();
  }

  /**
   * Made by {@link RunFuture}, not here: returning one from a method of this class would have the
   * verifier load the future's classes on every program's first run, asynchronous or not.
   */
  private static <R> CompletableFuture<R> runAsync(
      RunOptions options, Source source, IndexedItemFunction<Object, Object> call, int kind) {
    return RunFuture.start(new Run(options, source, call, kind, false), options.timeout(), kind);
  }

  private static Stream<Object> stream(
      RunOptions options, Source source, IndexedItemFunction<Object, Object> call, int kind) {
    Run run = new Run(options, source, call, kind, false);
    run.start(false, options.timeout());
    ResultSpliterator spliterator = new ResultSpliterator(run);
    // A stream dropped unclosed after a short-circuiting operation is cancelled once collected;
    // the action holds the run, never the spliterator, or it would keep it reachable. It runs on
    // the cleaner's thread, which every run shares: it only stops the run, which ends elsewhere.
    Cleaner.Cleanable abandoned =
        SharedPools.abandonedStreams().register(spliterator, run::cancelAbandoned);
    return StreamSupport.stream(spliterator, false)
        .onClose(
            () -> {
              run.cancel(); // on the closing thread, which finishes the run if no worker is left
              abandoned.clean(); // no longer watched (its action only stops again)
              run.awaitFinished();
            });
  }

  @SuppressWarnings("unchecked")
  static <R> List<R> asList(Object[] outcomes) {
    return (List<R>) Collections.unmodifiableList(Arrays.asList(outcomes));
  }

  /**
   * The function as the engine calls it. A cast here, not a call to another class: a program's
   * first run then loads one class fewer.
   */
  @SuppressWarnings("unchecked")
  private static IndexedItemFunction<Object, Object> erased(IndexedItemFunction<?, ?> function) {
    return (IndexedItemFunction<Object, Object>) function;
  }

  private static <I> I requireItems(I items) {
    return Objects.requireNonNull(items, "items");
  }
}
