package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.spi.Cluster;

/**
 * How many items a chunk holds: every rule that sizes a run's chunks and its streaming look-ahead,
 * with its reason. The rules, in the order they apply to a claim:
 *
 * <ol>
 *   <li><b>Aim at a time, not a count.</b> A chunk should take about {@link #TARGET_CHUNK_NANOS} (a
 *       cluster: its own {@link Cluster#targetChunkNanos()}): short enough that the workers end
 *       together and progress moves, long enough that claiming a chunk (one lock, one progress
 *       update) costs nothing next to it. Nobody knows an item's time in advance, so each worker
 *       starts with a chunk of one item and sizes its next chunk from the time per item it measured
 *       on its last one ({@link #adapt}); it grows at most fourfold a step, so one lucky fast item
 *       cannot buy a huge chunk of slow ones, and shrinks at once when items turn slow.
 *   <li><b>Never more than {@link #MAX_CHUNK}</b> items, whatever the time: a chunk copied from a
 *       lazy input is an array of that many items.
 *   <li><b>A fair share of what is left.</b> For an input of known size, a chunk holds at most what
 *       is left divided by twice the parallelism (or the workers an IO run on platform threads may
 *       have so far): the last chunks shrink, so no worker is left running a long chunk while the
 *       others idle at the end.
 *   <li><b>Tighter caps for some runs</b> ({@link #maxChunk}):
 *       <ul>
 *         <li>a lazy input at parallelism 1 is read one item at a time, so reading and running
 *             alternate as in the {@code for} loop the run replaces (an iterator that produces on
 *             demand sees each item consumed before the next is asked for);
 *         <li>a completion-order stream ({@code asCompleted}) hands each result over as soon as its
 *             own item is done: its chunks hold one item, since in a longer chunk the items behind
 *             a slow one would wait for it;
 *         <li>an input-order stream keeps chunks sized by time (one result can only come after
 *             those before it anyway), but small enough that every worker finds room in the
 *             look-ahead.
 *       </ul>
 * </ol>
 *
 * <p>The look-ahead of a streaming run (the chunks handed out and not yet consumed) holds at most
 * {@link #lookAheadChunks} chunks and {@link #lookAheadItems} items, so its memory is bounded by
 * the parallelism, not by the input.
 *
 * <p>A run's sizing is immutable but for the workers sharing what is left; the size a worker wants
 * next is the worker's own ({@link Worker#chunkSize}, confined to its thread) and only {@link
 * #adapt} changes it.
 */
final class ChunkSizing {
  /**
   * How long one chunk should take: short enough to balance and report, long enough to amortise.
   */
  static final long TARGET_CHUNK_NANOS = 200_000;

  /** The most items in one chunk. */
  static final int MAX_CHUNK = 1 << 14;

  /** The size of a worker's first chunk: one item, timed before the worker commits to more. */
  static final int FIRST_CHUNK = 1;

  /** Items a streaming run's look-ahead holds (at least): a few chunks of tiny items. */
  static final long LOOK_AHEAD_ITEMS = 4L * MAX_CHUNK;

  /** Chunks (of one item each) the look-ahead of a completion-order run holds at least. */
  static final long COMPLETED_CHUNKS = 1024;

  private final int parallelism;

  /**
   * The workers that share what is left: the parallelism, or the workers an IO run on platform
   * threads may have at present ({@link BlockingGrowth}), which change while it runs.
   */
  private volatile int sharers;

  private final long size;
  private final int maxChunk;
  private final long targetNanos;

  private ChunkSizing(int parallelism, long size, int maxChunk, long targetNanos) {
    this.parallelism = parallelism;
    this.sharers = parallelism;
    this.size = size;
    this.maxChunk = maxChunk;
    this.targetNanos = targetNanos;
  }

  /**
   * The sizing of one run.
   *
   * @param size the input's size, or -1 when unknown
   * @param lazy whether the input is read through an iterator (not by index)
   * @param kind what the run keeps of its outcomes; streaming runs have tighter caps
   * @param cluster where the chunks run, or null on this JVM; its target time is asked now
   */
  static ChunkSizing of(int parallelism, long size, boolean lazy, int kind, Cluster cluster) {
    return new ChunkSizing(
        parallelism,
        size,
        maxChunk(parallelism, lazy, kind),
        cluster != null ? Math.max(1, cluster.targetChunkNanos()) : TARGET_CHUNK_NANOS);
  }

  /** The largest chunk of a run, whatever its items' time (rules 2 and 4). */
  static int maxChunk(int parallelism, boolean lazy, int kind) {
    if (kind == Run.COMPLETED || (parallelism == 1 && lazy)) {
      return 1;
    }
    if (kind == Run.STREAM) {
      return (int)
          Math.max(1, Math.min(MAX_CHUNK, lookAheadItems(parallelism) / (2L * parallelism)));
    }
    return MAX_CHUNK;
  }

  /** Chunks the look-ahead of a streaming run holds: two per worker and two more. */
  static long lookAheadChunks(int parallelism, boolean completionOrder) {
    long twoPerWorker = 2L * parallelism + 2;
    // One-item chunks in completion order: a look-ahead of a few chunks would make the workers
    // leave and be restarted for nearly every item.
    return completionOrder ? Math.max(COMPLETED_CHUNKS, twoPerWorker) : twoPerWorker;
  }

  /** Items the look-ahead of a streaming run holds: a few chunks, or two per worker if more. */
  static long lookAheadItems(int parallelism) {
    return Math.max(LOOK_AHEAD_ITEMS, 2L * parallelism);
  }

  /**
   * How many items the next chunk of a worker that wants {@code wanted} holds at most, when {@code
   * handedOut} items have been handed out already (rules 2 to 4). Called under the input lock.
   */
  int limit(int wanted, long handedOut) {
    int max = Math.min(wanted, maxChunk);
    if (size >= 0) {
      long fairShare = Math.max(1, (size - handedOut) / (2L * sharers));
      max = (int) Math.min(max, fairShare);
    }
    return max;
  }

  /** From now on what is left is shared among {@code workers} (at most the parallelism). */
  void shareAmong(int workers) {
    sharers = Math.max(1, Math.min(parallelism, workers));
  }

  /** After a chunk of {@code items} that took {@code nanos}: sizes the worker's next one. */
  void adapt(Worker worker, long nanos, int items) {
    worker.chunkSize = next(worker.chunkSize, nanos, items, targetNanos);
  }

  /**
   * The size that takes about {@code targetNanos} at the time per item measured ({@code nanos} for
   * {@code items}; nothing measured counts as the fastest), growing at most fourfold from {@code
   * current}, between 1 and {@link #MAX_CHUNK} (rule 1).
   */
  static int next(int current, long nanos, int items, long targetNanos) {
    long perItem = Math.max(1, nanos / Math.max(1, items));
    long wanted = targetNanos / perItem;
    wanted = Math.min(wanted, 4L * current);
    return (int) Math.max(1, Math.min(wanted, MAX_CHUNK));
  }
}
