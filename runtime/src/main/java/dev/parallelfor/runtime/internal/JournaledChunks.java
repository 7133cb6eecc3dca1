package dev.parallelfor.runtime.internal;

import java.util.Arrays;

/**
 * Runs a checkpointed run's chunks: answers the items the journal holds in place, hands the runs of
 * other items to the chunk runner it wraps ({@link ItemLoop} or {@link ClusterChunkRunner}) as
 * chunks of their own, and appends the successes to the journal in one call before the chunk is
 * reported. A run without a checkpoint never sees this class: {@link Run} wraps its runner only
 * when there is one, so journaling costs such a run nothing.
 *
 * <p>A stored item is never passed to the runner: it takes no attempt, no rate-limit permit, no
 * worker state (the runner makes that on its first item), and is never shipped to a cluster. The
 * runner writes its results into this chunk's own array, where whatever it did not write (a failed
 * item of a fail-fast run, an item the stop left) stays {@link #NOT_RUN}; so what is a success is
 * read from there, for every runner and every kind of run alike.
 */
final class JournaledChunks implements ChunkRunner {
  /** What the runner did not write: an item not run, not a result. */
  private static final Object NOT_RUN = new Object();

  private final ChunkRunner runner;
  private final Stopper run;
  private final Lifecycle lifecycle;
  private final Source source;
  private final Journaling journaling;

  /** False for runs that keep no values (void methods): their records are empty. */
  private final boolean keepsValues;

  JournaledChunks(
      ChunkRunner runner,
      Stopper run,
      Lifecycle lifecycle,
      Source source,
      Journaling journaling,
      boolean keepsValues) {
    this.runner = runner;
    this.run = run;
    this.lifecycle = lifecycle;
    this.source = source;
    this.journaling = journaling;
    this.keepsValues = keepsValues;
  }

  @Override
  public void run(Chunk chunk, Worker worker) {
    chunk.attempted = 0;
    chunk.finished = 0;
    chunk.failed = 0;
    chunk.restored = 0;
    int count = chunk.count;
    Object[] items = chunk.readItems(source, run);
    if (items == null && !source.valuesFromIndex()) {
      return; // the input failed; the run was stopped
    }
    long[] fingerprints = new long[count];
    Object[] values = new Object[count];
    if (!lookUp(chunk, items, fingerprints, values)) {
      return;
    }
    int attempted = 0;
    int finished = 0;
    int failed = 0;
    int restored = 0;
    long busy = 0;
    boolean measured = true;
    long[] doneIndexes = null;
    Object[] doneValues = null;
    int done = 0;
    int i = 0;
    while (i < count) {
      if (values[i] != NOT_RUN) { // answered from the journal
        i++;
        attempted = i;
        finished++;
        restored++;
        continue;
      }
      int from = i;
      while (i < count && values[i] == NOT_RUN) {
        i++;
      }
      Chunk part =
          new Chunk(
              chunk.start + from,
              i - from,
              items == null ? null : from == 0 && i == count ? items : slice(items, from, i),
              values,
              from);
      runner.run(part, worker);
      attempted = from + part.attempted;
      finished += part.finished;
      failed += part.failed;
      if (part.busyNanos >= 0) {
        busy += part.busyNanos;
      } else {
        measured = false;
      }
      for (int j = from; j < i; j++) {
        Object value = values[j];
        if (value != NOT_RUN && !(value instanceof Outcomes.Failure)) {
          if (doneIndexes == null) {
            doneIndexes = new long[count];
            doneValues = new Object[count];
          }
          doneIndexes[done] = j;
          doneValues[done++] = value;
        }
      }
      if (part.attempted < part.count || lifecycle.stopped()) {
        break;
      }
    }
    if (done > 0) {
      journal(chunk.start, fingerprints, doneIndexes, doneValues, done, worker);
    }
    if (chunk.out != null) {
      for (int j = 0; j < attempted; j++) {
        if (values[j] != NOT_RUN) {
          chunk.out[chunk.outOffset + j] = values[j];
        }
      }
    }
    chunk.attempted = attempted;
    chunk.finished = finished;
    chunk.failed = failed;
    chunk.restored = restored;
    chunk.busyNanos = measured && busy > 0 ? busy : -1;
  }

  /**
   * Fingerprints every item of the chunk and takes the stored results that answer them into {@code
   * values} ({@link #NOT_RUN} where none does). Returns false, having stopped the run, when an item
   * has no stable key or a stored result cannot be read back.
   */
  private boolean lookUp(Chunk chunk, Object[] items, long[] fingerprints, Object[] values) {
    for (int i = 0; i < chunk.count; i++) {
      long index = chunk.start + i;
      try {
        Object item = items != null ? items[i] : source.item(index, null);
        long fingerprint = journaling.fingerprint(index, item);
        fingerprints[i] = fingerprint;
        values[i] = journaling.restore(index, fingerprint, keepsValues, NOT_RUN);
      } catch (Throwable thrown) {
        run.stop(thrown, true);
        return false;
      }
    }
    return true;
  }

  /**
   * Encodes the chunk's successes and appends them in one call. A result that cannot be stored, or
   * a journal that cannot be written, stops the run with that failure: it never goes on without
   * journaling. An interrupt the run sent to stop the items is cleared first: it was meant for the
   * items, and the successes of a stopping run are still kept. One that comes during the append
   * reaches the store, which the file journal's writes ignore.
   */
  private void journal(
      long start, long[] fingerprints, long[] at, Object[] results, int count, Worker worker) {
    long[] indexes = new long[count];
    long[] keys = new long[count];
    byte[][] encoded = new byte[count][];
    for (int k = 0; k < count; k++) {
      int position = (int) at[k];
      indexes[k] = start + position;
      keys[k] = fingerprints[position];
      try {
        encoded[k] = journaling.encode(results[k], keepsValues);
      } catch (Throwable thrown) {
        run.stop(journaling.encodingFailed(indexes[k], thrown), true);
        return;
      }
    }
    try {
      if (worker.interruptedByRun) {
        Thread.interrupted();
      }
      journaling.append(indexes, keys, encoded, count);
    } catch (Throwable thrown) {
      run.stop(thrown, true);
    }
  }

  private static Object[] slice(Object[] items, int from, int to) {
    return Arrays.copyOfRange(items, from, to);
  }
}
