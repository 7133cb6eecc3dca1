package dev.parallelfor.runtime.spi;

/**
 * A set of machines where chunks of a loop's items can run: what {@link
 * dev.parallelfor.runtime.Configurable#on(Cluster)} and the {@code on(Cluster)} method of a
 * {@code @Distributed} method's driver take. The runtime keeps scheduling, ordering, progress,
 * fail-fast, deadlines and streaming on the calling machine, exactly as for a local run; only the
 * items of each chunk run elsewhere. {@code parallelfor-hazelcast} implements it ({@code
 * HazelcastCluster.of(instance)}).
 *
 * <p>How a run uses it: each of the run's workers (threads of the calling JVM, which only wait)
 * claims a chunk of consecutive items, sized from the measured time per item so that one chunk
 * takes about {@link #targetChunkNanos()}, hands it to {@link #run(ClusterChunk)} and stores what
 * comes back. The run's parallelism, unless set explicitly, is {@link #parallelism()}: the number
 * of chunks in flight at once across the cluster.
 *
 * <p>An implementation must be thread-safe: many workers of many runs call it at once.
 */
public interface Cluster {
  /**
   * How many chunks the cluster can run at once right now, typically the sum of its members' cores:
   * the default parallelism of a run on it. Called once when a run without an explicit parallelism
   * starts, on a thread of its own: the run waits for the answer at most until its deadline (or its
   * caller's interrupt), then interrupts that thread and goes on with a parallelism of 1. An
   * implementation that asks its members should stop waiting for them when interrupted.
   *
   * @return at least 1
   */
  int parallelism();

  /**
   * How long one chunk should take on a member: long enough that the cost of shipping a chunk (a
   * round trip, the serialisation of its items and results) is a small part of it, short enough
   * that the work spreads evenly and progress is reported often.
   *
   * @return nanoseconds, at least 1
   */
  default long targetChunkNanos() {
    return 20_000_000L;
  }

  /**
   * Runs a chunk on some member and waits for its outcome. Called by a worker of the run, never by
   * a thread of the cluster's own. When the member running the chunk leaves or crashes before
   * answering, the implementation runs the chunk again elsewhere, so every item of the chunk has
   * exactly one outcome in what this method returns (the function may then have run twice for some
   * items).
   *
   * <p>Interrupting the calling thread cancels the chunk: the implementation asks its member to
   * {@linkplain ClusterChunk#cancel() cancel} the chunk there (which interrupts the thread running
   * it), then throws {@link InterruptedException} without waiting for the member's answer. The
   * runtime interrupts its workers when a run stops (a failure in fail-fast mode, the deadline, a
   * caller interrupt, a cancelled future or a closed stream), so no wait here outlasts the run's
   * deadline: an implementation must wait interruptibly.
   *
   * @param chunk the items and the function; {@link ClusterChunk#run()} runs it on a member
   * @return the chunk's outcome, as {@link ClusterChunk#run()} returned it on the member
   * @throws InterruptedException if the calling thread was interrupted while it waited; the chunk
   *     was cancelled
   * @throws RuntimeException if the cluster cannot run the chunk (no member left, the chunk could
   *     not be serialised, the local instance was shut down): the run stops with it as its failure
   */
  ClusterChunk.Result run(ClusterChunk chunk) throws InterruptedException;
}
