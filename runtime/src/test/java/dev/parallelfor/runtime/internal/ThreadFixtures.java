package dev.parallelfor.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Helpers of the tests that start threads: private daemon pools, thread counts, bounded polling.
 */
final class ThreadFixtures {
  private ThreadFixtures() {}

  /** A factory of daemon threads named {@code prefix1, prefix2, ...}. */
  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** A fixed pool of daemon threads, so a test that hangs cannot keep the test JVM alive. */
  static ExecutorService fixedDaemonPool(int threads, String prefix) {
    return Executors.newFixedThreadPool(threads, daemonThreads(prefix));
  }

  /**
   * Shuts a pool down and runs the tasks it still held on fresh daemon threads, so anything that
   * waited for them (after a failed test) can end instead of blocking a thread forever.
   */
  static void shutDownAndDrain(ExecutorService pool) {
    List<Runnable> pending = pool.shutdownNow();
    ThreadFactory drainers = daemonThreads("drained-task-");
    for (Runnable task : pending) {
      drainers.newThread(task).start();
    }
  }

  /** Live threads whose name starts with {@code prefix}. */
  static List<Thread> liveThreads(String prefix) {
    List<Thread> found = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.isAlive() && thread.getName().startsWith(prefix)) {
        found.add(thread);
      }
    }
    return found;
  }

  /**
   * Polls a condition (for threads to end, say) every few milliseconds until it holds or the
   * bounded wait is over; never used to order two events.
   *
   * @return whether the condition held in time
   */
  static boolean eventually(BooleanSupplier condition, long timeout, TimeUnit unit)
      throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(5);
    }
    return true;
  }

  /** Keeps the worker busy for about {@code nanos}: longer than the chunk sizing's target. */
  static void spin(long nanos) {
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}
