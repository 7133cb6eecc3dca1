package dev.parallelfor.benchmarks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fixed thread pool that the hand-written contenders share: {@link #threads()} daemon threads,
 * created once per benchmark trial so that no contender pays for thread start-up in a measurement.
 */
final class Pool implements AutoCloseable {
  private final ExecutorService executor;
  private final int threads;

  Pool(int threads) {
    this.threads = threads;
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "bench-pool-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    this.executor = Executors.newFixedThreadPool(threads, factory);
  }

  /** A pool with one thread per core, for CPU-bound items. */
  static Pool perCore() {
    return new Pool(Runtime.getRuntime().availableProcessors());
  }

  ExecutorService executor() {
    return executor;
  }

  int threads() {
    return threads;
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
