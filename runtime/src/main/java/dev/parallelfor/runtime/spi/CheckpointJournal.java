package dev.parallelfor.runtime.spi;

import java.io.Closeable;
import java.io.IOException;

/**
 * One run's hold on a {@link CheckpointStore}: what earlier runs stored, and where this run adds
 * its finished items. Used from several worker threads at once: {@link #append} is thread-safe, and
 * the records of one call are stored together, never interleaved with another call's.
 */
public interface CheckpointJournal extends Closeable {
  /**
   * Hands every intact record to {@code visitor}, oldest first; a later record for a position
   * replaces an earlier one. A torn or corrupt tail is skipped, never handed on, and dropped from
   * the store before this returns, so that new records never follow it. Called once, before the
   * first {@link #append}; a run that appends without replaying still has the tail dropped first.
   * The visitor runs on the calling thread and must not call back into this journal.
   *
   * @param visitor receives each record; the result array is its own to keep
   * @throws IOException if the store cannot be read, or its tail cannot be dropped
   */
  void replay(RecordVisitor visitor) throws IOException;

  /**
   * Adds records: {@code count} items' positions, fingerprints and encoded results. The records are
   * handed to the operating system (or the store's server) before this returns, so a killed process
   * loses only the records of calls in flight, and forced to the device as the store's sync
   * interval says. Once a call has failed, every later one fails too: a run never carries on
   * without its journal.
   *
   * <p>Called by the run's workers, several at once. A worker's thread may be interrupted while it
   * appends (the run stopping, an enclosing run, an item timeout), like any code a run calls: a
   * store whose write an interrupt can only break off (an interruptible channel closes itself on
   * one) should write through calls that ignore interrupts, as the file journal does; a store that
   * waits on a server may answer the interrupt by throwing, and the run, which was stopping anyway,
   * ends without those records.
   *
   * @param indexes the items' positions in the input, each {@code >= 0}
   * @param fingerprints the items' fingerprints
   * @param results the encoded results
   * @param count how many entries of the arrays to add
   * @throws IOException if the records cannot be written (a full disk, a lost connection): the run
   *     then fails with it
   */
  void append(long[] indexes, long[] fingerprints, byte[][] results, int count) throws IOException;

  /**
   * Forces every appended record to the device and lets other runs open the store; it does the
   * latter even when the former fails. Closing again does nothing.
   *
   * @throws IOException if the records cannot be forced
   */
  @Override
  void close() throws IOException;

  /** Receives the records of {@link #replay}. */
  @FunctionalInterface
  interface RecordVisitor {
    /**
     * One stored record.
     *
     * @param index the item's position in the input
     * @param fingerprint the item's fingerprint
     * @param result the encoded result
     */
    void record(long index, long fingerprint, byte[] result);
  }
}
