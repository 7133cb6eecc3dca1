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
 * runs then grow the pool well past what they use. Here a worker that is done with its run counts
 * itself idle before the run reports its end ({@link #releasingCurrentThread(Runnable)}), and a
 * task is queued for it instead of starting a thread.
 */
final class ElasticPool implements Executor {
  private static final ThreadLocal<ElasticPool> OWNER = new ThreadLocal<>();
  private static final ThreadLocal<Runnable> CURRENT_TASK = new ThreadLocal<>();
  private static final ThreadLocal<boolean[]> RELEASED =
      ThreadLocal.withInitial(() -> new boolean[1]);

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
    boolean startThread;
    lock.lock();
    try {
      if (shutdown) {
        throw new RejectedExecutionException(prefix + "pool was released");
      }
      tasks.addLast(task);
      startThread = tasks.size() > idle;
      if (startThread) {
        threads++;
      } else {
        taskAdded.signal();
      }
    } finally {
      lock.unlock();
    }
    if (startThread) {
      Thread thread = new Thread(this::loop, prefix + names.incrementAndGet());
      thread.setDaemon(true);
      thread.start();
    }
  }

  /**
   * Called by a task that has finished its work and will return at once: the thread counts as idle
   * from now on, so work handed to the pool meanwhile waits for it rather than starting a new
   * thread. Does nothing unless {@code task} is the task this pool thread is running (not, for
   * example, a task run inline by a direct executor inside another one).
   */
  static void releasingCurrentThread(Runnable task) {
    ElasticPool pool = OWNER.get();
    if (pool == null || task == null || CURRENT_TASK.get() != task) {
      return;
    }
    boolean[] released = RELEASED.get();
    if (!released[0]) {
      released[0] = true;
      pool.lock.lock();
      try {
        pool.idle++;
      } finally {
        pool.lock.unlock();
      }
    }
  }

  /**
   * Counts as idle the threads that will run {@code tasks} already handed to this pool which are
   * known to return at once (workers of a run that has ended); each such task calls {@link
   * #countedIdleAlready(Runnable)} instead of being counted again.
   */
  void countIdleSoon(int tasks) {
    lock.lock();
    try {
      idle += tasks;
    } finally {
      lock.unlock();
    }
  }

  /** The current task was counted by {@link #countIdleSoon(int)}: its thread is idle already. */
  static void countedIdleAlready(Runnable task) {
    if (OWNER.get() != null && task != null && CURRENT_TASK.get() == task) {
      RELEASED.get()[0] = true;
    }
  }

  /** Lets idle threads end now and busy ones after their task; later tasks are rejected. */
  void shutdown() {
    lock.lock();
    try {
      shutdown = true;
      taskAdded.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void loop() {
    OWNER.set(this);
    boolean[] released = RELEASED.get();
    try {
      while (true) {
        Runnable task = nextTask();
        if (task == null) {
          return;
        }
        released[0] = false;
        CURRENT_TASK.set(task);
        try {
          task.run();
        } catch (Throwable t) {
          Thread.currentThread()
              .getUncaughtExceptionHandler()
              .uncaughtException(Thread.currentThread(), t);
        }
        CURRENT_TASK.remove();
        Thread.interrupted(); // a late interrupt meant for the finished task stays with it
        if (!released[0]) {
          released[0] = true;
          lock.lock();
          try {
            idle++;
          } finally {
            lock.unlock();
          }
        }
      }
    } finally {
      OWNER.remove();
      RELEASED.remove();
      CURRENT_TASK.remove();
    }
  }

  /** Waits for a task as an idle thread; null when the thread should end. */
  private Runnable nextTask() {
    lock.lock();
    try {
      if (!RELEASED.get()[0]) {
        idle++; // first task of a new thread: it was counted in threads, not idle
        RELEASED.get()[0] = true;
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
          // Pool threads are only interrupted by runs cancelling their own items; keep waiting.
        }
      }
      idle--;
      return tasks.pollFirst();
    } finally {
      lock.unlock();
    }
  }
}
