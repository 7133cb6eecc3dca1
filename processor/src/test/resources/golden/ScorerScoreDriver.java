package com.example.score;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.Completed;
import dev.parallelfor.runtime.ContextPropagator;
import dev.parallelfor.runtime.IndexedItemFunction;
import dev.parallelfor.runtime.LoopSettings;
import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.ProgressListener;
import dev.parallelfor.runtime.Results;
import dev.parallelfor.runtime.RetryPolicy;
import dev.parallelfor.runtime.spi.Cluster;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.annotation.processing.Generated;

/**
 * Runs {@link Scorer#score(String, long, Map)} for many items
 * in parallel, in {@link Mode#CPU} mode with the mode's default parallelism.
 *
 * <p>{@code score} is called from several threads at once, so it must be thread-safe.
 * Each configuration method returns a new driver; a driver is immutable and can be
 * shared between threads.
 *
 * <pre>{@code
 * List<Double> results = new ScorerScoreDriver(scorer)
 *     .run(items, weights);
 * }</pre>
 */
@Generated("dev.parallelfor.processor.ParallelForProcessor")
public final class ScorerScoreDriver {
  /**
   * The object whose {@code score} is called.
   */
  private final Scorer target;

  /**
   * Mode, parallelism, executor, listener, deadline and per-item options of every run.
   */
  private final LoopSettings settings;

  /**
   * Creates a driver that calls {@code score} on {@code target}.
   *
   * @param target the object whose {@code score} is called for every item
   * @throws NullPointerException if {@code target} is null
   */
  public ScorerScoreDriver(Scorer target) {
    this(Objects.requireNonNull(target, "target"), LoopSettings.of(Mode.CPU)
        .name("ScorerScoreDriver", "Scorer.score(String, long, Map)"));
  }

  /**
   * A driver with the given settings.
   *
   * @param target the object whose method is called
   * @param settings the settings of every run
   */
  private ScorerScoreDriver(Scorer target, LoopSettings settings) {
    this.target = target;
    this.settings = settings;
  }

  /**
   * Returns a driver like this one that runs at most {@code parallelism} items at once,
   * overriding the annotation.
   *
   * @param parallelism at most this many items in flight
   * @return the new driver
   * @throws IllegalArgumentException if {@code parallelism < 1}; leave it unset for the default
   */
  public ScorerScoreDriver parallelism(int parallelism) {
    return new ScorerScoreDriver(target, settings.parallelism(parallelism));
  }

  /**
   * Returns a driver like this one that runs the items on {@code executor}, which the
   * driver never shuts down.
   *
   * @param executor where the items run
   * @return the new driver
   * @throws NullPointerException if {@code executor} is null
   * @throws IllegalArgumentException if {@code executor} silently discards tasks it cannot take
   */
  public ScorerScoreDriver executor(Executor executor) {
    return new ScorerScoreDriver(target, settings.executor(executor));
  }

  /**
   * Returns a driver like this one that reports the progress of every run to
   * {@code listener}.
   *
   * @param listener receives each run's progress, never concurrently
   * @return the new driver
   * @throws NullPointerException if {@code listener} is null
   */
  public ScorerScoreDriver onProgress(ProgressListener listener) {
    return new ScorerScoreDriver(target, settings.onProgress(listener));
  }

  /**
   * Returns a driver like this one whose runs stop with a {@link TimeoutException} cause once
   * {@code timeout} has passed.
   *
   * @param timeout the time each run may take, counted from its start
   * @return the new driver
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   */
  public ScorerScoreDriver timeout(Duration timeout) {
    return new ScorerScoreDriver(target, settings.timeout(timeout));
  }

  /**
   * Returns a driver like this one that interrupts an attempt of an item running longer
   * than {@code itemTimeout} and fails it with a {@link TimeoutException} cause. An item that
   * ignores the interrupt keeps its worker until it returns.
   *
   * @param itemTimeout the time one attempt of an item may take
   * @return the new driver
   * @throws NullPointerException if {@code itemTimeout} is null
   * @throws IllegalArgumentException if {@code itemTimeout} is zero or negative
   */
  public ScorerScoreDriver itemTimeout(Duration itemTimeout) {
    return new ScorerScoreDriver(target, settings.itemTimeout(itemTimeout));
  }

  /**
   * Returns a driver like this one that tries failed items again as {@code policy} says,
   * instead of following the method's {@code @Retry}, if it has one.
   *
   * @param policy which failures are worth another attempt, how many, which waits
   * @return the new driver
   * @throws NullPointerException if {@code policy} is null
   */
  public ScorerScoreDriver retry(RetryPolicy policy) {
    return new ScorerScoreDriver(target, settings.retry(policy));
  }

