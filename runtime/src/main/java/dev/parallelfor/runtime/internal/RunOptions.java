package dev.parallelfor.runtime.internal;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.Cluster;
import dev.parallelfor.runtime.ContextPropagator;
import dev.parallelfor.runtime.ProgressListener;
import dev.parallelfor.runtime.RetryPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The immutable configuration of a driver: each {@code with} method checks its argument at once and
 * returns a new value, so a configured driver can be shared between threads.
 */
public final class RunOptions {
  private final Mode mode;
  private final int parallelism;
  private final Executor executor;
  private final ProgressListener listener;
  private final Duration timeout;
  private final Cluster cluster;
  private final Resilience resilience;
  private final ContextPropagator context;

  /** What the flight recorder's events call the runs: a driver's or loop's name, and a method. */
  private final String name;

  private final String method;

  private RunOptions(
      Mode mode,
      int parallelism,
      Executor executor,
      ProgressListener listener,
      Duration timeout,
      Cluster cluster,
      Resilience resilience,
      ContextPropagator context,
      String name,
      String method) {
    this.mode = mode;
    this.parallelism = parallelism;
    this.executor = executor;
    this.listener = listener;
    this.timeout = timeout;
    this.cluster = cluster;
    this.resilience = resilience;
    this.context = context;
    this.name = name;
    this.method = method;
  }

  /**
   * The options of a driver as its annotation declares them.
   *
   * @param mode the annotation's mode
   * @param parallelism the annotation's parallelism; 0 for the mode's default
   * @return options with no executor, listener or timeout
   * @throws IllegalArgumentException if {@code parallelism} is negative
   */
  public static RunOptions of(Mode mode, int parallelism) {
    Objects.requireNonNull(mode, "mode");
    if (parallelism < 0) {
      throw new IllegalArgumentException(
          "parallelism must be >= 0 (0 = the mode's default), was " + parallelism);
    }
    return new RunOptions(
        mode, parallelism, null, null, null, null, Resilience.NONE, null, "ParallelLoop", null);
  }

