package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.spi.Cluster;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks a {@link Cluster} for its parallelism without letting it hold the run: the question is asked
 * on a thread of its own (a member may not answer for as long as its failure detector allows), and
 * the run waits for the answer at most until its deadline, or until its caller is interrupted. Then
 * it interrupts the asking thread and goes on with a parallelism of 1: a run whose deadline has
 * passed ends with its timeout as soon as it starts, and an interrupted synchronous caller cancels
 * its run.
 */
final class ClusterParallelism {
  /** The parallelism of a run whose cluster did not answer in time. */
  static final int UNANSWERED = 1;

  private ClusterParallelism() {}

  /**
   * The cluster's parallelism, at least 1.
   *
   * @param timeout the run's timeout, or null for none
   * @param sinceNanos when the run was made, as {@link System#nanoTime()} read it: the timeout
   *     counts from there
   * @throws RuntimeException what the cluster threw
   */
  static int ask(Cluster cluster, Duration timeout, long sinceNanos) {
    CompletableFuture<Integer> answer = new CompletableFuture<>();
    Thread asking;
    try {
      asking =
          new Thread(
              () -> {
                try {
                  answer.complete(cluster.parallelism());
                } catch (Throwable thrown) {
                  answer.completeExceptionally(thrown);
                }
              },
              "parallelfor-cluster-parallelism");
      asking.setDaemon(true);
      asking.start();
    } catch (OutOfMemoryError noThread) {
      return Math.max(1, cluster.parallelism()); // no thread to be had: ask here, unbounded
    }
    try {
      long timeoutNanos = nanos(timeout);
      Integer parallelism =
          timeoutNanos == Long.MAX_VALUE
              ? answer.get()
              : answer.get(
                  Math.max(0, timeoutNanos - (System.nanoTime() - sinceNanos)),
                  TimeUnit.NANOSECONDS);
      return Math.max(1, parallelism);
    } catch (TimeoutException late) {
      asking.interrupt();
      return UNANSWERED;
    } catch (InterruptedException callerInterrupted) {
      asking.interrupt();
      Thread.currentThread().interrupt(); // the run sees it: a synchronous one is cancelled
      return UNANSWERED;
    } catch (ExecutionException failed) {
      Throwable cause = failed.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("the cluster's parallelism() threw " + cause, cause);
    }
  }

  /** The timeout in nanoseconds; {@link Long#MAX_VALUE} for none, or one too long to count. */
  private static long nanos(Duration timeout) {
    if (timeout == null) {
      return Long.MAX_VALUE;
    }
    try {
      return timeout.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }
}
