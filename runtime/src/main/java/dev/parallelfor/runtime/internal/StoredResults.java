package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.spi.CheckpointJournal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What an earlier run stored, by position: the records a journal replays, kept in two arrays
 * indexed by the item's position (a fingerprint and the encoded result), so that looking an item up
 * costs two array reads and nothing is boxed. A later record for a position replaces an earlier
 * one. Results stay encoded until their item comes ({@link #take}).
 *
 * <p>Filled by the thread that opens the run, before any worker starts; afterwards each position is
 * taken by the one worker whose chunk holds it, so no two threads touch the same element.
 */
final class StoredResults implements CheckpointJournal.RecordVisitor {
  /** Positions beyond what an array can index are not kept: those items simply run again. */
  private static final int MAX_POSITIONS = Integer.MAX_VALUE - 8;

  /**
   * How far past the records so far a position may lie and still grow the arrays: journals are
   * written roughly in input order, so a dense one always grows them.
   */
  private static final long DENSE_SLACK = 1 << 16;

  private static final long[] NO_FINGERPRINTS = new long[0];
  private static final byte[][] NO_RESULTS = new byte[0][];

  /** How many positions the input may have: records beyond it belong to a longer input. */
  private final long limit;

  private long[] fingerprints = NO_FINGERPRINTS;
  private byte[][] results = NO_RESULTS;
  private long records;

  /**
   * Records far past the others: a journal is input, and one record at position 2^30 of an input of
   * unknown size must not make arrays of 2^30 elements. Null until such a record comes.
   */
  private Map<Long, Stored> far;

  /** A record kept in {@link #far}. */
  private record Stored(long fingerprint, byte[] result) {}

  /**
   * @param size the input's size, or -1 when unknown
   */
  StoredResults(long size) {
    this.limit = size >= 0 ? Math.min(size, MAX_POSITIONS) : MAX_POSITIONS;
  }

  @Override
  public void record(long index, long fingerprint, byte[] result) {
    if (index < 0 || index >= limit || result == null) {
      return; // no item of this input is there
    }
    int at = (int) index;
    if (at >= results.length) {
      if (at > DENSE_SLACK + 4 * records) {
        if (far == null) {
          far = new HashMap<>();
        }
        if (far.put(index, new Stored(fingerprint, result)) == null) {
          records++;
        }
        return;
      }
      grow(at);
    }
    boolean wasFar = far != null && far.remove(index) != null; // a later record replaces it
    if (results[at] == null && !wasFar) {
      records++;
    }
    fingerprints[at] = fingerprint;
    results[at] = result;
  }

  private void grow(int at) {
    long wanted = Math.max(at + 1L, Math.max(16L, 2L * results.length));
    int length = (int) Math.min(limit, wanted);
    fingerprints = Arrays.copyOf(fingerprints, length);
    results = Arrays.copyOf(results, length);
  }

  /** How many positions hold a result. */
  long records() {
    return records;
  }

  /**
   * The encoded result stored for the item at {@code index} if its fingerprint matches, else null
   * (none stored, or a stale one of another item). The bytes are let go: each position is asked for
   * once a run.
   */
  byte[] take(long index, long fingerprint) {
    if (index < results.length) {
      int at = (int) index;
      byte[] result = results[at];
      if (result != null) {
        if (fingerprints[at] != fingerprint) {
          return null;
        }
        results[at] = null;
        return result;
      }
    }
    return far == null ? null : takeFar(index, fingerprint);
  }

  private byte[] takeFar(long index, long fingerprint) {
    Stored stored;
    synchronized (far) { // several workers' chunks may reach far positions at once
      stored = far.get(index);
      if (stored == null || stored.fingerprint != fingerprint) {
        return null;
      }
      far.remove(index);
    }
    return stored.result;
  }
}
