package dev.parallelfor.runtime;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.internal.RunOptions;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The configuration a {@link ParallelLoop} runs with, apart from its function: the mode, the
 * parallelism, the executor, the progress listener, the deadline, and the per-item options (item
 * timeout, retry policy, rate limit). Immutable and thread-safe: each method checks its argument at
 * once and returns new settings, so one value can be shared and turned into loops over several
 * functions.
 *
 * <pre>{@code
 * LoopSettings io = LoopSettings.of(Mode.IO).parallelism(64).timeout(Duration.ofMinutes(5));
 * List<String> pages = io.loop((URI uri) -> fetch(uri)).run(uris);
 * List<Long> sizes = io.loop((Path file) -> Files.size(file)).run(files);
 * }</pre>
 *
 * <p>Generated drivers keep their configuration in a {@code LoopSettings} and make a loop per call
 * that binds the call's shared arguments.
 */
public final class LoopSettings {
  private final RunOptions options;

  private LoopSettings(RunOptions options) {
    this.options = options;
  }

  /**
   * The settings of a mode: its default parallelism, the shared executor of the mode, no listener
   * and no deadline.
   *
   * @param mode {@link Mode#CPU} for work that computes, {@link Mode#IO} for work that blocks
   * @return the settings
   * @throws NullPointerException if {@code mode} is null
   */
  public static LoopSettings of(Mode mode) {
    return new LoopSettings(RunOptions.of(mode, 0));
  }

  /**
   * Caps the items in flight. The runtime supplies that many workers even above the core count (a
   * caller's executor may give fewer); leave it unset for the mode's default (the core count in CPU
   * mode).
   *
   * @param parallelism at most this many items run at once; 1 runs them one after the other, in
   *     input order, like the {@code for} loop it replaces
   * @return new settings
   * @throws IllegalArgumentException if {@code parallelism < 1}
   */
  public LoopSettings parallelism(int parallelism) {
    return new LoopSettings(options.withParallelism(parallelism));
  }

  /**
   * Runs the items on the caller's executor instead of the mode's shared one. The run never shuts
   * it down. An executor with fewer threads than the parallelism runs fewer items at once.
   *
   * @param executor where the workers run
   * @return new settings
   * @throws NullPointerException if {@code executor} is null
   * @throws IllegalArgumentException if it is a {@code ThreadPoolExecutor} that silently discards
   *     tasks it cannot take: a run whose worker was dropped could never end
   */
  public LoopSettings executor(Executor executor) {
    return new LoopSettings(options.withExecutor(executor));
  }

  /**
   * Reports the progress of every run to {@code listener} (for example {@link
   * ProgressBars#console(String)}); its calls are never concurrent.
   *
   * @param listener receives each run's progress
   * @return new settings
   * @throws NullPointerException if {@code listener} is null
   */
  public LoopSettings onProgress(ProgressListener listener) {
    return new LoopSettings(options.withListener(listener));
  }

  /**
   * Gives every run a deadline, counted from its start: a run still going then stops as a failure
   * would, with a {@link java.util.concurrent.TimeoutException} cause.
   *
   * @param timeout the time a run may take
   * @return new settings
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   */
  public LoopSettings timeout(Duration timeout) {
    return new LoopSettings(options.withTimeout(timeout));
  }

  /**
   * Bounds the time one attempt of an item may take: an attempt still running then is interrupted
   * and fails with a {@link java.util.concurrent.TimeoutException} cause (whose own cause is what
   * the item threw in answer, if anything). {@code runAll} records that failure and goes on; the
   * other forms stop, as for any failure. With a {@linkplain #retry(RetryPolicy) retry policy} the
   * time counts per attempt. An item that ignores the interrupt keeps its worker until it returns,
   * and then fails all the same; Java cannot stop a thread.
   *
   * @param itemTimeout the time one attempt of an item may take
   * @return new settings
   * @throws NullPointerException if {@code itemTimeout} is null
   * @throws IllegalArgumentException if {@code itemTimeout} is zero or negative
   */
  public LoopSettings itemTimeout(Duration itemTimeout) {
    return new LoopSettings(options.withItemTimeout(itemTimeout));
  }

  /**
   * Tries a failed item again as {@code policy} says, after a backoff wait. Only the last attempt's
   * failure is reported, with the earlier ones attached to it as suppressed; progress counts the
   * item once. A stopped run starts no new attempt and ends every backoff wait at once.
   *
   * @param policy which failures are worth another attempt, how many attempts, which waits
   * @return new settings
   * @throws NullPointerException if {@code policy} is null
   */
  public LoopSettings retry(RetryPolicy policy) {
    return new LoopSettings(options.withRetry(policy));
  }

  /**
   * Starts at most {@code perSecond} items per second across each run, attempts of retried items
   * included, evenly spaced rather than in bursts (for a service that answers 429 when called
   * faster). Works with any parallelism: workers beyond the rate wait for their turn.
   *
   * @param perSecond the most item starts per second
   * @return new settings
   * @throws IllegalArgumentException if {@code perSecond < 1}
   */
  public LoopSettings rateLimit(int perSecond) {
    return new LoopSettings(options.withRateLimit(perSecond));
  }

