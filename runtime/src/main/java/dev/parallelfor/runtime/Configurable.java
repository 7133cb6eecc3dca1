package dev.parallelfor.runtime;

import dev.parallelfor.runtime.internal.RunOptions;
import dev.parallelfor.runtime.spi.Cluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The options of a run, declared once for everything that runs: {@link ParallelLoop}, {@link
 * LoopSettings} and every generated driver extend this class and get these methods from it. Each
 * method checks its argument at once and returns a copy with the option set; the object it is
 * called on does not change, so a configured loop or driver can be kept in a field and used from
 * several threads at once.
 *
 * <pre>{@code
 * List<Thumb> thumbs = new ThumbnailerRenderDriver(thumbnailer)
 *     .parallelism(4)
 *     .onProgress(ProgressBars.console("render"))
 *     .timeout(Duration.ofMinutes(5))
 *     .run(files);
 * }</pre>
 *
 * <p>Unset options keep their defaults: the mode's parallelism (the core count in CPU mode), the
 * mode's shared executor, no listener, no deadline, no item timeout, no retry (or the method's
 * {@code @Retry}), no rate limit, this JVM, no context, no checkpoint.
 *
 * @param <S> the type of the configured object, which each method returns
 */
public abstract class Configurable<S extends Configurable<S>> {
  private final RunOptions options;

  /** The settings this object was made with; null for {@link LoopSettings}, which is its own. */
  private final LoopSettings settings;

  /** For {@link LoopSettings} itself, which holds the options. */
  Configurable(RunOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.settings = null;
  }

  /**
   * Starts from the options of {@code settings}.
   *
   * @param settings the options this object runs with
   * @throws NullPointerException if {@code settings} is null
   */
  protected Configurable(LoopSettings settings) {
    this.options = Objects.requireNonNull(settings, "settings").options();
    this.settings = settings;
  }

  /**
   * A copy of this object that runs with {@code settings}: how each option method makes its result.
   *
   * @param settings the options of the copy
   * @return the copy
   */
  protected abstract S withSettings(LoopSettings settings);

  /**
   * The options as settings, for example to make a {@link ParallelLoop} with them.
   *
   * @return the settings
   */
  public final LoopSettings settings() {
    return settings != null ? settings : (LoopSettings) this;
  }

  /** The options, for the engine. */
  final RunOptions options() {
    return options;
  }

  private S with(RunOptions changed) {
    return withSettings(LoopSettings.holding(changed));
  }

  /**
   * Caps the items in flight. The runtime supplies that many workers even above the core count (a
   * caller's executor may give fewer); leave it unset for the mode's default (the core count in CPU
   * mode).
   *
   * @param parallelism at most this many items run at once; 1 runs them one after the other, in
   *     input order, like the {@code for} loop it replaces
   * @return a copy with this option set
   * @throws IllegalArgumentException if {@code parallelism < 1}
   */
  public final S parallelism(int parallelism) {
    return with(options.withParallelism(parallelism));
  }

  /**
   * Runs the items on the caller's executor instead of the mode's shared one. The run never shuts
   * it down. An executor with fewer threads than the parallelism runs fewer items at once.
   *
   * @param executor where the workers run
   * @return a copy with this option set
   * @throws NullPointerException if {@code executor} is null
   * @throws IllegalArgumentException if it is a {@code ThreadPoolExecutor} that silently discards
   *     tasks it cannot take: a run whose worker was dropped could never end
   */
  public final S executor(Executor executor) {
    return with(options.withExecutor(executor));
  }

  /**
   * Reports the progress of every run to {@code listener} (for example {@link
   * ProgressBars#console(String)}); its calls are never concurrent.
   *
   * @param listener receives each run's progress
   * @return a copy with this option set
   * @throws NullPointerException if {@code listener} is null
   */
  public final S onProgress(ProgressListener listener) {
    return with(options.withListener(listener));
  }