  /**
   * Caps the items in flight.
   *
   * @param parallelism at most this many items run at once
   * @return new options
   * @throws IllegalArgumentException if {@code parallelism < 1}
   */
  public RunOptions withParallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException(
          "parallelism must be >= 1, was "
              + parallelism
              // 0 means "the default" in the annotation, not here: say how to get the default.
              + (parallelism == 0 ? "; for the mode's default, leave parallelism unset" : ""));
    }
    return new RunOptions(
        mode, parallelism, executor, listener, timeout, cluster, resilience, context, name, method);
  }

  /**
   * Runs the items on the caller's executor, which the run never shuts down.
   *
   * @param executor where the workers run
   * @return new options
   * @throws NullPointerException if {@code executor} is null
   * @throws IllegalArgumentException if it is a {@code ThreadPoolExecutor} that silently discards
   *     tasks it cannot take: a run whose worker was dropped could never end
   */
  public RunOptions withExecutor(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    requireUsable(executor);
    return new RunOptions(
        mode, parallelism, executor, listener, timeout, cluster, resilience, context, name, method);
  }

  /**
   * Reports progress to a listener.
   *
   * @param listener receives the run's progress
   * @return new options
   * @throws NullPointerException if {@code listener} is null
   */
  public RunOptions withListener(ProgressListener listener) {
    Objects.requireNonNull(listener, "listener");
    return new RunOptions(
        mode, parallelism, executor, listener, timeout, cluster, resilience, context, name, method);
  }

  /**
   * Sets a whole-run deadline, counted from the start of each run.
   *
   * @param timeout the time a run may take
   * @return new options
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   */
  public RunOptions withTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be > 0, was " + Durations.toText(timeout));
    }
    return new RunOptions(
        mode, parallelism, executor, listener, timeout, cluster, resilience, context, name, method);
  }

  /**
   * Interrupts an attempt of an item that runs longer than {@code itemTimeout} and fails it with a
   * {@code TimeoutException} cause.
   *
   * @param itemTimeout the time one attempt of an item may take
   * @return new options
   * @throws NullPointerException if {@code itemTimeout} is null
   * @throws IllegalArgumentException if {@code itemTimeout} is zero or negative
   */
  public RunOptions withItemTimeout(Duration itemTimeout) {
    return with(resilience.withItemTimeout(itemTimeout));
  }

  /**
   * Tries failed items again as {@code policy} says.
   *
   * @param policy which failures are tried again, how often and after what wait
   * @return new options
   * @throws NullPointerException if {@code policy} is null
   */
  public RunOptions withRetry(RetryPolicy policy) {
    return with(resilience.withRetry(policy));
  }

  /**
   * Starts at most {@code perSecond} attempts of items per second across a run, evenly spaced.
   *
   * @param perSecond the cap on starts per second
   * @return new options
   * @throws IllegalArgumentException if {@code perSecond < 1}
   */
  public RunOptions withRateLimit(int perSecond) {
    return with(resilience.withRateLimit(perSecond));
  }

  private RunOptions with(Resilience changed) {
    return new RunOptions(
        mode, parallelism, executor, listener, timeout, cluster, changed, context, name, method);
  }

  /**
   * Wraps every worker task of each run in the context captured on the calling thread.
   *
   * @param propagator captures the context once per run
   * @return new options
   * @throws NullPointerException if {@code propagator} is null
   */
  public RunOptions withContext(ContextPropagator propagator) {
    Objects.requireNonNull(propagator, "propagator");
    return new RunOptions(
        mode,
        parallelism,
        executor,
        listener,
        timeout,
        cluster,
        resilience,
        propagator,
        name,
        method);
  }

  /**
   * Names the runs in the flight recorder's events.
   *
   * @param name the driver's or loop's name
   * @param method the method or function the runs call; null for the function's class
   * @return new options
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public RunOptions withName(String name, String method) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank, was \"" + name + "\"");
    }
    return new RunOptions(
        mode, parallelism, executor, listener, timeout, cluster, resilience, context, name, method);
  }

  /**
   * Runs the chunks of items on a cluster's members instead of this JVM's threads.
   *
   * @param cluster where the items run
   * @return new options
   * @throws NullPointerException if {@code cluster} is null
   */
  public RunOptions withCluster(Cluster cluster) {
    Objects.requireNonNull(cluster, "cluster");
    return new RunOptions(
        mode, parallelism, executor, listener, timeout, cluster, resilience, context, name, method);
  }

  /**
   * Refuses an executor that drops tasks without telling: the run would wait forever for a worker
   * that never starts. Other executors that drop tasks silently cannot be recognised; a timeout
   * bounds such a run.
   */
  static void requireUsable(Executor executor) {
    if (executor instanceof ThreadPoolExecutor pool) {
      RejectedExecutionHandler handler = pool.getRejectedExecutionHandler();
      if (handler instanceof ThreadPoolExecutor.DiscardPolicy
          || handler instanceof ThreadPoolExecutor.DiscardOldestPolicy) {
        throw new IllegalArgumentException(
            "executor "
                + pool
                + " has the rejection policy "
                + handler.getClass().getSimpleName()
                + ", which drops tasks silently, so a run could wait forever for a worker that"
                + " never starts; use AbortPolicy (the default) or CallerRunsPolicy");
      }
    }
  }

  /**
   * @return the mode
   */
  public Mode mode() {
    return mode;
  }

  /**
   * @return the configured parallelism, or 0 for the mode's default
   */
  public int parallelism() {
    return parallelism;
  }

  /**
   * @return the caller's executor, or null for the shared default of the mode
   */
  public Executor executor() {
    return executor;
  }

  /**
   * @return the listener, or null
   */
  public ProgressListener listener() {
    return listener;
  }

  /**
   * @return the deadline, or null for none
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * @return the cluster the items run on, or null to run them in this JVM
   */
  public Cluster cluster() {
    return cluster;
  }

  /**
   * @return the per-item options: item timeout, retry policy, rate limit
   */
  public Resilience resilience() {
    return resilience;
  }

  /**
   * @return what captures the caller's context for each run, or null for none
   */
  public ContextPropagator context() {
    return context;
  }

  /**
   * @return the name the flight recorder's events give the runs
   */
  public String name() {
    return name;
  }

  /**
   * @return the method the runs call, as the flight recorder's events show it, or null when unnamed
   */
  public String method() {
    return method;
  }

  @Override
  public String toString() {
    return "RunOptions[mode="
        + mode
        + ", parallelism="
        + (parallelism == 0 ? "default" : parallelism)
        + (executor == null ? "" : ", executor=" + executor)
        + (timeout == null ? "" : ", timeout=" + Durations.toText(timeout))
        + (cluster == null ? "" : ", cluster=" + cluster)
        + (context == null ? "" : ", context=" + context)
        + ("ParallelLoop".equals(name) ? "" : ", name=" + name)
        + resilience
        + "]";
  }
}