  /**
   * Returns a driver like this one that runs every worker task inside the context of the
   * thread that starts each run (its logging MDC, tracing context, ...): {@code propagator}
   * captures it once per run on that thread, and its wrapper is applied to each worker task.
   *
   * @param propagator captures the caller's context and wraps each worker task in it
   * @return the new driver
   * @throws NullPointerException if {@code propagator} is null
   */
  public ScorerScoreDriver propagateContext(ContextPropagator propagator) {
    return new ScorerScoreDriver(target, settings.propagateContext(propagator));
  }

  /**
   * Returns a driver like this one that starts at most {@code perSecond} items a second
   * in each run, retries included, evenly spaced.
   *
   * @param perSecond the most item starts per second
   * @return the new driver
   * @throws IllegalArgumentException if {@code perSecond < 1}
   */
  public ScorerScoreDriver rateLimit(int perSecond) {
    return new ScorerScoreDriver(target, settings.rateLimit(perSecond));
  }

  /**
   * Returns a driver like this one that runs the items on the members of {@code cluster}
   * (for example {@code HazelcastCluster.of(hazelcastInstance)}): each chunk of items,
   * with {@code score}'s target and shared arguments, is serialized and sent to a member,
   * and the results come back in input order. A member that leaves mid-run loses
   * nothing, but {@code score} may then run twice for the items of its lost chunk.
   *
   * @param cluster where the items run
   * @return the new driver
   * @throws NullPointerException if {@code cluster} is null
   */
  public ScorerScoreDriver on(Cluster cluster) {
    return new ScorerScoreDriver(target, settings.on(cluster));
  }

  /**
   * Calls {@code score} for every item, several at once, and returns the results in input order.
   *
   * <p>Fail-fast: the first failure stops the run (items not started yet never start,
   * running ones are interrupted) and is thrown, once every started item has stopped,
   * as a {@link ParallelForException} whose cause is what {@code score} threw. An item
   * that ignores interrupts delays that moment.
   *
   * @param items the items, one call of {@code score} each
   * @param weights passed as {@code weights} to every call of {@code score}
   * @return the results, one per item, in input order
   * @throws NullPointerException if {@code items} is null
   * @throws ParallelForException if an item failed, the deadline passed or the
   *     calling thread was interrupted
   */
  public List<Double> run(Iterable<? extends String> items, Map<String, Double> weights) {
    return settings.<String, Double>loop(new Task(target, weights))
        .run(items);
  }

  /**
   * Calls {@code score} for every item, several at once, and returns the results in input order.
   *
   * <p>The stream of items is read lazily and closed on every path.
   *
   * <p>Fail-fast: the first failure stops the run (items not started yet never start,
   * running ones are interrupted) and is thrown, once every started item has stopped,
   * as a {@link ParallelForException} whose cause is what {@code score} threw. An item
   * that ignores interrupts delays that moment.
   *
   * @param items the items, one call of {@code score} each
   * @param weights passed as {@code weights} to every call of {@code score}
   * @return the results, one per item, in input order
   * @throws NullPointerException if {@code items} is null
   * @throws ParallelForException if an item failed, the deadline passed or the
   *     calling thread was interrupted
   */
  public List<Double> run(Stream<? extends String> items, Map<String, Double> weights) {
    return settings.<String, Double>loop(new Task(target, weights))
        .run(items);
  }

  /**
   * Calls {@code score} for every item, several at once, attempting every item even when some
   * fail.
   *
   * @param items the items, one call of {@code score} each
   * @param weights passed as {@code weights} to every call of {@code score}
   * @return each item's outcome (its result or its failure) in input order
   * @throws NullPointerException if {@code items} is null
   * @throws ParallelForException if the deadline passed or the calling thread was
   *     interrupted
   */
  public Results<Double> runAll(Iterable<? extends String> items, Map<String, Double> weights) {
    return settings.<String, Double>loop(new Task(target, weights))
        .runAll(items);
  }

  /**
   * Calls {@code score} for every item, several at once, attempting every item even when some
   * fail.
   *
   * <p>The stream of items is read lazily and closed on every path.
   *
   * @param items the items, one call of {@code score} each
   * @param weights passed as {@code weights} to every call of {@code score}
   * @return each item's outcome (its result or its failure) in input order
   * @throws NullPointerException if {@code items} is null
   * @throws ParallelForException if the deadline passed or the calling thread was
   *     interrupted
   */
  public Results<Double> runAll(Stream<? extends String> items, Map<String, Double> weights) {
    return settings.<String, Double>loop(new Task(target, weights))
        .runAll(items);
  }

