package dev.parallelfor.runtime.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A pool of daemon platform threads that grows to whatever is asked of it and shrinks when idle.
 *
 * <p>Why not a cached {@code ThreadPoolExecutor}: its hand-off only succeeds when a thread is
 * already parked waiting, so a run that starts right after another one ended often finds the
 * previous run's threads a few microseconds short of waiting, and creates new ones; back-to-back
 * runs then grow the pool well past what they use. Here the task a pool thread runs may say that it
 * is about to return ({@link #taskEnding(Runnable)}): the thread counts as idle from then on, so a
 * task queued meanwhile waits the few microseconds for it instead of starting a thread.
 *
 * <p>Bookkeeping. Every count is guarded by {@link #lock} and changed only here: {@code threads} is
 * the number of live pool threads, {@code idle} the number of them that run no task (waiting, or
 * between a task that said it was ending and the next one). A thread starts only when the queue
 * holds more tasks than there are idle threads, so {@code 0 <= idle <= threads} always holds. Tasks
 * queued but no longer wanted (workers of a run that ended) are taken back with {@link
 * #withdraw(Runnable)} rather than counted.
 */
final class ElasticPool implements Executor {
  private final String prefix;
  private final long keepAliveNanos;
  private final AtomicInteger names = new AtomicInteger();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition taskAdded = lock.newCondition();

  // Guarded by lock.
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private int idle;
  private int threads;
  private boolean shutdown;

  ElasticPool(String prefix, long keepAlive, TimeUnit unit) {
    this.prefix = prefix;
    this.keepAliveNanos = unit.toNanos(keepAlive);
  }

  @Override
  public void execute(Runnable task) {
    if (task == null) {
      throw new NullPointerException("task");
    }
    PoolThread thread = null;
    lock.lock();
    try {
      if (shutdown) {
        throw new RejectedExecutionException(prefix + "* pool was released");
      }
      tasks.addLast(task);
      if (tasks.size() > idle) {
        threads++;
        thread = new PoolThread(prefix + names.incrementAndGet());
      } else {
        taskAdded.signal();
      }
    } finally {
      lock.unlock();
    }
    if (thread != null) {
      try {
        thread.start();
      } catch (Throwable e) { // e.g. OutOfMemoryError: unable to create native thread
        lock.lock();
        try {
          threads--;
          tasks.removeFirstOccurrence(task);
        } finally {
          lock.unlock();
        }
        throw e;
      }
    }
  }

  /**
   * Called by {@code task} when it is about to return: its thread counts as idle from now on. Does
   * nothing unless the calling thread is one of this pool's running exactly {@code task} (not, for
   * example, a task that a direct executor runs inline inside another one), and only once per task.
   */
  void taskEnding(Runnable task) {
    if (Thread.currentThread() instanceof PoolThread thread
        && thread.pool() == this
        && thread.task == task
        && !thread.countedIdle) {
      thread.countedIdle = true;
      lock.lock();
      try {
        idle++;
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Takes back a task that no thread has started yet.
   *
   * @return true if it was still queued and will never run
   */
  boolean withdraw(Runnable task) {
    lock.lock();
    try {
      return tasks.removeFirstOccurrence(task);
    } finally {
      lock.unlock();
    }
  }

  /** Lets idle threads end now and busy ones once the queue is empty; later tasks are rejected. */
  void shutdown() {
    lock.lock();
    try {
      shutdown = true;
      taskAdded.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The number of live threads. */
  int threadCount() {
    lock.lock();
    try {
      return threads;
    } finally {
      lock.unlock();
    }
  }

  /** The number of threads that run no task. */
  int idleCount() {
    lock.lock();
    try {
      return idle;
    } finally {
      lock.unlock();
    }
  }

  /** Waits for a task as an idle thread; null when the thread should end. */
  private Runnable nextTask(PoolThread thread) {
    lock.lock();
    try {
      if (!thread.countedIdle) {
        thread.countedIdle = true;
        idle++;
      }
      long nanos = keepAliveNanos;
      while (tasks.isEmpty()) {
        if (shutdown || nanos <= 0) {
          idle--;
          threads--;
          return null;
        }
        try {
          nanos = taskAdded.awaitNanos(nanos);
        } catch (InterruptedException e) {
          // A late interrupt meant for a finished task; keep waiting.
        }
      }
      idle--;
      thread.countedIdle = false;
      Runnable task = tasks.pollFirst();
      thread.task = task;
      return task;
    } finally {
      lock.unlock();
    }
  }

  /** A thread of this pool, which knows the task it runs. */
  private final class PoolThread extends Thread {
    /** Confined to this thread (read by {@link #taskEnding} on it). */
    Runnable task;

    boolean countedIdle;

    PoolThread(String name) {
      super(name);
      setDaemon(true);
      // Counted as busy (not idle) until its first nextTask(): it starts for a queued task.
    }

    ElasticPool pool() {
      return ElasticPool.this;
    }

    @Override
    public void run() {
      Runnable next;
      while ((next = nextTask(this)) != null) {
        try {
          next.run();
        } catch (Throwable t) {
          getUncaughtExceptionHandler().uncaughtException(this, t);
        }
        task = null;
        Thread.interrupted(); // a late interrupt meant for the finished task stays with it
      }
    }
  }
}
