package dev.parallelfor.benchmarks;

import com.pivovarit.collectors.ParallelCollectors;
import dev.parallelfor.Mode;
import dev.parallelfor.runtime.LoopSettings;
import dev.parallelfor.runtime.Parallel;
import dev.parallelfor.runtime.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.LongUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The ways of running a single-item method over every item that the benchmarks compare. Each one
 * returns the same ordered {@code List<Long>} from the same items ({@link #run}), and sums the
 * results of a lazily produced input as they come ({@link #sumLazily}).
 *
 * <p>The hand-written contenders get the benchmark's {@link Pool}: a fixed pool of daemon threads
 * sized for the workload, and parallel-collectors gets the same pool and that size as its
 * parallelism. The ParallelFor drivers run at their default settings, as a user writes them.
 */
public enum Contender {
  /** The baseline: a plain sequential {@code for} loop. */
  FOR_LOOP("for loop") {
    @Override
    List<Long> run(Workload w, List<Long> items, Pool pool) {
      LongUnaryOperator f = w.function();
      List<Long> out = new ArrayList<>(items.size());
      for (Long x : items) {
        out.add(f.applyAsLong(x));
      }
      return out;
    }

    @Override
    long sumLazily(Workload w, Iterable<Long> items, Pool pool) {
      LongUnaryOperator f = w.function();
      long sum = 0;
      for (Long x : items) {
        sum += f.applyAsLong(x);
      }
      return sum;
    }
  },

  /** {@code items.parallelStream().map(f).toList()} on the common fork-join pool. */
  PARALLEL_STREAM("parallelStream") {
    @Override
    List<Long> run(Workload w, List<Long> items, Pool pool) {
      LongUnaryOperator f = w.function();
      return items.parallelStream().map(x -> f.applyAsLong(x)).toList();
    }

    @Override
    long sumLazily(Workload w, Iterable<Long> items, Pool pool) {
      LongUnaryOperator f = w.function();
      return StreamSupport.stream(items.spliterator(), true)
          .map(x -> f.applyAsLong(x))
          .mapToLong(Long::longValue)
          .sum();
    }
  },

  /** One {@code executor.submit} per item, then {@code get()} in order. */
  EXECUTOR_FUTURES("ExecutorService, future per item") {
    @Override
    List<Long> run(Workload w, List<Long> items, Pool pool) {
      LongUnaryOperator f = w.function();
      List<Future<Long>> futures = new ArrayList<>(items.size());
      for (Long x : items) {
        futures.add(pool.executor().submit(() -> f.applyAsLong(x)));
      }
      List<Long> out = new ArrayList<>(items.size());
      for (Future<Long> future : futures) {
        out.add(get(future));
      }
      return out;
    }

    @Override
    long sumLazily(Workload w, Iterable<Long> items, Pool pool) {
      LongUnaryOperator f = w.function();
      List<Future<Long>> futures = new ArrayList<>();
      for (Long x : items) {
        futures.add(pool.executor().submit(() -> f.applyAsLong(x)));
      }
      long sum = 0;
      for (Future<Long> future : futures) {
        sum += get(future);
      }
      return sum;
    }
  },

  /** One {@code CompletableFuture.supplyAsync} per item on the same pool, then {@code join()}. */
  COMPLETABLE_FUTURES("CompletableFuture.supplyAsync per item") {
    @Override
    List<Long> run(Workload w, List<Long> items, Pool pool) {
      LongUnaryOperator f = w.function();
      List<CompletableFuture<Long>> futures = new ArrayList<>(items.size());
      for (Long x : items) {
        futures.add(CompletableFuture.supplyAsync(() -> f.applyAsLong(x), pool.executor()));
      }
      List<Long> out = new ArrayList<>(items.size());
      for (CompletableFuture<Long> future : futures) {
        out.add(future.join());
      }
      return out;
    }

    @Override
    long sumLazily(Workload w, Iterable<Long> items, Pool pool) {
      LongUnaryOperator f = w.function();
      List<CompletableFuture<Long>> futures = new ArrayList<>();
      for (Long x : items) {
        futures.add(CompletableFuture.supplyAsync(() -> f.applyAsLong(x), pool.executor()));
      }
      long sum = 0;
      for (CompletableFuture<Long> future : futures) {
        sum += future.join();
      }
      return sum;
    }
  },

  /** {@code ParallelCollectors.parallel(f, toList(), executor, n).join()}: one task per item. */
  PARALLEL_COLLECTORS("parallel-collectors") {
    @Override
    List<Long> run(Workload w, List<Long> items, Pool pool) {
      LongUnaryOperator f = w.function();
      return items.stream()
          .collect(
              ParallelCollectors.parallel(
                  (Long x) -> f.applyAsLong(x),
                  Collectors.toList(),
                  pool.executor(),
                  pool.threads()))
          .join();
    }

    @Override
    long sumLazily(Workload w, Iterable<Long> items, Pool pool) {
      LongUnaryOperator f = w.function();
      return StreamSupport.stream(items.spliterator(), false)
          .collect(
              ParallelCollectors.parallelToOrderedStream(
                  (Long x) -> f.applyAsLong(x), pool.executor(), pool.threads()))
          .mapToLong(Long::longValue)
          .sum();
    }
  },

  /** parallel-collectors' batching variant: one task per thread, each over a slice of items. */
  PARALLEL_COLLECTORS_BATCHING("parallel-collectors Batching") {
    @Override
    List<Long> run(Workload w, List<Long> items, Pool pool) {
      LongUnaryOperator f = w.function();
      return items.stream()
          .collect(
              ParallelCollectors.Batching.parallel(
                  (Long x) -> f.applyAsLong(x),
                  Collectors.toList(),
                  pool.executor(),
                  pool.threads()))
          .join();
    }

    @Override
    long sumLazily(Workload w, Iterable<Long> items, Pool pool) {
      LongUnaryOperator f = w.function();
      return StreamSupport.stream(items.spliterator(), false)
          .collect(
              ParallelCollectors.Batching.parallelToOrderedStream(
                  (Long x) -> f.applyAsLong(x), pool.executor(), pool.threads()))
          .mapToLong(Long::longValue)
          .sum();
    }
  },

  /** The generated driver of the {@code Mode.CPU} method: {@code new …Driver().run(items)}. */
  PARALLELFOR_CPU("ParallelFor CPU") {
    @Override
    List<Long> run(Workload w, List<Long> items, Pool pool) {
      return w.cpu().run().run(items);
    }

    @Override
    long sumLazily(Workload w, Iterable<Long> items, Pool pool) {
      try (Stream<Long> results = w.cpu().stream().stream(items)) {
        return results.mapToLong(Long::longValue).sum();
      }
    }
  },

  /** The CPU driver's unboxed input path: {@code new …Driver().runRange(0, n)}. */
  PARALLELFOR_CPU_RANGE("ParallelFor CPU runRange") {
    @Override
    List<Long> run(Workload w, List<Long> items, Pool pool) {
      // The benchmarks' items are 0, 1, ..., n - 1, so the range is the same input unboxed.
      return w.cpu().range().runRange(0, items.size());
    }

    @Override
    long sumLazily(Workload w, Iterable<Long> items, Pool pool) {
      throw new UnsupportedOperationException("runRange collects a list; it has no lazy form");
    }
  },

  /** The ad-hoc loop in CPU mode: {@code Parallel.cpu((Long x) -> f(x)).run(items)}. */
  PARALLEL_LOOP_CPU("ParallelLoop CPU") {
    @Override
    List<Long> run(Workload w, List<Long> items, Pool pool) {
      LongUnaryOperator f = w.function();
      return Parallel.cpu((Long x) -> f.applyAsLong(x)).run(items);
    }

    @Override
    long sumLazily(Workload w, Iterable<Long> items, Pool pool) {
      LongUnaryOperator f = w.function();
      try (Stream<Long> results = Parallel.cpu((Long x) -> f.applyAsLong(x)).stream(items)) {
        return results.mapToLong(Long::longValue).sum();
      }
    }
  },

  /**
   * The ad-hoc loop over an unboxed range: {@code LoopSettings.of(CPU).rangeLoop((i, x) ->
   * f(x)).run(Range.of(0L, n))}.
   */
  PARALLEL_LOOP_CPU_RANGE("ParallelLoop CPU rangeLoop") {
    @Override
    List<Long> run(Workload w, List<Long> items, Pool pool) {
      LongUnaryOperator f = w.function();
      // The benchmarks' items are 0, 1, ..., n - 1, so the range is the same input unboxed.
      return LoopSettings.of(Mode.CPU)
          .rangeLoop((index, x) -> f.applyAsLong(x))
          .run(Range.of(0L, items.size()));
    }

    @Override
    long sumLazily(Workload w, Iterable<Long> items, Pool pool) {
      throw new UnsupportedOperationException("runRange collects a list; it has no lazy form");
    }
  },

  /** The ad-hoc loop in IO mode: {@code Parallel.io((Long x) -> f(x)).run(items)}. */
  PARALLEL_LOOP_IO("ParallelLoop IO") {
    @Override
    List<Long> run(Workload w, List<Long> items, Pool pool) {
      LongUnaryOperator f = w.function();
      return Parallel.io((Long x) -> f.applyAsLong(x)).run(items);
    }

    @Override
    long sumLazily(Workload w, Iterable<Long> items, Pool pool) {
      LongUnaryOperator f = w.function();
      try (Stream<Long> results = Parallel.io((Long x) -> f.applyAsLong(x)).stream(items)) {
        return results.mapToLong(Long::longValue).sum();
      }
    }
  },

  /**
   * The CPU driver with a checkpoint: every result journaled to a new file, synced at the end (the
   * default interval of a second is longer than a run): {@code driver.checkpoint(file).run(items)}.
   */
  PARALLELFOR_CPU_CHECKPOINT("ParallelFor CPU, checkpoint") {
    @Override
    List<Long> run(Workload w, List<Long> items, Pool pool) {
      return w.cpu().checkpointed().run(items);
    }

    @Override
    long sumLazily(Workload w, Iterable<Long> items, Pool pool) {
      throw new UnsupportedOperationException("not part of the lazy workload");
    }
  },

  /** The generated driver of the {@code Mode.IO} method: {@code new …IoDriver().run(items)}. */
  PARALLELFOR_IO("ParallelFor IO") {
    @Override
    List<Long> run(Workload w, List<Long> items, Pool pool) {
      return w.io().run().run(items);
    }

    @Override
    long sumLazily(Workload w, Iterable<Long> items, Pool pool) {
      try (Stream<Long> results = w.io().stream().stream(items)) {
        return results.mapToLong(Long::longValue).sum();
      }
    }
  };

  private final String label;

  Contender(String label) {
    this.label = label;
  }

  /**
   * @return the name shown in result tables
   */
  public String label() {
    return label;
  }

  /** Runs {@code w} over every item and returns the results in input order. */
  abstract List<Long> run(Workload w, List<Long> items, Pool pool);

  /**
   * Runs {@code w} over a lazily produced input and sums the results, keeping none of them: the
   * memory a contender needs here is its own, not the results'.
   */
  abstract long sumLazily(Workload w, Iterable<Long> items, Pool pool);

  private static long get(Future<Long> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}
