package com.example.score;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.Completed;
import dev.parallelfor.runtime.Configurable;
import dev.parallelfor.runtime.IndexedItemFunction;
import dev.parallelfor.runtime.LoopSettings;
import dev.parallelfor.runtime.ParallelLoop;
import dev.parallelfor.runtime.Results;
import dev.parallelfor.runtime.spi.Cluster;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import javax.annotation.processing.Generated;

/**
 * Runs {@link Scorer#score(String, long, Map)} for many items
 * in parallel, in {@link Mode#CPU} mode with the mode's default parallelism.
 *
 * <p>{@code score} is called from several threads at once, so it must be thread-safe.
 * The arguments after the items are passed to every call.
 * Configure a driver with the methods of {@link Configurable}; each returns a new driver,
 * and a driver can be shared between threads. {@link Configurable#on(Cluster)} runs the items on
 * the members of a cluster.
 *
 * <pre>{@code
 * List<Double> results = new ScorerScoreDriver(scorer)
 *     .run(items, weights);
 * }</pre>
 */
@Generated("dev.parallelfor.processor.ParallelForProcessor")
public final class ScorerScoreDriver extends Configurable<ScorerScoreDriver> {
  private final Scorer target;

  /** Creates a driver that calls {@code score} on {@code target}, not null. */
  public ScorerScoreDriver(Scorer target) {
    this(Objects.requireNonNull(target, "target"),
        LoopSettings.of(Mode.CPU)
            .name("ScorerScoreDriver", "Scorer.score(String, long, Map)", Double.class));
  }

  private ScorerScoreDriver(Scorer target, LoopSettings settings) {
    super(settings);
    this.target = target;
  }

  @Override
  protected ScorerScoreDriver withSettings(LoopSettings settings) {
    return new ScorerScoreDriver(target, settings);
  }

  private ParallelLoop<String, Double> loop(Map<String, Double> weights) {
    return settings().<String, Double>loop(new Task(target, weights));
  }

  /** Calls {@code score} for each item; see {@link ParallelLoop#run(Iterable)}. */
  public List<Double> run(Iterable<? extends String> items, Map<String, Double> weights) {
    return loop(weights).run(items);
  }

  /** Calls {@code score} for each item; see {@link ParallelLoop#run(Stream)}. */
  public List<Double> run(Stream<? extends String> items, Map<String, Double> weights) {
    return loop(weights).run(items);
  }

  /** Calls {@code score} for each item; see {@link ParallelLoop#runAll(Iterable)}. */
  public Results<Double> runAll(Iterable<? extends String> items, Map<String, Double> weights) {
    return loop(weights).runAll(items);
  }

  /** Calls {@code score} for each item; see {@link ParallelLoop#runAll(Stream)}. */
  public Results<Double> runAll(Stream<? extends String> items, Map<String, Double> weights) {
    return loop(weights).runAll(items);
  }

  /** Calls {@code score} for each item; see {@link ParallelLoop#runAsync(Iterable)}. */
  public CompletableFuture<List<Double>> runAsync(Iterable<? extends String> items,
      Map<String, Double> weights) {
    return loop(weights).runAsync(items);
  }

  /** Calls {@code score} for each item; see {@link ParallelLoop#runAsync(Stream)}. */
  public CompletableFuture<List<Double>> runAsync(Stream<? extends String> items,
      Map<String, Double> weights) {
    return loop(weights).runAsync(items);
  }

  /** Calls {@code score} for each item; see {@link ParallelLoop#stream(Iterable)}. */
  public Stream<Double> stream(Iterable<? extends String> items, Map<String, Double> weights) {
    return loop(weights).stream(items);
  }

  /** Calls {@code score} for each item; see {@link ParallelLoop#stream(Stream)}. */
  public Stream<Double> stream(Stream<? extends String> items, Map<String, Double> weights) {
    return loop(weights).stream(items);
  }

  /** Calls {@code score} for each item; see {@link ParallelLoop#asCompleted(Iterable)}. */
  public Stream<Completed<Double>> asCompleted(Iterable<? extends String> items,
      Map<String, Double> weights) {
    return loop(weights).asCompleted(items);
  }

  /** Calls {@code score} for each item; see {@link ParallelLoop#asCompleted(Stream)}. */
  public Stream<Completed<Double>> asCompleted(Stream<? extends String> items,
      Map<String, Double> weights) {
    return loop(weights).asCompleted(items);
  }

  /**
   * Calls {@code score} for one item wherever a run sends it, with the target and the shared
   * arguments.
   */
  @SuppressWarnings("serial")
  static final class Task implements IndexedItemFunction<String, Double>, Serializable {
    private static final long serialVersionUID = 1L;

    private final Scorer target;

    private final Map<String, Double> weights;

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
