package dev.parallelfor.runtime;

/**
 * The work of a loop whose workers each keep their own state: called once per worker per run, on
 * the worker's thread when it is about to run its first item, it returns the function that worker
 * then calls for every item it runs. So the function may use things that are not thread-safe (a
 * {@code MessageDigest}, a {@code Deflater}, a connection) without locks, and they are made once
 * per worker rather than once per item.
 *
 * <pre>{@code
 * List<String> sums = Parallel.perWorker(Mode.CPU, (WorkerScope worker) -> {
 *       MessageDigest digest = worker.local(Checksums::sha256);
 *       return (long index, Path file) -> Checksums.hex(digest, file);
 *     })
 *     .run(files);
 * }</pre>
 *
 * <p>Instances made with {@link WorkerScope#local} that are {@link AutoCloseable} are closed when
 * the worker leaves the run. If this method throws, the run stops (in every form, {@code runAll}
 * included: a worker without its state can run nothing) with a {@link ParallelForException} whose
 * cause is what it threw, and {@code index() == -1}; what it had made already is closed.
 *
 * @param <T> the item type
 * @param <R> the result type
 */
@FunctionalInterface
public interface PerWorkerFunction<T, R> {
  /**
   * Makes one worker's function.
   *
   * @param worker where to make the worker's own instances, closed when it leaves the run
   * @return the function this worker calls for each of its items; only ever called from this
   *     worker's thread
   * @throws Exception whatever making the state throws: it stops the run
   */
  IndexedItemFunction<T, R> forWorker(WorkerScope worker) throws Exception;
}
