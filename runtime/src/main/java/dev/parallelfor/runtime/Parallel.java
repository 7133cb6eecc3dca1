package dev.parallelfor.runtime;

import dev.parallelfor.Mode;

/**
 * Ad-hoc parallel loops, without an annotated method: the function is given as a lambda or a method
 * reference.
 *
 * <pre>{@code
 * List<String> pages = Parallel.io(Crawler::fetch).onProgress(ProgressBars.console("fetch")).run(urls);
 * List<Long> squares = Parallel.cpu((Long n) -> n * n).run(Range.of(0L, 1_000_000L));
 * }</pre>
 *
 * <p>Java infers the item type from a method reference or from a lambda whose parameter has a
 * declared type ({@code (URI uri) -> fetch(uri)}); for a lambda without one, give the types ({@code
 * Parallel.<URI, String>io(uri -> fetch(uri))}) or assign the loop to a typed variable.
 */
public final class Parallel {
  private Parallel() {}

  /**
   * A loop for work that computes: one platform thread per core by default.
   *
   * @param function the work for one item; called from several threads at once
   * @param <T> the item type
   * @param <R> the result type
   * @return the loop, with the mode's default settings
   * @throws NullPointerException if {@code function} is null
   */
  public static <T, R> ParallelLoop<T, R> cpu(ItemFunction<? super T, ? extends R> function) {
    return of(Mode.CPU, function);
  }

  /**
   * Like {@link #cpu(ItemFunction)} for a function that also takes the item's position.
   *
   * @param function the work for one item; called from several threads at once
   * @param <T> the item type
   * @param <R> the result type
   * @return the loop, with the mode's default settings
   * @throws NullPointerException if {@code function} is null
   */
  public static <T, R> ParallelLoop<T, R> cpu(
      IndexedItemFunction<? super T, ? extends R> function) {
    return of(Mode.CPU, function);
  }

  /**
   * A loop for work that blocks (network, disk, other processes): many items in flight, on virtual
   * threads where the JVM has them.
   *
   * @param function the work for one item; called from several threads at once
   * @param <T> the item type
   * @param <R> the result type
   * @return the loop, with the mode's default settings
   * @throws NullPointerException if {@code function} is null
   */
  public static <T, R> ParallelLoop<T, R> io(ItemFunction<? super T, ? extends R> function) {
    return of(Mode.IO, function);
  }

  /**
   * Like {@link #io(ItemFunction)} for a function that also takes the item's position.
   *
   * @param function the work for one item; called from several threads at once
   * @param <T> the item type
   * @param <R> the result type
   * @return the loop, with the mode's default settings
   * @throws NullPointerException if {@code function} is null
   */
  public static <T, R> ParallelLoop<T, R> io(IndexedItemFunction<? super T, ? extends R> function) {
    return of(Mode.IO, function);
  }

  /**
   * A loop of the given mode.
   *
   * @param mode {@link Mode#CPU} or {@link Mode#IO}
   * @param function the work for one item; called from several threads at once
   * @param <T> the item type
   * @param <R> the result type
   * @return the loop, with the mode's default settings
   * @throws NullPointerException if {@code mode} or {@code function} is null
   */
  public static <T, R> ParallelLoop<T, R> of(
      Mode mode, ItemFunction<? super T, ? extends R> function) {
    return LoopSettings.of(mode).loop(function);
  }

  /**
   * Like {@link #of(Mode, ItemFunction)} for a function that also takes the item's position.
   *
   * @param mode {@link Mode#CPU} or {@link Mode#IO}
   * @param function the work for one item; called from several threads at once
   * @param <T> the item type
   * @param <R> the result type
   * @return the loop, with the mode's default settings
   * @throws NullPointerException if {@code mode} or {@code function} is null
   */
  public static <T, R> ParallelLoop<T, R> of(
      Mode mode, IndexedItemFunction<? super T, ? extends R> function) {
    return LoopSettings.of(mode).loop(function);
  }

  /**
   * A loop of the given mode whose workers each keep their own state (a {@code MessageDigest}, a
   * {@code Deflater}, a connection): see {@link PerWorkerFunction}.
   *
   * <pre>{@code
   * List<String> sums = Parallel.perWorker(Mode.CPU, (WorkerScope worker) -> {
   *       MessageDigest sha = worker.local(Checksums::sha256);
   *       return (long index, Path file) -> Checksums.hex(sha, file);
   *     })
   *     .run(files);
   * }</pre>
   *
   * @param mode {@link Mode#CPU} or {@link Mode#IO}
   * @param function makes each worker's function, once per worker per run
   * @param <T> the item type
   * @param <R> the result type
   * @return the loop, with the mode's default settings
   * @throws NullPointerException if {@code mode} or {@code function} is null
   */
  public static <T, R> ParallelLoop<T, R> perWorker(
      Mode mode, PerWorkerFunction<? super T, ? extends R> function) {
    return LoopSettings.of(mode).loopPerWorker(function);
  }
}
