package dev.parallelfor.hazelcast;

import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Sends the cancellations of remote chunks on threads of its own, so that a stopping run's workers
 * never wait for a member to acknowledge one. Each cancellation gets a thread at once (none queues
 * behind one that waits for a silent member); the threads are daemons and end after a few idle
 * seconds, so none outlives its cancellations for long.
 */
final class Cancellations {
  private static final long IDLE_SECONDS = 5;

  private final ThreadPoolExecutor senders =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          IDLE_SECONDS,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          new DaemonThreads("parallelfor-hazelcast-cancel-"));

  /** Cancels {@code future} (interrupting its chunk) in the background; failures mean it ended. */
  void send(Future<?> future) {
    Runnable cancel =
        () -> {
          try {
            future.cancel(true);
          } catch (RuntimeException alreadyGone) {
            // Its member left, or the chunk is done: nothing runs any more.
          }
        };
    try {
      senders.execute(cancel);
    } catch (RejectedExecutionException | OutOfMemoryError noThread) {
      cancel.run(); // no thread to be had: cancel here rather than not at all
    }
  }
}
