package com.example.hash;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.Completed;
import dev.parallelfor.runtime.ContextPropagator;
import dev.parallelfor.runtime.LoopSettings;
import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.ProgressListener;
import dev.parallelfor.runtime.Results;
import dev.parallelfor.runtime.RetryPolicy;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import javax.annotation.processing.Generated;

/**
 * Runs {@link Hasher#digest(byte[], long, MessageDigest, int, Deflater)} for many items
 * in parallel, in {@link Mode#CPU} mode with the mode's default parallelism.
 *
 * <p>{@code digest} is called from several threads at once, so it must be thread-safe.
 * Each configuration method returns a new driver; a driver is immutable and can be
 * shared between threads.
 *
 * <pre>{@code
 * List<byte[]> results = new HasherDigestDriver()
 *     .run(items, digest, rounds, deflater);
 * }</pre>
 */
@Generated("dev.parallelfor.processor.ParallelForProcessor")
public final class HasherDigestDriver {
  /**
   * Mode, parallelism, executor, listener, deadline and per-item options of every run.
   */
  private final LoopSettings settings;

  /**
   * Creates a driver for the static method {@code digest}.
   */
  public HasherDigestDriver() {
    this(LoopSettings.of(Mode.CPU)
        .name("HasherDigestDriver", "Hasher.digest(byte[], long, MessageDigest, int, Deflater)"));
  }