  /**
   * Gives every run a deadline, counted from its start: a run still going then stops as a failure
   * would, with a {@link java.util.concurrent.TimeoutException} cause.
   *
   * @param timeout the time a run may take
   * @return a copy with this option set
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   */
  public final S timeout(Duration timeout) {
    return with(options.withTimeout(timeout));
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
   * @return a copy with this option set
   * @throws NullPointerException if {@code itemTimeout} is null
   * @throws IllegalArgumentException if {@code itemTimeout} is zero or negative
   */
  public final S itemTimeout(Duration itemTimeout) {
    return with(options.withItemTimeout(itemTimeout));
  }

  /**
   * Tries a failed item again as {@code policy} says, after a backoff wait. Only the last attempt's
   * failure is reported, with the earlier ones attached to it as suppressed; progress counts the
   * item once. A stopped run starts no new attempt and ends every backoff wait at once.
   *
   * @param policy which failures are worth another attempt, how many attempts, which waits
   * @return a copy with this option set
   * @throws NullPointerException if {@code policy} is null
   */
  public final S retry(RetryPolicy policy) {
    return with(options.withRetry(policy));
  }

  /**
   * Starts at most {@code perSecond} items per second across each run, attempts of retried items
   * included, evenly spaced rather than in bursts (for a service that answers 429 when called
   * faster). Works with any parallelism: workers beyond the rate wait for their turn.
   *
   * @param perSecond the most item starts per second
   * @return a copy with this option set
   * @throws IllegalArgumentException if {@code perSecond < 1}
   */
  public final S rateLimit(int perSecond) {
    return with(options.withRateLimit(perSecond));
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
   * <p>Every driver has this method, since options are declared once; the driver of a method
   * without {@code @Distributed} has no serializable function, so a run of it on a cluster fails
   * before any item starts with an {@link IllegalArgumentException} that says to add the
   * annotation.
   *
   * @param cluster where the items run, for example {@code HazelcastCluster.of(hazelcastInstance)}
   * @return a copy with this option set
   * @throws NullPointerException if {@code cluster} is null
   */
  public final S on(Cluster cluster) {
    return with(options.withCluster(cluster));
  }

  /**
   * Runs every worker task of each run inside the context of the thread that started the run: the
   * propagator's {@link ContextPropagator#capture() capture} is called once per run on that thread,
   * before any item starts, and the wrapper it returns is applied to each worker task, so the items
   * see the caller's MDC, tracing context and the like. Replaces an earlier propagator; combine
   * several with {@link ContextPropagator#and(ContextPropagator)}.
   *
   * @param propagator captures the caller's context and says how to restore it in a worker
   * @return a copy with this option set
   * @throws NullPointerException if {@code propagator} is null
   */
  public final S propagateContext(ContextPropagator propagator) {
    return with(options.withContext(propagator));
  }

  /**
   * Keeps the results of every run's finished items in a journal file, so that a run killed midway
   * can be resumed: a later run over the same input with the same journal returns the stored
   * results in place, as if computed, and runs only the rest; progress counts the stored items as
   * done. Same as {@code checkpoint(Checkpoint.file(journal))}; see {@link Checkpoint} for how
   * items are recognised, how results are stored and when they reach the device.
   *
   * @param journal the journal's file, made if missing
   * @return a copy with this option set
   * @throws NullPointerException if {@code journal} is null
   * @throws IllegalArgumentException if this driver's results can never be stored without a codec
   *     (they are not {@link java.io.Serializable}); give one with {@link #checkpoint(Checkpoint)}
   */
  public final S checkpoint(Path journal) {
    return checkpoint(Checkpoint.file(journal));
  }

  /**
   * Keeps the results of every run's finished items in {@code checkpoint}, so that a run killed
   * midway can be resumed: a later run over the same input with the same checkpoint returns the
   * stored results in place, as if computed, and runs only the rest (no attempt, rate-limit permit
   * or worker state for them, nothing shipped to a cluster); progress counts the stored items as
   * done. Only successes are stored: failed, cancelled and unfinished items run again. An item
   * whose position or key changed is run again, never answered with another item's result.
   *
   * <p>A run opens the checkpoint before any item starts and holds it until it ends: a checkpoint
   * that cannot be opened, holds another loop's results, or is in use by another run fails the run
   * at once. A run whose results cannot be written fails with that error; it never carries on
   * without them.
   *
   * @param checkpoint where the results go, with its codec, key and sync interval
   * @return a copy with this option set
   * @throws NullPointerException if {@code checkpoint} is null
   * @throws IllegalArgumentException if this driver's results can never be stored with the
   *     checkpoint's codec (none given, and they are not {@link java.io.Serializable})
   */
  public final S checkpoint(Checkpoint checkpoint) {
    return with(options.withCheckpoint(checkpoint));
  }

  /**
   * Names the runs in the JVM's flight recorder: each run records a {@code dev.parallelfor.Run}
   * event with this name. A generated driver names its runs after itself and its method; a loop is
   * called {@code ParallelLoop}, its method the class of its function.
   *
   * @param name what the events call this driver or loop
   * @return a copy with this option set
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public final S name(String name) {
    return with(options.withName(name, options.method()));
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + settings() + "]";
  }
}
