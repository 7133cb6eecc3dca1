package dev.parallelfor.runtime;

import java.util.function.Supplier;

/**
 * What one worker of a run owns for that run: the instances it made with {@link #local}, closed
 * when it leaves the run. Handed to a {@link PerWorkerFunction}; use it on that worker's thread
 * only (from the factory, or from the function the factory returned).
 *
 * <p>A worker is one thread's stay in one run: a run has at most its parallelism of them at once,
 * and a thread that helps a nested run while it waits for it is a worker of that run too for as
 * long as it helps. Instances are never shared between workers, so they need not be thread-safe.
 */
public interface WorkerScope {
  /**
   * Calls {@code supplier} now, on the worker's thread, and returns what it gave. An instance that
   * is {@link AutoCloseable} is closed when the worker leaves the run, also when the run fails, is
   * cancelled or times out; instances are closed in the reverse order of their making. If a close
   * throws, the run fails with a {@link ParallelForException} whose cause is what it threw (or that
   * is attached as suppressed to the run's failure when it has one); the others are closed all the
   * same.
   *
   * @param supplier makes the instance; may return null (nothing is closed then)
   * @param <S> the instance's type
   * @return what the supplier returned
   * @throws NullPointerException if {@code supplier} is null
   */
  <S> S local(Supplier<? extends S> supplier);
}
