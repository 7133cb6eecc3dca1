package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.IndexedItemFunction;
import dev.parallelfor.runtime.spi.Cluster;
import dev.parallelfor.runtime.spi.ClusterChunk;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Runs a chunk on a {@link Cluster}: the worker ships the chunk's items with the run's function,
 * waits for their outcomes, and records them exactly as {@link ItemLoop} would have, so ordering,
 * progress, fail-fast and streaming are the run's business as for a local chunk. A stop interrupts
 * the waiting worker; the cluster then cancels the remote chunk. When a member stopped a chunk
 * early without being asked (it was shutting down), the rest of the chunk is shipped again.
 *
 * <p>Rules it relies on:
 *
 * <ul>
 *   <li>A chunk comes back short only when its member cancelled it ({@link ClusterChunk#cancel()}
 *       marks it before it interrupts the items' thread). What an item throws without that
 *       cancellation is that item's failure whatever its class (a {@code SocketTimeoutException},
 *       even an {@code InterruptedException} of its own), reported with its index like a local one:
 *       never a reason to ship its items again.
 *   <li>Nothing here waits for the cluster longer than the run: the only wait is {@link
 *       Cluster#run}, which the run's stop (its deadline included) interrupts. The cluster's
 *       parallelism is asked before the run starts, but bounded by the run's deadline ({@link
 *       ClusterParallelism}), and the deadline counts from when the run was made.
 *   <li>Runs on a cluster refuse item timeouts, retries, rate limits and state per worker: the
 *       members' item loop knows nothing of them.
 * </ul>
 */
final class ClusterChunkRunner implements ChunkRunner {
  /** Answers without a single item in a row after which the cluster is deemed unable to go on. */
  private static final int MAX_EMPTY_ANSWERS = 16;

  private final Stopper run;
  private final Lifecycle lifecycle;
  private final Source source;
  private final IndexedItemFunction<Object, Object> call;
  private final boolean failFast;
  private final Cluster cluster;

  ClusterChunkRunner(
      Stopper run,
      Lifecycle lifecycle,
      Source source,
      IndexedItemFunction<Object, Object> call,
      boolean failFast,
      Cluster cluster) {
    this.run = run;
    this.lifecycle = lifecycle;
    this.source = source;
    this.call = call;
    this.failFast = failFast;
    this.cluster = cluster;
  }

  /**
   * Checks, before any item starts, that a run with this function and these per-item options can
   * run on a cluster: no state per worker, no per-item options (see the class comment), and a
   * function that can be shipped.
   *
   * @throws IllegalArgumentException if it cannot
   */
  static void requireRunnable(IndexedItemFunction<Object, Object> call, Resilience resilience) {
    if (call instanceof PerWorkerCall) {
      throw new IllegalArgumentException(
          "state per worker (@WorkerLocal, loopPerWorker) does not apply to a run on a cluster"
              + " yet: its workers only wait for the members, which run the items");
    }
    requireSerializable(call);
    if (!resilience.none()) {
      // Members run chunks with their own item loop, which knows nothing of these options yet:
      // refuse them rather than ignore them.
      throw new IllegalArgumentException(
          "itemTimeout, retry and rateLimit do not apply to a run on a cluster yet, were"
              + resilience.toString().substring(1));
    }
  }

  /**
   * The run's function can be shipped: it must be {@link Serializable}, and so must what it holds
   * (a driver's target and shared arguments).
   */
  private static void requireSerializable(IndexedItemFunction<Object, Object> call) {
    try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
      out.writeObject(call);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException(
          "a loop that runs on a cluster needs a serializable function, but "
              + e.getMessage()
              + " is not serializable; annotate the method @Distributed, or cast a lambda to"
              + " ItemFunction<T, R> & Serializable and keep what it captures serializable",
          e);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "the loop's function could not be serialized for the cluster: " + e, e);
    }
  }

  @Override
  public void run(Chunk chunk, Worker worker) {
    Object[] items = chunk.readItems(source, run);
    int count = chunk.count;
    int done = 0;
    int finished = 0;
    int failed = 0;
    long busy = 0;
    int emptyAnswers = 0;
    while (done < count && !lifecycle.stopped()) {
      if (items == null && !source.valuesFromIndex()) {
        break; // the input failed; the run was stopped
      }
      Object[] part = items;
      if (items != null && done > 0) {
        part = Arrays.copyOfRange(items, done, count);
      }
      ClusterChunk.Result result;
      try {
        result =
            cluster.run(new ClusterChunk(chunk.start + done, count - done, part, call, failFast));
      } catch (InterruptedException e) {
        interrupted(worker);
        break;
      } catch (Throwable e) {
        run.stop(Failures.cluster(e), true);
        break;
      }
      busy += Math.max(0, result.nanos());
      int attempted = Math.min(result.attempted(), count - done);
      int[] failedAt = result.failedAt();
      Throwable[] failures = result.failures();
      Object[] values = result.values();
      boolean stopAtFailure = false;
      int nextFailure = 0;
      for (int i = 0; i < attempted; i++) {
        int offset = done + i;
        long index = chunk.start + offset;
        Object value;
        if (nextFailure < failedAt.length && failedAt[nextFailure] == i) {
          Throwable thrown = failures[nextFailure++];
          Object item = source.item(index, items == null ? null : items[offset]);
          failed++;
          finished++;
          if (thrown instanceof VirtualMachineError) {
            run.stop(thrown, true);
            stopAtFailure = true;
            done = offset + 1;
            break;
          }
          if (failFast || lifecycle.stopped()) {
            run.stop(Failures.ofItem(index, item, thrown), true);
            stopAtFailure = true;
            done = offset + 1;
            break;
          }
          value = Outcomes.failed(Failures.ofItem(index, item, thrown));
        } else {
          value = values[i];
          finished++;
        }
        if (chunk.out != null) {
          chunk.out[chunk.outOffset + offset] = value;
        }
      }
      if (stopAtFailure) {
        break;
      }
      done += attempted;
      if (attempted == 0 && ++emptyAnswers >= MAX_EMPTY_ANSWERS) {
        run.stop(
            Failures.cluster(
                new IllegalStateException(
                    "the cluster answered "
                        + MAX_EMPTY_ANSWERS
                        + " times in a row without running an item")),
            true);
        break;
      } else if (attempted > 0) {
        emptyAnswers = 0;
      }
    }
    chunk.attempted = done;
    chunk.finished = finished;
    chunk.failed = failed;
    chunk.busyNanos = busy;
  }

  /**
   * The worker was interrupted while it waited (the cluster has cancelled the chunk): by the run
   * itself, which is stopping; else by the caller of a nested run it helps, or by its executor,
   * which cancels the run as a caller's interrupt does.
   */
  private void interrupted(Worker worker) {
    if (worker.interruptedByRun || lifecycle.stopped()) {
      return;
    }
    run.callerInterrupted();
  }
}
