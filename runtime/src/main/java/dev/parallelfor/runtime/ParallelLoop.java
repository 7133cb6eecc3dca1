package dev.parallelfor.runtime;

import dev.parallelfor.runtime.internal.Engine;
import dev.parallelfor.runtime.internal.PerWorkerCall;
import dev.parallelfor.runtime.internal.RunOptions;
import dev.parallelfor.runtime.internal.Source;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A parallel loop: calls one function for every item of an input, several items at once, and
 * gathers the results in input order. Made with {@link Parallel#cpu(ItemFunction)}, {@link
 * Parallel#io(ItemFunction)} or {@link Parallel#of(dev.parallelfor.Mode, ItemFunction)}; every
 * generated driver is a typed facade over one. Configured with the methods of {@link Configurable},
 * which return a new loop: a loop is immutable and thread-safe, so a configured loop can be kept in
 * a field and run from several threads at once.
 *
 * <pre>{@code
 * List<String> pages = Parallel.io(Crawler::fetch)
 *     .parallelism(64)
 *     .onProgress(ProgressBars.console("fetch"))
 *     .run(urls);
 * }</pre>
 *
 * <h2>What every execution method promises</h2>
 *
 * <ul>
 *   <li><b>Order.</b> {@code run}, {@code runAll} and {@code stream} give one outcome per item in
 *       input order; {@code asCompleted} gives them as they are done, each with its index. A null
 *       item is passed to the function as a {@code for} loop would.
 *   <li><b>Fail-fast.</b> Except in {@code runAll}, the first failure stops the run: items not
 *       started yet never start, running ones are interrupted, and once every started item has
 *       stopped the failure is thrown as a {@link ParallelForException} whose cause is what the
 *       function threw (other failures are attached as suppressed). An item that ignores interrupts
 *       delays that moment; Java cannot stop a thread.
 *   <li><b>Stopping.</b> The deadline ({@link #timeout(java.time.Duration)}) and an interrupt of
 *       the calling thread stop a run the same way, with a {@code TimeoutException} or {@code
 *       InterruptedException} cause and {@code index() == -1}; an interrupt also restores the
 *       caller's interrupt flag. Cancelling a future from {@code runAsync} and closing a stream
 *       from {@code stream} or {@code asCompleted} stop the run too.
 *   <li><b>Every run ends.</b> Once stopped, a run returns or throws as soon as its running items
 *       have stopped: an input that blocks, a listener that throws or an executor that refuses work
 *       cannot keep it alive. Afterwards no item starts and the process has the threads it had
 *       before.
 *   <li><b>Inputs.</b> A random-access list is read by position from several workers at once, which
 *       any list that is not modified during the run allows; other iterables and streams are read
 *       lazily, by one worker at a time, never further ahead than the workers need. A {@code
 *       Stream} input is closed on every path. A {@link Range} runs {@code [from, to)} without a
 *       list: {@code Range.of(0, n)} gives {@code Integer} items and {@code Range.of(0L, n)} {@code
 *       Long} items, so only a range of the loop's item type compiles.
 *   <li><b>Arguments.</b> A null {@code items} gives a {@code NullPointerException} before any item
 *       starts (also for the asynchronous forms, which throw it directly rather than through the
 *       future).
 *   <li><b>Nesting.</b> A function may itself run a loop or a driver, in any form: a waiting worker
 *       runs items of the inner run instead of blocking, so nested runs never deadlock.
 *   <li><b>Visibility.</b> Everything a function did for an item happens-before the method (or the
 *       future, or the stream) hands out that item's result, and before {@code run} returns.
 *   <li><b>State per worker.</b> A loop made with {@link Parallel#perWorker} or {@link
 *       LoopSettings#loopPerWorker} asks its {@link PerWorkerFunction} for each worker's own
 *       function, once per worker per run; what it made with {@link WorkerScope#local} is closed
 *       when the worker leaves the run, on every way the run ends, before the run returns.
 *   <li><b>Context.</b> With {@link #propagateContext(ContextPropagator)} every worker task runs
 *       inside the context captured on the calling thread when the run started.
 *   <li><b>Flight recorder.</b> Every run records a {@code dev.parallelfor.Run} event (see {@link
 *       #name(String)}), and every chunk a {@code dev.parallelfor.Chunk} event when enabled.
 * </ul>
 *
 * @param <T> the item type
 * @param <R> the result type
 */
public final class ParallelLoop<T, R> extends Configurable<ParallelLoop<T, R>> {
  /** The function erased to what the engine calls: {@code (index, item) -> result}. */
  private final IndexedItemFunction<Object, Object> call;

  /** The unboxed function of a {@linkplain LoopSettings#rangeLoop range loop}, else null. */
  private final RangeFunction<?> rangeFunction;

  /** The class of the user's function: what the flight recorder's events show as the method. */
  private final String functionName;

  private ParallelLoop(
      LoopSettings settings,
      IndexedItemFunction<Object, Object> call,
      RangeFunction<?> range,
      String functionName) {
    super(settings);
    this.call = call;
    this.rangeFunction = range;
    this.functionName = functionName;
  }

  @SuppressWarnings("unchecked")
  static <T, R> ParallelLoop<T, R> over(
      LoopSettings settings, IndexedItemFunction<? super T, ? extends R> function) {
    Objects.requireNonNull(function, "function");
    return new ParallelLoop<>(
        settings, (IndexedItemFunction<Object, Object>) function, null, nameOf(function));
  }

  @SuppressWarnings("unchecked")
  static <T, R> ParallelLoop<T, R> over(
      LoopSettings settings, ItemFunction<? super T, ? extends R> function) {
    Objects.requireNonNull(function, "function");
    return new ParallelLoop<>(
        settings, new OfItem((ItemFunction<Object, Object>) function), null, nameOf(function));
  }

  static <T, R> ParallelLoop<T, R> overPerWorker(
      LoopSettings settings, PerWorkerFunction<? super T, ? extends R> function) {
    return new ParallelLoop<>(settings, PerWorkerCall.of(function), null, nameOf(function));
  }

  private static String nameOf(Object function) {
    return function.getClass().getName();
  }

  static <R> ParallelLoop<Long, R> overRange(
      LoopSettings settings, RangeFunction<? extends R> function) {
    Objects.requireNonNull(function, "function");
    return new ParallelLoop<>(settings, new OfLongs(function), function, nameOf(function));
  }

  /**
   * A function of the item alone, called with the index too. Serializable when the function is, so
   * a loop on a cluster can ship it.
   */
  private static final class OfItem implements IndexedItemFunction<Object, Object>, Serializable {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // serializable exactly when a cluster needs it
    private final ItemFunction<Object, Object> function;

    OfItem(ItemFunction<Object, Object> function) {
      this.function = function;
    }

    @Override
    public Object apply(long index, Object item) throws Exception {
      return function.apply(item);
    }
  }

  /**
   * A range function called with items, which are {@code Long}s. Serializable as {@link OfItem}.
   */
  private static final class OfLongs implements IndexedItemFunction<Object, Object>, Serializable {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // serializable exactly when a cluster needs it
    private final RangeFunction<?> function;

    OfLongs(RangeFunction<?> function) {
      this.function = function;
    }

    @Override
    public Object apply(long index, Object item) throws Exception {
      return function.apply(index, (Long) item);
    }
  }

  @Override
  protected ParallelLoop<T, R> withSettings(LoopSettings changed) {
    return new ParallelLoop<>(changed, call, rangeFunction, functionName);
  }

  /**
   * Calls the function for every item, several at once, and returns the results in input order.
   * Fail-fast.
   *
   * @param items the items; read lazily unless a random-access list
   * @return the results, one per item, in input order (unmodifiable)
   * @throws NullPointerException if {@code items} is null
   * @throws ParallelForException if an item failed (the first failure), or the deadline passed or
   *     the calling thread was interrupted
   */
  public List<R> run(Iterable<? extends T> items) {
    return Engine.run(runOptions(), source(items), callFor(items));
  }

  /**
   * Like {@link #run(Iterable)} for the items of a stream, which is closed on every path.
   *
   * @param items the items, read lazily; the stream is closed on every path
   * @return the results, one per item, in input order (unmodifiable)
   * @throws NullPointerException if {@code items} is null
   * @throws ParallelForException if an item failed (the first failure), or the deadline passed or
   *     the calling thread was interrupted
   */
  public List<R> run(Stream<? extends T> items) {
    return Engine.run(runOptions(), source(items), callFor(items));
  }

  /**
   * Calls the function for every item, several at once, keeping no results (for work done for its
   * effect). Fail-fast.
   *
   * @param items the items; read lazily unless a random-access list
   * @throws NullPointerException if {@code items} is null
   * @throws ParallelForException if an item failed (the first failure), or the deadline passed or
   *     the calling thread was interrupted
   */
  public void forEach(Iterable<? extends T> items) {
    Engine.runVoid(runOptions(), source(items), callFor(items));
  }

  /**
   * Like {@link #forEach(Iterable)} for the items of a stream, which is closed on every path.
   *
   * @param items the items, read lazily; the stream is closed on every path
   * @throws NullPointerException if {@code items} is null
   * @throws ParallelForException if an item failed (the first failure), or the deadline passed or
   *     the calling thread was interrupted
   */
  public void forEach(Stream<? extends T> items) {
    Engine.runVoid(runOptions(), source(items), callFor(items));
  }

  /**
   * Calls the function for every item, several at once, attempting every item even when some fail.
   *
   * @param items the items; read lazily unless a random-access list
   * @return each item's value or failure, in input order; a deadline or interrupt throws as {@code
   *     run} does
   * @throws NullPointerException if {@code items} is null
   * @throws ParallelForException if the deadline passed or the calling thread was interrupted
   */
  public Results<R> runAll(Iterable<? extends T> items) {
    return Engine.runAll(runOptions(), source(items), callFor(items));
  }

  /**
   * Like {@link #runAll(Iterable)} for the items of a stream, which is closed on every path.
   *
   * @param items the items, read lazily; the stream is closed on every path
   * @return each item's value or failure, in input order; a deadline or interrupt throws as {@code
   *     run} does
   * @throws NullPointerException if {@code items} is null
   * @throws ParallelForException if the deadline passed or the calling thread was interrupted
   */
  public Results<R> runAll(Stream<? extends T> items) {
    return Engine.runAll(runOptions(), source(items), callFor(items));
  }

  /**
   * Starts the run and returns at once. The future completes with the results in input order, or
   * exceptionally with the run's {@link ParallelForException}; cancelling it cancels the run.
   *
   * @param items the items; read lazily unless a random-access list
   * @return the future of the results
   * @throws NullPointerException if {@code items} is null
   */
  public CompletableFuture<List<R>> runAsync(Iterable<? extends T> items) {
    return Engine.runAsync(runOptions(), source(items), callFor(items));
  }

  /**
   * Like {@link #runAsync(Iterable)} for the items of a stream, which is closed on every path.
   *
   * @param items the items, read lazily; the stream is closed on every path
   * @return the future of the results
   * @throws NullPointerException if {@code items} is null
   */
  public CompletableFuture<List<R>> runAsync(Stream<? extends T> items) {
    return Engine.runAsync(runOptions(), source(items), callFor(items));
  }

  /**
   * Starts a run that keeps no results and returns at once. The future completes with null, or
   * exceptionally with the run's {@link ParallelForException}; cancelling it cancels the run.
   *
   * @param items the items; read lazily unless a random-access list
   * @return the future of the run
   * @throws NullPointerException if {@code items} is null
   */
  public CompletableFuture<Void> forEachAsync(Iterable<? extends T> items) {
    return Engine.runAsyncVoid(runOptions(), source(items), callFor(items));
  }

  /**
   * Like {@link #forEachAsync(Iterable)} for the items of a stream, which is closed on every path.
   *
   * @param items the items, read lazily; the stream is closed on every path
   * @return the future of the run
   * @throws NullPointerException if {@code items} is null
   */
  public CompletableFuture<Void> forEachAsync(Stream<? extends T> items) {
    return Engine.runAsyncVoid(runOptions(), source(items), callFor(items));
  }

  /**
   * Returns the results in input order while the run goes on, reading a bounded number of items
   * ahead (about {@code 2 × parallelism + 2} chunks), so memory depends on the parallelism, not on
   * the input. Use it in try-with-resources: closing the stream, or a short-circuiting operation
   * such as {@code findFirst}, cancels the run, waits for its workers and frees its threads. Fail-
   * fast: the failure is thrown by the stream operation that reaches it.
   *
   * @param items the items; read lazily unless a random-access list
   * @return the results, in input order, as they come
   * @throws NullPointerException if {@code items} is null
   */
  public Stream<R> stream(Iterable<? extends T> items) {
    return Engine.stream(runOptions(), source(items), callFor(items));
  }

  /**
   * Like {@link #stream(Iterable)} for the items of a stream, which is closed on every path.
   *
   * @param items the items, read lazily; the stream is closed on every path
   * @return the results, in input order, as they come
   * @throws NullPointerException if {@code items} is null
   */
  public Stream<R> stream(Stream<? extends T> items) {
    return Engine.stream(runOptions(), source(items), callFor(items));
  }

  /**
   * Returns the results as they are done, each with its item's index, while the run goes on: like
   * {@link #stream(Iterable)} (bounded look-ahead, fail-fast, closing cancels) but in completion
   * order, so one slow item does not hold back the others. Items are handed over a chunk at a time:
   * tiny items are grouped, slow ones come one by one.
   *
   * @param items the items; read lazily unless a random-access list
   * @return the results with their indexes, in the order they were done
   * @throws NullPointerException if {@code items} is null
   */
  public Stream<Completed<R>> asCompleted(Iterable<? extends T> items) {
    return Engine.asCompleted(runOptions(), source(items), callFor(items));
  }

  /**
   * Like {@link #asCompleted(Iterable)} for the items of a stream, which is closed on every path.
   *
   * @param items the items, read lazily; the stream is closed on every path
   * @return the results with their indexes, in the order they were done
   * @throws NullPointerException if {@code items} is null
   */
  public Stream<Completed<R>> asCompleted(Stream<? extends T> items) {
    return Engine.asCompleted(runOptions(), source(items), callFor(items));
  }

  private RunOptions runOptions() {
    RunOptions options = options();
    return options.method() != null ? options : options.withName(options.name(), functionName);
  }

  /**
   * Where the items come from: a range is read by position, without making its items. A list is
   * told first: a program whose first run is over a list then never loads {@link Range}.
   */
  private static Source source(Object items) {
    if (items instanceof List<?> list) {
      return Engine.items(list);
    }
    if (items instanceof Range<?> range) {
      return Engine.range(range.from(), range.to(), range.ints());
    }
    return items instanceof Stream<?> stream
        ? Engine.items(stream)
        : Engine.items((Iterable<?>) items);
  }

  /** The call for these items: a range's values are computed from the index, unboxed if it can. */
  private IndexedItemFunction<Object, Object> callFor(Object items) {
    if (!(items instanceof List<?>) && items instanceof Range<?> range) {
      return rangeFunction != null
          ? Engine.rangeCall(range.from(), rangeFunction)
          : Engine.boxedRangeCall(range.from(), range.ints(), call);
    }
    return call;
  }
}