  /**
   * Runs every run's items on the members of a cluster instead of this JVM's threads: each worker
   * ships a chunk of items to a member and waits for its results, so ordering, progress, fail-fast,
   * deadlines and streaming mean what they mean for a local run. The function must be serializable
   * (a {@code @Distributed} method's driver passes one; for a lambda, cast it to {@code
   * ItemFunction<T, R> & Serializable}), and so must the items and results; the members need the
   * function's classes on their class path. Unless {@link #parallelism(int)} is set, a run keeps
   * {@link Cluster#parallelism()} chunks in flight; its workers, which only wait, run on the
   * caller's executor when one is set, else on the shared IO pool.
   *
   * <p>A member that leaves or crashes mid-run loses nothing: its chunks run again on the others,
   * and every item still has exactly one result, but the function may have run twice for the items
   * of a chunk whose member was lost.
   *
   * @param cluster where the items run, for example {@code HazelcastCluster.of(hazelcastInstance)}
   * @return new settings
   * @throws NullPointerException if {@code cluster} is null
   */
  public LoopSettings on(Cluster cluster) {
    return new LoopSettings(options.withCluster(cluster));
  }

  /**
   * Runs every worker task of each run inside the context of the thread that started the run: the
   * propagator's {@link ContextPropagator#capture() capture} is called once per run on that thread,
   * before any item starts, and the wrapper it returns is applied to each worker task, so the items
   * see the caller's MDC, tracing context and the like. Replaces an earlier propagator; combine
   * several with {@link ContextPropagator#and(ContextPropagator)}.
   *
   * @param propagator captures the caller's context and says how to restore it in a worker
   * @return new settings
   * @throws NullPointerException if {@code propagator} is null
   */
  public LoopSettings propagateContext(ContextPropagator propagator) {
    return new LoopSettings(options.withContext(propagator));
  }

  /**
   * Names the runs of these settings in the JVM's flight recorder: each run records a {@code
   * dev.parallelfor.Run} event with this name and method. A generated driver names its runs after
   * itself and its annotated method; a loop is called {@code ParallelLoop}, its method the class of
   * its function, unless named.
   *
   * @param name what the events call the driver or loop
   * @param method the method it runs, or null for the class of the loop's function
   * @return new settings
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public LoopSettings name(String name, String method) {
    return new LoopSettings(options.withName(name, method));
  }

  /**
   * The mode.
   *
   * @return the mode these settings were made for
   */
  public Mode mode() {
    return options.mode();
  }

  /**
   * A loop with these settings over a function of the item.
   *
   * @param function the work for one item; called from several threads at once
   * @param <T> the item type
   * @param <R> the result type
   * @return the loop
   * @throws NullPointerException if {@code function} is null
   */
  public <T, R> ParallelLoop<T, R> loop(ItemFunction<? super T, ? extends R> function) {
    return ParallelLoop.over(this, function);
  }

  /**
   * A loop with these settings over a function of the item and its position.
   *
   * @param function the work for one item; called from several threads at once
   * @param <T> the item type
   * @param <R> the result type
   * @return the loop
   * @throws NullPointerException if {@code function} is null
   */
  public <T, R> ParallelLoop<T, R> loop(IndexedItemFunction<? super T, ? extends R> function) {
    return ParallelLoop.over(this, function);
  }

  /**
   * A loop with these settings whose workers each keep their own state: {@code function} is called
   * once per worker per run, on that worker's thread before its first item, and returns the
   * function the worker calls for each of its items; see {@link PerWorkerFunction}. A loop of this
   * kind does not run {@linkplain #on(Cluster) on a cluster}.
   *
   * @param function makes each worker's function and state
   * @param <T> the item type
   * @param <R> the result type
   * @return the loop
   * @throws NullPointerException if {@code function} is null
   */
  public <T, R> ParallelLoop<T, R> loopPerWorker(
      PerWorkerFunction<? super T, ? extends R> function) {
    return ParallelLoop.overPerWorker(this, function);
  }

  /**
   * A loop with these settings over numbers, whose function takes each value unboxed: its range
   * forms ({@link ParallelLoop#runRange(long, long)} and the others) allocate nothing per value;
   * its forms over items unbox each {@code Long} (a null item fails with a {@link
   * NullPointerException}).
   *
   * @param function the work for one value; called from several threads at once
   * @param <R> the result type
   * @return the loop
   * @throws NullPointerException if {@code function} is null
   */
  public <R> ParallelLoop<Long, R> rangeLoop(RangeFunction<? extends R> function) {
    return ParallelLoop.overRange(this, function);
  }

  RunOptions options() {
    return options;
  }

  @Override
  public String toString() {
    return options.toString().replace("RunOptions", "LoopSettings");
  }
}
