package dev.parallelfor.runtime;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.internal.RunOptions;

/**
 * The configuration a {@link ParallelLoop} runs with, apart from its function: a mode and the
 * options of {@link Configurable} (parallelism, executor, listener, deadline, item timeout, retry,
 * rate limit, cluster, context, name, checkpoint). Immutable and thread-safe, so one value can be
 * shared and turned into loops over several functions.
 *
 * <pre>{@code
 * LoopSettings io = LoopSettings.of(Mode.IO).parallelism(64).timeout(Duration.ofMinutes(5));
 * List<String> pages = io.loop((URI uri) -> fetch(uri)).run(uris);
 * List<Long> sizes = io.loop((Path file) -> Files.size(file)).run(files);
 * }</pre>
 *
 * <p>Generated drivers hold their configuration as a {@code LoopSettings} and make a loop per call
 * that binds the call's shared arguments.
 */
public final class LoopSettings extends Configurable<LoopSettings> {
  private LoopSettings(RunOptions options) {
    super(options);
  }

  /** Settings holding {@code options}. */
  static LoopSettings holding(RunOptions options) {
    return new LoopSettings(options);
  }

  @Override
  protected LoopSettings withSettings(LoopSettings settings) {
    return settings;
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
    return new LoopSettings(options().withName(name, method));
  }

  /**
   * Names the runs of these settings as {@link #name(String, String)} does, and declares the result
   * type of the method they run: what a generated driver calls, so that a {@linkplain
   * #checkpoint(Checkpoint) checkpoint} can read back results of that type, and refuses at once a
   * type it could never store.
   *
   * @param name what the events call the driver or loop
   * @param method the method it runs, or null for the class of the loop's function
   * @param resultType the erasure of the method's result type; {@code void.class} for none
   * @return new settings
   * @throws NullPointerException if {@code name} or {@code resultType} is null
   * @throws IllegalArgumentException if {@code name} is blank, or a checkpoint set already cannot
   *     store results of {@code resultType}
   */
  public LoopSettings name(String name, String method, Class<?> resultType) {
    return new LoopSettings(options().withName(name, method).withResultType(resultType));
  }

  @Override
  public String toString() {
    return "LoopSettings" + options().toString().substring("RunOptions".length());
  }

  /**
   * The mode.
   *
   * @return the mode these settings were made for
   */
  public Mode mode() {
    return options().mode();
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
   * kind does not run {@linkplain #on(dev.parallelfor.runtime.spi.Cluster) on a cluster}.
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
   * A loop with these settings over numbers, whose function takes each value unboxed: run over a
   * {@link Range#of(long, long)} it allocates nothing per value; over other items it unboxes each
   * {@code Long} (a null item fails with a {@link NullPointerException}).
   *
   * <pre>{@code
   * List<Long> squares = LoopSettings.of(Mode.CPU)
   *     .rangeLoop((index, n) -> n * n)
   *     .run(Range.of(0L, 1_000_000L));
   * }</pre>
   *
   * @param function the work for one value; called from several threads at once
   * @param <R> the result type
   * @return the loop
   * @throws NullPointerException if {@code function} is null
   */
  public <R> ParallelLoop<Long, R> rangeLoop(RangeFunction<? extends R> function) {
    return ParallelLoop.overRange(this, function);
  }
}
