package dev.parallelfor.hazelcast;

import dev.parallelfor.runtime.spi.ClusterChunk;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a chunk's items on a member, on a thread of its own rather than on the executor thread that
 * received the chunk. Hazelcast cancels a task by interrupting its executor thread, and an
 * interrupt does not say who sent it: an item's {@code InterruptedException} or {@code
 * SocketTimeoutException} would look alike. So the executor thread only waits, and when it is
 * interrupted (the coordinator cancelled the chunk, or the member is shutting down) it {@linkplain
 * ClusterChunk#cancel() cancels} the chunk, which marks it cancelled before it interrupts the
 * items' thread. The executor thread then waits for the chunk's short outcome and answers with it,
 * as it would have answered had it run the items itself.
 *
 * <p>The threads are daemons, one per chunk running (one is started when none is idle), and end
 * after a few idle seconds. Each takes the name of the executor thread it works for while it runs a
 * chunk, and starts each chunk uninterrupted.
 */
final class ChunkThreads {
  private static final long IDLE_SECONDS = 5;

  private static final ThreadPoolExecutor THREADS =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          IDLE_SECONDS,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          new DaemonThreads("parallelfor-hazelcast-items-"));

  private ChunkThreads() {}

  /**
   * Runs {@code chunk} on a thread of its own and waits for its outcome; an interrupt of the
   * calling thread cancels the chunk, and stays set when this returns.
   */
  static ClusterChunk.Result run(ClusterChunk chunk) {
    String caller = Thread.currentThread().getName();
    FutureTask<ClusterChunk.Result> items =
        new FutureTask<>(
            () -> {
              Thread thread = Thread.currentThread();
              String own = thread.getName();
              thread.setName(caller + "-items");
              Thread.interrupted(); // what a previous chunk's item left: not this chunk's business
              try {
                return chunk.run();
              } finally {
                thread.setName(own);
              }
            });
    THREADS.execute(items);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return items.get();
        } catch (InterruptedException e) {
          interrupted = true;
          chunk.cancel(); // its items stop before the next; the short outcome still comes back
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof Error error) {
            throw error;
          }
          if (cause instanceof RuntimeException runtime) {
            throw runtime;
          }
          throw new IllegalStateException(cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
