package dev.parallelfor.runtime.internal;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.Checkpoint;
import dev.parallelfor.runtime.ContextPropagator;
import dev.parallelfor.runtime.ProgressListener;
import dev.parallelfor.runtime.RetryPolicy;
import dev.parallelfor.runtime.internal.journal.StandardCodec;
import dev.parallelfor.runtime.spi.Cluster;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The options of a run: the one record behind {@link dev.parallelfor.runtime.Configurable}, whose
 * public methods document each option and call the {@code with} method here that checks it. A new
 * option is a component here, its {@code with} method, and one method of {@code Configurable};
 * generated drivers inherit it without being generated again.
 *
 * @param mode CPU or IO
 * @param parallelism the configured parallelism, or 0 for the mode's default
 * @param executor the caller's executor, or null for the shared default of the mode
 * @param listener the progress listener, or null
 * @param timeout the whole-run deadline, or null for none
 * @param cluster the cluster the items run on, or null to run them in this JVM
 * @param resilience the per-item options: item timeout, retry policy, rate limit
 * @param context what captures the caller's context for each run, or null for none
 * @param name what the flight recorder's events call the runs (a driver's or loop's name)
 * @param method the method the runs call, as the events show it, or null when unnamed
 * @param checkpoint where the runs keep their finished items' results, or null for nowhere
 * @param resultType the erasure of a driver's method's result type ({@code void.class} for a void
 *     method), or null when unknown (a loop's function)
 */
public record RunOptions(
    Mode mode,
    int parallelism,
    Executor executor,
    ProgressListener listener,
    Duration timeout,
    Cluster cluster,
    Resilience resilience,
    ContextPropagator context,
    String name,
    String method,
    Checkpoint checkpoint,
    Class<?> resultType) {

  /**
   * The options of a mode as an annotation declares them.
   *
   * @param mode the mode
   * @param parallelism the annotation's parallelism; 0 for the mode's default
   * @return options with no executor, listener, deadline or per-item option
   * @throws IllegalArgumentException if {@code parallelism} is negative
   */
  public static RunOptions of(Mode mode, int parallelism) {
    Objects.requireNonNull(mode, "mode");
    if (parallelism < 0) {
      throw new IllegalArgumentException(
          "parallelism must be >= 0 (0 = the mode's default), was " + parallelism);
    }
    return new RunOptions(
        mode,
        parallelism,
        null,
        null,
        null,
        null,
        Resilience.NONE,
        null,
        "ParallelLoop",
        null,
        null,
        null);
  }

  /** Checks {@code parallelism >= 1}: 0 means "the default" in the annotation only. */
  public RunOptions withParallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException(
          "parallelism must be >= 1, was "
              + parallelism
              + (parallelism == 0 ? "; for the mode's default, leave parallelism unset" : ""));
    }
    Components c = new Components(this);
    c.parallelism = parallelism;
    return c.build();
  }

  /** Refuses null and executors that drop tasks silently (see {@link #requireUsable}). */
  public RunOptions withExecutor(Executor executor) {
    requireUsable(Objects.requireNonNull(executor, "executor"));
    Components c = new Components(this);
    c.executor = executor;
    return c.build();
  }

  /** Refuses null. */
  public RunOptions withListener(ProgressListener listener) {
    Objects.requireNonNull(listener, "listener");
    Components c = new Components(this);
    c.listener = listener;
    return c.build();
  }

  /** Refuses null, zero and negative deadlines. */
  public RunOptions withTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be > 0, was " + Durations.toText(timeout));
    }
    Components c = new Components(this);
    c.timeout = timeout;
    return c.build();
  }

  /** Checked by {@link Resilience#withItemTimeout}. */
  public RunOptions withItemTimeout(Duration itemTimeout) {
    Resilience changed = resilience.withItemTimeout(itemTimeout);
    Components c = new Components(this);
    c.resilience = changed;
    return c.build();
  }

  /** Checked by {@link Resilience#withRetry}. */
  public RunOptions withRetry(RetryPolicy policy) {
    Resilience changed = resilience.withRetry(policy);
    Components c = new Components(this);
    c.resilience = changed;
    return c.build();
  }

  /** Checked by {@link Resilience#withRateLimit}. */
  public RunOptions withRateLimit(int perSecond) {
    Resilience changed = resilience.withRateLimit(perSecond);
    Components c = new Components(this);
    c.resilience = changed;
    return c.build();
  }

  /** Refuses null. */
  public RunOptions withContext(ContextPropagator propagator) {
    Objects.requireNonNull(propagator, "propagator");
    Components c = new Components(this);
    c.context = propagator;
    return c.build();
  }

  /** Refuses null. */
  public RunOptions withCluster(Cluster cluster) {
    Objects.requireNonNull(cluster, "cluster");
    Components c = new Components(this);
    c.cluster = cluster;
    return c.build();
  }

  /** Refuses a null or blank name; a null method stands for the class of the loop's function. */
  public RunOptions withName(String name, String method) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank, was \"" + name + "\"");
    }
    return withIdentity(name, method, resultType);
  }

  /** Refuses null, and a checkpoint without a codec for a result type that cannot be stored. */
  public RunOptions withCheckpoint(Checkpoint checkpoint) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    requireStorable(resultType, checkpoint);
    Components c = new Components(this);
    c.checkpoint = checkpoint;
    return c.build();
  }

  /** Refuses null, and a result type that a checkpoint set already cannot store. */
  public RunOptions withResultType(Class<?> resultType) {
    Objects.requireNonNull(resultType, "resultType");
    if (checkpoint != null) {
      requireStorable(resultType, checkpoint);
    }
    return withIdentity(name, method, resultType);
  }

  /**
   * A copy naming another loop, method and result type. Not through {@link Components}: every
   * driver sets these when it is made, and a program's first run would otherwise load the builder's
   * class for them.
   */
  private RunOptions withIdentity(String name, String method, Class<?> resultType) {
    return new RunOptions(
        mode,
        parallelism,
        executor,
        listener,
        timeout,
        cluster,
        resilience,
        context,
        name,
        method,
        checkpoint,
        resultType);
  }

  /**
   * Refuses, at once, a checkpoint without a codec of its own for a declared result type that the
   * standard codec can never store; an unknown type (a loop's) is checked result by result.
   */
  private static void requireStorable(Class<?> resultType, Checkpoint checkpoint) {
    if (resultType != null && checkpoint.codec() == null) {
      StandardCodec.checkStorable(resultType);
    }
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
   * The components of a copy being made, changed in place and then built: the one place that lists
   * every component. A plain class, not a {@code Consumer} of it: a lambda on the first run's path
   * would cost a fresh JVM its first {@code invokedynamic} bootstrap.
   */
  private static final class Components {
    final Mode mode;
    int parallelism;
    Executor executor;
    ProgressListener listener;
    Duration timeout;
    Cluster cluster;
    Resilience resilience;
    ContextPropagator context;
    String name;
    String method;
    Checkpoint checkpoint;
    Class<?> resultType;

    Components(RunOptions o) {
      mode = o.mode;
      parallelism = o.parallelism;
      executor = o.executor;
      listener = o.listener;
      timeout = o.timeout;
      cluster = o.cluster;
      resilience = o.resilience;
      context = o.context;
      name = o.name;
      method = o.method;
      checkpoint = o.checkpoint;
      resultType = o.resultType;
    }

    RunOptions build() {
      return new RunOptions(
          mode,
          parallelism,
          executor,
          listener,
          timeout,
          cluster,
          resilience,
          context,
          name,
          method,
          checkpoint,
          resultType);
    }
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
        + (checkpoint == null ? "" : ", checkpoint=" + checkpoint)
        + resilience
        + "]";
  }
}
