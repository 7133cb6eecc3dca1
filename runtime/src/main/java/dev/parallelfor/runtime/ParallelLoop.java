package dev.parallelfor.runtime;

import dev.parallelfor.runtime.internal.Engine;
import dev.parallelfor.runtime.internal.PerWorkerCall;
import dev.parallelfor.runtime.internal.RunOptions;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

/**
 * A parallel loop: calls one function for every item of an input, several items at once, and
 * gathers the results in input order. Made with {@link Parallel#cpu(ItemFunction)}, {@link
 * Parallel#io(ItemFunction)} or {@link Parallel#of(dev.parallelfor.Mode, ItemFunction)}; every
 * generated driver is a typed facade over one. Immutable and thread-safe: the configuration methods
 * return a new loop, so a configured loop can be kept in a field and run from several threads at
 * once.
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
 *   <li><b>Stopping.</b> The deadline ({@link #timeout(Duration)}) and an interrupt of the calling
 *       thread stop a run the same way, with a {@code TimeoutException} or {@code
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
 *       Stream} input is closed on every path. Ranges ({@code runRange} and the other {@code
 *       ...Range} forms) run {@code [from, to)} without a list: with {@code int} bounds the items
 *       are {@code Integer}s, with {@code long} bounds {@code Long}s, so they fit a {@code
 *       ParallelLoop<Integer, R>} and a {@code ParallelLoop<Long, R>} respectively (Java cannot
 *       restrict a method to some type arguments: on another loop the function fails at the first
 *       item with a {@code ClassCastException}).
 *   <li><b>Arguments.</b> A null {@code items} gives a {@code NullPointerException}, {@code from >
 *       to} an {@code IllegalArgumentException}, before any item starts (also for the asynchronous
 *       forms, which throw them directly rather than through the future).
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
public final class ParallelLoop<T, R> {
  private final LoopSettings settings;

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
    this.settings = settings;
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

  private ParallelLoop<T, R> with(LoopSettings changed) {
    return new ParallelLoop<>(changed, call, rangeFunction, functionName);
  }

  /**
   * Returns a loop like this one that runs at most {@code parallelism} items at once.
   *
   * @param parallelism at most this many items in flight; see {@link LoopSettings#parallelism(int)}
   * @return the new loop
   * @throws IllegalArgumentException if {@code parallelism < 1}; leave it unset for the mode's
   *     default
   */
  public ParallelLoop<T, R> parallelism(int parallelism) {
    return with(settings.parallelism(parallelism));
  }

  /**
   * Returns a loop like this one that runs its items on {@code executor}, which it never shuts
   * down.
   *
   * @param executor where the workers run
   * @return the new loop
   * @throws NullPointerException if {@code executor} is null
   * @throws IllegalArgumentException if it is a {@code ThreadPoolExecutor} that silently discards
   *     tasks
   */
  public ParallelLoop<T, R> executor(Executor executor) {
    return with(settings.executor(executor));
  }

  /**
   * Returns a loop like this one that reports the progress of every run to {@code listener}.
   *
   * @param listener receives each run's progress, never concurrently
   * @return the new loop
   * @throws NullPointerException if {@code listener} is null
   */
  public ParallelLoop<T, R> onProgress(ProgressListener listener) {
    return with(settings.onProgress(listener));
  }

  /**
   * Returns a loop like this one whose runs stop with a {@link
   * java.util.concurrent.TimeoutException} cause once {@code timeout} has passed.
   *
   * @param timeout the time each run may take, counted from its start
   * @return the new loop
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   */
  public ParallelLoop<T, R> timeout(Duration timeout) {
    return with(settings.timeout(timeout));
  }

  /**
   * Returns a loop like this one that interrupts an attempt of an item running longer than {@code
   * itemTimeout} and fails it with a {@link java.util.concurrent.TimeoutException} cause; see
   * {@link LoopSettings#itemTimeout(Duration)}. An item that ignores the interrupt keeps its worker
   * until it returns.
   *
   * @param itemTimeout the time one attempt of an item may take
   * @return the new loop
   * @throws NullPointerException if {@code itemTimeout} is null
   * @throws IllegalArgumentException if {@code itemTimeout} is zero or negative
   */
  public ParallelLoop<T, R> itemTimeout(Duration itemTimeout) {
    return with(settings.itemTimeout(itemTimeout));
  }

  /**
   * Returns a loop like this one that tries failed items again as {@code policy} says; see {@link
   * LoopSettings#retry(RetryPolicy)}.
   *
   * @param policy which failures are worth another attempt, how many attempts, which waits
   * @return the new loop
   * @throws NullPointerException if {@code policy} is null
   */
  public ParallelLoop<T, R> retry(RetryPolicy policy) {
    return with(settings.retry(policy));
  }

  /**
   * Returns a loop like this one that starts at most {@code perSecond} items per second in each
   * run, retries included, evenly spaced; see {@link LoopSettings#rateLimit(int)}.
   *
   * @param perSecond the most item starts per second
   * @return the new loop
   * @throws IllegalArgumentException if {@code perSecond < 1}
   */
  public ParallelLoop<T, R> rateLimit(int perSecond) {
    return with(settings.rateLimit(perSecond));
  }

  /**
   * Returns a loop like this one that runs its items on the members of a cluster; see {@link
   * LoopSettings#on(Cluster)}. The function must be serializable: for a lambda, {@code
   * Parallel.cpu((ItemFunction<String, Integer> & Serializable) s -> s.length())}.
   *
   * @param cluster where the items run
   * @return the new loop
   * @throws NullPointerException if {@code cluster} is null
   */
  public ParallelLoop<T, R> on(Cluster cluster) {
    return with(settings.on(cluster));
  }

  /**
   * Returns a loop like this one that runs every worker task inside the context of the thread that
   * starts each run (its MDC, tracing context, ...); see {@link
   * LoopSettings#propagateContext(ContextPropagator)}.
   *
   * @param propagator captures the caller's context once per run and wraps each worker task in it
   * @return the new loop
   * @throws NullPointerException if {@code propagator} is null
   */
  public ParallelLoop<T, R> propagateContext(ContextPropagator propagator) {
    return with(settings.propagateContext(propagator));
  }

  /**
   * Returns a loop like this one whose runs the JVM's flight recorder names {@code name} (in the
   * {@code dev.parallelfor.Run} event); see {@link LoopSettings#name(String, String)}.
   *
   * @param name what the events call this loop
   * @return the new loop
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public ParallelLoop<T, R> name(String name) {
    return with(settings.name(name, settings.options().method()));
  }

  /**
   * The loop's configuration, for example to make another loop with it.
   *
   * @return the settings
   */
  public LoopSettings settings() {
    return settings;
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
    return Engine.run(options(), Engine.items(items), call);
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
    return Engine.run(options(), Engine.items(items), call);
  }

  /**
   * Like {@link #run(Iterable)} for the values {@code [from, to)}, without a list: each item is a
   * {@code Integer} (unboxed for a {@linkplain LoopSettings#rangeLoop range loop}).
   *
   * @param from the first value
   * @param to the end of the range, exclusive
   * @return the results, one per item, in input order (unmodifiable)
   * @throws IllegalArgumentException if {@code from > to}
   * @throws ParallelForException if an item failed (the first failure), or the deadline passed or
   *     the calling thread was interrupted
   */
  public List<R> runRange(int from, int to) {
    return Engine.run(options(), Engine.range(from, to, true), rangeCall(from, true));
  }

  /**
   * Like {@link #run(Iterable)} for the values {@code [from, to)}, without a list: each item is a
   * {@code Long} (unboxed for a {@linkplain LoopSettings#rangeLoop range loop}).
   *
   * @param from the first value
   * @param to the end of the range, exclusive
   * @return the results, one per item, in input order (unmodifiable)
   * @throws IllegalArgumentException if {@code from > to}
   * @throws ParallelForException if an item failed (the first failure), or the deadline passed or
   *     the calling thread was interrupted
   */
  public List<R> runRange(long from, long to) {
    return Engine.run(options(), Engine.range(from, to, false), rangeCall(from, false));
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
    Engine.runVoid(options(), Engine.items(items), call);
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
    Engine.runVoid(options(), Engine.items(items), call);
  }

  /**
   * Like {@link #forEach(Iterable)} for the values {@code [from, to)}, without a list: each item is
   * a {@code Integer} (unboxed for a {@linkplain LoopSettings#rangeLoop range loop}).
   *
   * @param from the first value
   * @param to the end of the range, exclusive
   * @throws IllegalArgumentException if {@code from > to}
   * @throws ParallelForException if an item failed (the first failure), or the deadline passed or
   *     the calling thread was interrupted
   */
  public void forEachRange(int from, int to) {
    Engine.runVoid(options(), Engine.range(from, to, true), rangeCall(from, true));
  }

  /**
   * Like {@link #forEach(Iterable)} for the values {@code [from, to)}, without a list: each item is
   * a {@code Long} (unboxed for a {@linkplain LoopSettings#rangeLoop range loop}).
   *
   * @param from the first value
   * @param to the end of the range, exclusive
   * @throws IllegalArgumentException if {@code from > to}
   * @throws ParallelForException if an item failed (the first failure), or the deadline passed or
   *     the calling thread was interrupted
   */
  public void forEachRange(long from, long to) {
    Engine.runVoid(options(), Engine.range(from, to, false), rangeCall(from, false));
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
    return Engine.runAll(options(), Engine.items(items), call);
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
    return Engine.runAll(options(), Engine.items(items), call);
  }

  /**
   * Like {@link #runAll(Iterable)} for the values {@code [from, to)}, without a list: each item is
   * a {@code Integer} (unboxed for a {@linkplain LoopSettings#rangeLoop range loop}).
   *
   * @param from the first value
   * @param to the end of the range, exclusive
   * @return each item's value or failure, in input order; a deadline or interrupt throws as {@code
   *     run} does
   * @throws IllegalArgumentException if {@code from > to}
   * @throws ParallelForException if the deadline passed or the calling thread was interrupted
   */
  public Results<R> runAllRange(int from, int to) {
    return Engine.runAll(options(), Engine.range(from, to, true), rangeCall(from, true));
  }

  /**
   * Like {@link #runAll(Iterable)} for the values {@code [from, to)}, without a list: each item is
   * a {@code Long} (unboxed for a {@linkplain LoopSettings#rangeLoop range loop}).
   *
   * @param from the first value
   * @param to the end of the range, exclusive
   * @return each item's value or failure, in input order; a deadline or interrupt throws as {@code
   *     run} does
   * @throws IllegalArgumentException if {@code from > to}
   * @throws ParallelForException if the deadline passed or the calling thread was interrupted
   */
  public Results<R> runAllRange(long from, long to) {
    return Engine.runAll(options(), Engine.range(from, to, false), rangeCall(from, false));
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
    return Engine.runAsync(options(), Engine.items(items), call);
  }

  /**
   * Like {@link #runAsync(Iterable)} for the items of a stream, which is closed on every path.
   *
   * @param items the items, read lazily; the stream is closed on every path
   * @return the future of the results
   * @throws NullPointerException if {@code items} is null
   */
  public CompletableFuture<List<R>> runAsync(Stream<? extends T> items) {
    return Engine.runAsync(options(), Engine.items(items), call);
  }

  /**
   * Like {@link #runAsync(Iterable)} for the values {@code [from, to)}, without a list: each item
   * is a {@code Integer} (unboxed for a {@linkplain LoopSettings#rangeLoop range loop}).
   *
   * @param from the first value
   * @param to the end of the range, exclusive
   * @return the future of the results
   * @throws IllegalArgumentException if {@code from > to}
   */
  public CompletableFuture<List<R>> runAsyncRange(int from, int to) {
    return Engine.runAsync(options(), Engine.range(from, to, true), rangeCall(from, true));
  }

  /**
   * Like {@link #runAsync(Iterable)} for the values {@code [from, to)}, without a list: each item
   * is a {@code Long} (unboxed for a {@linkplain LoopSettings#rangeLoop range loop}).
   *
   * @param from the first value
   * @param to the end of the range, exclusive
   * @return the future of the results
   * @throws IllegalArgumentException if {@code from > to}
   */
  public CompletableFuture<List<R>> runAsyncRange(long from, long to) {
    return Engine.runAsync(options(), Engine.range(from, to, false), rangeCall(from, false));
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
    return Engine.runAsyncVoid(options(), Engine.items(items), call);
  }

  /**
   * Like {@link #forEachAsync(Iterable)} for the items of a stream, which is closed on every path.
   *
   * @param items the items, read lazily; the stream is closed on every path
   * @return the future of the run
   * @throws NullPointerException if {@code items} is null
   */
  public CompletableFuture<Void> forEachAsync(Stream<? extends T> items) {
    return Engine.runAsyncVoid(options(), Engine.items(items), call);
  }

  /**
   * Like {@link #forEachAsync(Iterable)} for the values {@code [from, to)}, without a list: each
   * item is a {@code Integer} (unboxed for a {@linkplain LoopSettings#rangeLoop range loop}).
   *
   * @param from the first value
   * @param to the end of the range, exclusive
   * @return the future of the run
   * @throws IllegalArgumentException if {@code from > to}
   */
  public CompletableFuture<Void> forEachAsyncRange(int from, int to) {
    return Engine.runAsyncVoid(options(), Engine.range(from, to, true), rangeCall(from, true));
  }

  /**
   * Like {@link #forEachAsync(Iterable)} for the values {@code [from, to)}, without a list: each
   * item is a {@code Long} (unboxed for a {@linkplain LoopSettings#rangeLoop range loop}).
   *
   * @param from the first value
   * @param to the end of the range, exclusive
   * @return the future of the run
   * @throws IllegalArgumentException if {@code from > to}
   */
  public CompletableFuture<Void> forEachAsyncRange(long from, long to) {
    return Engine.runAsyncVoid(options(), Engine.range(from, to, false), rangeCall(from, false));
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
    return Engine.stream(options(), Engine.items(items), call);
  }

  /**
   * Like {@link #stream(Iterable)} for the items of a stream, which is closed on every path.
   *
   * @param items the items, read lazily; the stream is closed on every path
   * @return the results, in input order, as they come
   * @throws NullPointerException if {@code items} is null
   */
  public Stream<R> stream(Stream<? extends T> items) {
    return Engine.stream(options(), Engine.items(items), call);
  }

  /**
   * Like {@link #stream(Iterable)} for the values {@code [from, to)}, without a list: each item is
   * a {@code Integer} (unboxed for a {@linkplain LoopSettings#rangeLoop range loop}).
   *
   * @param from the first value
   * @param to the end of the range, exclusive
   * @return the results, in input order, as they come
   * @throws IllegalArgumentException if {@code from > to}
   */
  public Stream<R> streamRange(int from, int to) {
    return Engine.stream(options(), Engine.range(from, to, true), rangeCall(from, true));
  }

  /**
   * Like {@link #stream(Iterable)} for the values {@code [from, to)}, without a list: each item is
   * a {@code Long} (unboxed for a {@linkplain LoopSettings#rangeLoop range loop}).
   *
   * @param from the first value
   * @param to the end of the range, exclusive
   * @return the results, in input order, as they come
   * @throws IllegalArgumentException if {@code from > to}
   */
  public Stream<R> streamRange(long from, long to) {
    return Engine.stream(options(), Engine.range(from, to, false), rangeCall(from, false));
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
    return Engine.asCompleted(options(), Engine.items(items), call);
  }

  /**
   * Like {@link #asCompleted(Iterable)} for the items of a stream, which is closed on every path.
   *
   * @param items the items, read lazily; the stream is closed on every path
   * @return the results with their indexes, in the order they were done
   * @throws NullPointerException if {@code items} is null
   */
  public Stream<Completed<R>> asCompleted(Stream<? extends T> items) {
    return Engine.asCompleted(options(), Engine.items(items), call);
  }

  /**
   * Like {@link #asCompleted(Iterable)} for the values {@code [from, to)}, without a list: each
   * item is a {@code Integer} (unboxed for a {@linkplain LoopSettings#rangeLoop range loop}).
   *
   * @param from the first value
   * @param to the end of the range, exclusive
   * @return the results with their indexes, in the order they were done
   * @throws IllegalArgumentException if {@code from > to}
   */
  public Stream<Completed<R>> asCompletedRange(int from, int to) {
    return Engine.asCompleted(options(), Engine.range(from, to, true), rangeCall(from, true));
  }

  /**
   * Like {@link #asCompleted(Iterable)} for the values {@code [from, to)}, without a list: each
   * item is a {@code Long} (unboxed for a {@linkplain LoopSettings#rangeLoop range loop}).
   *
   * @param from the first value
   * @param to the end of the range, exclusive
   * @return the results with their indexes, in the order they were done
   * @throws IllegalArgumentException if {@code from > to}
   */
  public Stream<Completed<R>> asCompletedRange(long from, long to) {
    return Engine.asCompleted(options(), Engine.range(from, to, false), rangeCall(from, false));
  }

  private RunOptions options() {
    RunOptions options = settings.options();
    return options.method() != null ? options : options.withName(options.name(), functionName);
  }

  private IndexedItemFunction<Object, Object> rangeCall(long from, boolean intValues) {
    return rangeFunction != null
        ? Engine.rangeCall(from, rangeFunction)
        : Engine.boxedRangeCall(from, intValues, call);
  }

  @Override
  public String toString() {
    return "ParallelLoop[" + settings + "]";
  }
}
