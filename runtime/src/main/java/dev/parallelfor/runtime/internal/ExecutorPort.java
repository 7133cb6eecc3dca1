package dev.parallelfor.runtime.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The only code that calls a run's executor: hands it tasks, takes back those it has not started
 * where it allows that, asks whether it was shut down, and tells the shared pool when a task is
 * about to return. Hands the shared pool (never a caller's executor) a task of the run's own, its
 * finish. Holds no state of its own; called without any of the run's locks held.
 */
final class ExecutorPort {
  private final Executor executor;

  ExecutorPort(Executor executor) {
    this.executor = executor;
  }

  /** {@code execute}; whatever it throws reaches the caller. */
  void execute(Runnable task) {
    executor.execute(task);
  }

  /** Whether the executor is one of the shared pools, which keep their own idle counts. */
  boolean isSharedPool() {
    return executor instanceof ElasticPool;
  }

  /** Whether the executor says it was shut down: tasks it holds may never run then. */
  boolean shutDown() {
    try {
      return executor instanceof ExecutorService service && service.isShutdown();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Hands a task of the runtime's own to the executor if it is the shared pool, whose {@code
   * execute} runs none of the caller's code and never waits. Returns false when it is another
   * executor, or the pool refused the task (released).
   */
  boolean executeOnSharedPool(Runnable task) {
    if (!(executor instanceof ElasticPool pool)) {
      return false;
    }
    try {
      pool.execute(task);
      return true;
    } catch (Throwable refused) {
      return false;
    }
  }

  /** Takes a task back out of the executor's queue where the executor allows it. */
  boolean withdraw(Runnable task) {
    try {
      if (executor instanceof ElasticPool pool) {
        return pool.withdraw(task);
      } else if (executor instanceof ThreadPoolExecutor pool) {
        return pool.remove(task);
      }
    } catch (RuntimeException ignored) {
      // The task then runs later and leaves at once.
    }
    return false;
  }

  /**
   * The task (null for a helping thread) is about to return: the shared pool may count its thread
   * as idle from now on.
   */
  void taskEnding(Runnable task) {
    if (task != null && executor instanceof ElasticPool pool) {
      pool.taskEnding(task);
    }
  }
}