  /**
   * Starts the run and returns at once. The future completes with the results in input order, or exceptionally
   * with the run's {@link ParallelForException}; cancelling it cancels the run.
   *
   * @param items the items, one call of {@code score} each
   * @param weights passed as {@code weights} to every call of {@code score}
   * @return the future of the run
   * @throws NullPointerException if {@code items} is null
   */
  public CompletableFuture<List<Double>> runAsync(Iterable<? extends String> items,
      Map<String, Double> weights) {
    return settings.<String, Double>loop(new Task(target, weights))
        .runAsync(items);
  }

  /**
   * Starts the run and returns at once. The future completes with the results in input order, or exceptionally
   * with the run's {@link ParallelForException}; cancelling it cancels the run.
   *
   * <p>The stream of items is read lazily and closed on every path.
   *
   * @param items the items, one call of {@code score} each
   * @param weights passed as {@code weights} to every call of {@code score}
   * @return the future of the run
   * @throws NullPointerException if {@code items} is null
   */
  public CompletableFuture<List<Double>> runAsync(Stream<? extends String> items,
      Map<String, Double> weights) {
    return settings.<String, Double>loop(new Task(target, weights))
        .runAsync(items);
  }

  /**
   * Returns the results in input order while the run goes on, reading a bounded number of
   * items ahead. Use it in try-with-resources: closing the stream (or a short-circuiting
   * operation such as {@code findFirst}) cancels the run, waits for its workers and
   * frees its threads. Fail-fast: the stream operation that reaches a failure throws it.
   *
   * @param items the items, one call of {@code score} each
   * @param weights passed as {@code weights} to every call of {@code score}
   * @return the results in input order, as they come
   * @throws NullPointerException if {@code items} is null
   */
  public Stream<Double> stream(Iterable<? extends String> items, Map<String, Double> weights) {
    return settings.<String, Double>loop(new Task(target, weights))
        .stream(items);
  }

  /**
   * Returns the results in input order while the run goes on, reading a bounded number of
   * items ahead. Use it in try-with-resources: closing the stream (or a short-circuiting
   * operation such as {@code findFirst}) cancels the run, waits for its workers and
   * frees its threads. Fail-fast: the stream operation that reaches a failure throws it.
   *
   * <p>The stream of items is read lazily and closed on every path.
   *
   * @param items the items, one call of {@code score} each
   * @param weights passed as {@code weights} to every call of {@code score}
   * @return the results in input order, as they come
   * @throws NullPointerException if {@code items} is null
   */
  public Stream<Double> stream(Stream<? extends String> items, Map<String, Double> weights) {
    return settings.<String, Double>loop(new Task(target, weights))
        .stream(items);
  }

  /**
   * Returns the results as they are done, each with its item's index, while the run goes
   * on: bounded look-ahead, fail-fast and cancel on close as {@code stream}, but one
   * slow item does not hold back the results of the others.
   *
   * @param items the items, one call of {@code score} each
   * @param weights passed as {@code weights} to every call of {@code score}
   * @return the results with their indexes, in the order they were done
   * @throws NullPointerException if {@code items} is null
   */
  public Stream<Completed<Double>> asCompleted(Iterable<? extends String> items,
      Map<String, Double> weights) {
    return settings.<String, Double>loop(new Task(target, weights))
        .asCompleted(items);
  }

  /**
   * Returns the results as they are done, each with its item's index, while the run goes
   * on: bounded look-ahead, fail-fast and cancel on close as {@code stream}, but one
   * slow item does not hold back the results of the others.
   *
   * <p>The stream of items is read lazily and closed on every path.
   *
   * @param items the items, one call of {@code score} each
   * @param weights passed as {@code weights} to every call of {@code score}
   * @return the results with their indexes, in the order they were done
   * @throws NullPointerException if {@code items} is null
   */
  public Stream<Completed<Double>> asCompleted(Stream<? extends String> items,
      Map<String, Double> weights) {
    return settings.<String, Double>loop(new Task(target, weights))
        .asCompleted(items);
  }

  /**
   * Calls {@code score} for one item on whichever machine runs it: what a run on a cluster
   * sends to the members, with the target and the shared arguments.
   */
  @SuppressWarnings("serial")
  static final class Task implements IndexedItemFunction<String, Double>, Serializable {
    /**
     * The version of the serialized form.
     */
    private static final long serialVersionUID = 1L;

    /**
     * The object whose {@code score} is called.
     */
    private final Scorer target;

    /**
     * Passed as {@code weights} to every call.
     */
    private final Map<String, Double> weights;

    /**
     * A task that calls {@code score} with these arguments.
     *
     * @param target the object whose {@code score} is called
     * @param weights passed as {@code weights} to every call
     */
    Task(Scorer target, Map<String, Double> weights) {
      this.target = target;
      this.weights = weights;
    }

    @Override
    public Double apply(long index, String item) throws Exception {
      return target.score(item, index, weights);
    }
  }
}