  /**
   * A driver with the given settings.
   *
   * @param settings the settings of every run
   */
  private HasherDigestDriver(LoopSettings settings) {
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
  public HasherDigestDriver parallelism(int parallelism) {
    return new HasherDigestDriver(settings.parallelism(parallelism));
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
  public HasherDigestDriver executor(Executor executor) {
    return new HasherDigestDriver(settings.executor(executor));
  }

  /**
   * Returns a driver like this one that reports the progress of every run to
   * {@code listener}.
   *
   * @param listener receives each run's progress, never concurrently
   * @return the new driver
   * @throws NullPointerException if {@code listener} is null
   */
  public HasherDigestDriver onProgress(ProgressListener listener) {
    return new HasherDigestDriver(settings.onProgress(listener));
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
  public HasherDigestDriver timeout(Duration timeout) {
    return new HasherDigestDriver(settings.timeout(timeout));
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
  public HasherDigestDriver itemTimeout(Duration itemTimeout) {
    return new HasherDigestDriver(settings.itemTimeout(itemTimeout));
  }

  /**
   * Returns a driver like this one that tries failed items again as {@code policy} says,
   * instead of following the method's {@code @Retry}, if it has one.
   *
   * @param policy which failures are worth another attempt, how many, which waits
   * @return the new driver
   * @throws NullPointerException if {@code policy} is null
   */
  public HasherDigestDriver retry(RetryPolicy policy) {
    return new HasherDigestDriver(settings.retry(policy));
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
  public HasherDigestDriver propagateContext(ContextPropagator propagator) {
    return new HasherDigestDriver(settings.propagateContext(propagator));
  }

  /**
   * Returns a driver like this one that starts at most {@code perSecond} items a second
   * in each run, retries included, evenly spaced.
   *
   * @param perSecond the most item starts per second
   * @return the new driver
   * @throws IllegalArgumentException if {@code perSecond < 1}
   */
  public HasherDigestDriver rateLimit(int perSecond) {
    return new HasherDigestDriver(settings.rateLimit(perSecond));
  }

  /**
   * Calls {@code digest} for every item, several at once, and returns the results in input order.
   *
   * <p>Fail-fast: the first failure stops the run (items not started yet never start,
   * running ones are interrupted) and is thrown, once every started item has stopped,
   * as a {@link ParallelForException} whose cause is what {@code digest} threw. An item
   * that ignores interrupts delays that moment.
   *
   * @param items the items, one call of {@code digest} each
   * @param digest makes the {@code digest} of each worker: called once per worker per run, on its
   *     thread before its first item; an {@code AutoCloseable} result is closed when the
   *     worker leaves the run
   * @param rounds passed as {@code rounds} to every call of {@code digest}
   * @param deflater makes the {@code deflater} of each worker: called once per worker per run, on its
   *     thread before its first item; an {@code AutoCloseable} result is closed when the
   *     worker leaves the run
   * @return the results, one per item, in input order
   * @throws NullPointerException if {@code items}, {@code digest} or {@code deflater} is null
   * @throws ParallelForException if an item failed, the deadline passed or the
   *     calling thread was interrupted
   */
  public List<byte[]> run(Iterable<? extends byte[]> items,
      Supplier<? extends MessageDigest> digest, int rounds, Supplier<? extends Deflater> deflater) {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(deflater, "deflater");
    return settings.<byte[], byte[]>loopPerWorker(worker -> {
          MessageDigest workerDigest = worker.local(digest);
          Deflater workerDeflater = worker.local(deflater);
          return (index, item) -> Hasher.digest(item, index, workerDigest, rounds, workerDeflater);
        })
        .run(items);
  }

  /**
   * Calls {@code digest} for every item, several at once, and returns the results in input order.
   *
   * <p>The stream of items is read lazily and closed on every path.
   *
   * <p>Fail-fast: the first failure stops the run (items not started yet never start,
   * running ones are interrupted) and is thrown, once every started item has stopped,
   * as a {@link ParallelForException} whose cause is what {@code digest} threw. An item
   * that ignores interrupts delays that moment.
   *
   * @param items the items, one call of {@code digest} each
   * @param digest makes the {@code digest} of each worker: called once per worker per run, on its
   *     thread before its first item; an {@code AutoCloseable} result is closed when the
   *     worker leaves the run
   * @param rounds passed as {@code rounds} to every call of {@code digest}
   * @param deflater makes the {@code deflater} of each worker: called once per worker per run, on its
   *     thread before its first item; an {@code AutoCloseable} result is closed when the
   *     worker leaves the run
   * @return the results, one per item, in input order
   * @throws NullPointerException if {@code items}, {@code digest} or {@code deflater} is null
   * @throws ParallelForException if an item failed, the deadline passed or the
   *     calling thread was interrupted
   */
  public List<byte[]> run(Stream<? extends byte[]> items, Supplier<? extends MessageDigest> digest,
      int rounds, Supplier<? extends Deflater> deflater) {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(deflater, "deflater");
    return settings.<byte[], byte[]>loopPerWorker(worker -> {
          MessageDigest workerDigest = worker.local(digest);
          Deflater workerDeflater = worker.local(deflater);
          return (index, item) -> Hasher.digest(item, index, workerDigest, rounds, workerDeflater);
        })
        .run(items);
  }

  /**
   * Calls {@code digest} for every item, several at once, attempting every item even when some
   * fail.
   *
   * @param items the items, one call of {@code digest} each
   * @param digest makes the {@code digest} of each worker: called once per worker per run, on its
   *     thread before its first item; an {@code AutoCloseable} result is closed when the
   *     worker leaves the run
   * @param rounds passed as {@code rounds} to every call of {@code digest}
   * @param deflater makes the {@code deflater} of each worker: called once per worker per run, on its
   *     thread before its first item; an {@code AutoCloseable} result is closed when the
   *     worker leaves the run
   * @return each item's outcome (its result or its failure) in input order
   * @throws NullPointerException if {@code items}, {@code digest} or {@code deflater} is null
   * @throws ParallelForException if the deadline passed or the calling thread was
   *     interrupted
   */
  public Results<byte[]> runAll(Iterable<? extends byte[]> items,
      Supplier<? extends MessageDigest> digest, int rounds, Supplier<? extends Deflater> deflater) {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(deflater, "deflater");
    return settings.<byte[], byte[]>loopPerWorker(worker -> {
          MessageDigest workerDigest = worker.local(digest);
          Deflater workerDeflater = worker.local(deflater);
          return (index, item) -> Hasher.digest(item, index, workerDigest, rounds, workerDeflater);
        })
        .runAll(items);
  }

  /**
   * Calls {@code digest} for every item, several at once, attempting every item even when some
   * fail.
   *
   * <p>The stream of items is read lazily and closed on every path.
   *
   * @param items the items, one call of {@code digest} each
   * @param digest makes the {@code digest} of each worker: called once per worker per run, on its
   *     thread before its first item; an {@code AutoCloseable} result is closed when the
   *     worker leaves the run
   * @param rounds passed as {@code rounds} to every call of {@code digest}
   * @param deflater makes the {@code deflater} of each worker: called once per worker per run, on its
   *     thread before its first item; an {@code AutoCloseable} result is closed when the
   *     worker leaves the run
   * @return each item's outcome (its result or its failure) in input order
   * @throws NullPointerException if {@code items}, {@code digest} or {@code deflater} is null
   * @throws ParallelForException if the deadline passed or the calling thread was
   *     interrupted
   */
  public Results<byte[]> runAll(Stream<? extends byte[]> items,
      Supplier<? extends MessageDigest> digest, int rounds, Supplier<? extends Deflater> deflater) {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(deflater, "deflater");
    return settings.<byte[], byte[]>loopPerWorker(worker -> {
          MessageDigest workerDigest = worker.local(digest);
          Deflater workerDeflater = worker.local(deflater);
          return (index, item) -> Hasher.digest(item, index, workerDigest, rounds, workerDeflater);
        })
        .runAll(items);
  }

  /**
   * Starts the run and returns at once. The future completes with the results in input order, or exceptionally
   * with the run's {@link ParallelForException}; cancelling it cancels the run.
   *
   * @param items the items, one call of {@code digest} each
   * @param digest makes the {@code digest} of each worker: called once per worker per run, on its
   *     thread before its first item; an {@code AutoCloseable} result is closed when the
   *     worker leaves the run
   * @param rounds passed as {@code rounds} to every call of {@code digest}
   * @param deflater makes the {@code deflater} of each worker: called once per worker per run, on its
   *     thread before its first item; an {@code AutoCloseable} result is closed when the
   *     worker leaves the run
   * @return the future of the run
   * @throws NullPointerException if {@code items}, {@code digest} or {@code deflater} is null
   */
  public CompletableFuture<List<byte[]>> runAsync(Iterable<? extends byte[]> items,
      Supplier<? extends MessageDigest> digest, int rounds, Supplier<? extends Deflater> deflater) {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(deflater, "deflater");
    return settings.<byte[], byte[]>loopPerWorker(worker -> {
          MessageDigest workerDigest = worker.local(digest);
          Deflater workerDeflater = worker.local(deflater);
          return (index, item) -> Hasher.digest(item, index, workerDigest, rounds, workerDeflater);
        })
        .runAsync(items);
  }

  /**
   * Starts the run and returns at once. The future completes with the results in input order, or exceptionally
   * with the run's {@link ParallelForException}; cancelling it cancels the run.
   *
   * <p>The stream of items is read lazily and closed on every path.
   *
   * @param items the items, one call of {@code digest} each
   * @param digest makes the {@code digest} of each worker: called once per worker per run, on its
   *     thread before its first item; an {@code AutoCloseable} result is closed when the
   *     worker leaves the run
   * @param rounds passed as {@code rounds} to every call of {@code digest}
   * @param deflater makes the {@code deflater} of each worker: called once per worker per run, on its
   *     thread before its first item; an {@code AutoCloseable} result is closed when the
   *     worker leaves the run
   * @return the future of the run
   * @throws NullPointerException if {@code items}, {@code digest} or {@code deflater} is null
   */
  public CompletableFuture<List<byte[]>> runAsync(Stream<? extends byte[]> items,
      Supplier<? extends MessageDigest> digest, int rounds, Supplier<? extends Deflater> deflater) {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(deflater, "deflater");
    return settings.<byte[], byte[]>loopPerWorker(worker -> {
          MessageDigest workerDigest = worker.local(digest);
          Deflater workerDeflater = worker.local(deflater);
          return (index, item) -> Hasher.digest(item, index, workerDigest, rounds, workerDeflater);
        })
        .runAsync(items);
  }

  /**
   * Returns the results in input order while the run goes on, reading a bounded number of
   * items ahead. Use it in try-with-resources: closing the stream (or a short-circuiting
   * operation such as {@code findFirst}) cancels the run, waits for its workers and
   * frees its threads. Fail-fast: the stream operation that reaches a failure throws it.
   *
   * @param items the items, one call of {@code digest} each
   * @param digest makes the {@code digest} of each worker: called once per worker per run, on its
   *     thread before its first item; an {@code AutoCloseable} result is closed when the
   *     worker leaves the run
   * @param rounds passed as {@code rounds} to every call of {@code digest}
   * @param deflater makes the {@code deflater} of each worker: called once per worker per run, on its
   *     thread before its first item; an {@code AutoCloseable} result is closed when the
   *     worker leaves the run
   * @return the results in input order, as they come
   * @throws NullPointerException if {@code items}, {@code digest} or {@code deflater} is null
   */
  public Stream<byte[]> stream(Iterable<? extends byte[]> items,
      Supplier<? extends MessageDigest> digest, int rounds, Supplier<? extends Deflater> deflater) {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(deflater, "deflater");
    return settings.<byte[], byte[]>loopPerWorker(worker -> {
          MessageDigest workerDigest = worker.local(digest);
          Deflater workerDeflater = worker.local(deflater);
          return (index, item) -> Hasher.digest(item, index, workerDigest, rounds, workerDeflater);
        })
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
   * @param items the items, one call of {@code digest} each
   * @param digest makes the {@code digest} of each worker: called once per worker per run, on its
   *     thread before its first item; an {@code AutoCloseable} result is closed when the
   *     worker leaves the run
   * @param rounds passed as {@code rounds} to every call of {@code digest}
   * @param deflater makes the {@code deflater} of each worker: called once per worker per run, on its
   *     thread before its first item; an {@code AutoCloseable} result is closed when the
   *     worker leaves the run
   * @return the results in input order, as they come
   * @throws NullPointerException if {@code items}, {@code digest} or {@code deflater} is null
   */
  public Stream<byte[]> stream(Stream<? extends byte[]> items,
      Supplier<? extends MessageDigest> digest, int rounds, Supplier<? extends Deflater> deflater) {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(deflater, "deflater");
    return settings.<byte[], byte[]>loopPerWorker(worker -> {
          MessageDigest workerDigest = worker.local(digest);
          Deflater workerDeflater = worker.local(deflater);
          return (index, item) -> Hasher.digest(item, index, workerDigest, rounds, workerDeflater);
        })
        .stream(items);
  }

  /**
   * Returns the results as they are done, each with its item's index, while the run goes
   * on: bounded look-ahead, fail-fast and cancel on close as {@code stream}, but one
   * slow item does not hold back the results of the others.
   *
   * @param items the items, one call of {@code digest} each
   * @param digest makes the {@code digest} of each worker: called once per worker per run, on its
   *     thread before its first item; an {@code AutoCloseable} result is closed when the
   *     worker leaves the run
   * @param rounds passed as {@code rounds} to every call of {@code digest}
   * @param deflater makes the {@code deflater} of each worker: called once per worker per run, on its
   *     thread before its first item; an {@code AutoCloseable} result is closed when the
   *     worker leaves the run
   * @return the results with their indexes, in the order they were done
   * @throws NullPointerException if {@code items}, {@code digest} or {@code deflater} is null
   */
  public Stream<Completed<byte[]>> asCompleted(Iterable<? extends byte[]> items,
      Supplier<? extends MessageDigest> digest, int rounds, Supplier<? extends Deflater> deflater) {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(deflater, "deflater");
    return settings.<byte[], byte[]>loopPerWorker(worker -> {
          MessageDigest workerDigest = worker.local(digest);
          Deflater workerDeflater = worker.local(deflater);
          return (index, item) -> Hasher.digest(item, index, workerDigest, rounds, workerDeflater);
        })
        .asCompleted(items);
  }

  /**
   * Returns the results as they are done, each with its item's index, while the run goes
   * on: bounded look-ahead, fail-fast and cancel on close as {@code stream}, but one
   * slow item does not hold back the results of the others.
   *
   * <p>The stream of items is read lazily and closed on every path.
   *
   * @param items the items, one call of {@code digest} each
   * @param digest makes the {@code digest} of each worker: called once per worker per run, on its
   *     thread before its first item; an {@code AutoCloseable} result is closed when the
   *     worker leaves the run
   * @param rounds passed as {@code rounds} to every call of {@code digest}
   * @param deflater makes the {@code deflater} of each worker: called once per worker per run, on its
   *     thread before its first item; an {@code AutoCloseable} result is closed when the
   *     worker leaves the run
   * @return the results with their indexes, in the order they were done
   * @throws NullPointerException if {@code items}, {@code digest} or {@code deflater} is null
   */
  public Stream<Completed<byte[]>> asCompleted(Stream<? extends byte[]> items,
      Supplier<? extends MessageDigest> digest, int rounds, Supplier<? extends Deflater> deflater) {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(deflater, "deflater");
    return settings.<byte[], byte[]>loopPerWorker(worker -> {
          MessageDigest workerDigest = worker.local(digest);
          Deflater workerDeflater = worker.local(deflater);
          return (index, item) -> Hasher.digest(item, index, workerDigest, rounds, workerDeflater);
        })
        .asCompleted(items);
  }
}
