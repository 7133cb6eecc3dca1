package dev.parallelfor.runtime.internal.journal;

import dev.parallelfor.runtime.spi.CheckpointJournal;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.zip.CRC32C;

/**
 * One run's hold on a journal file: {@link FileJournalStore#open} made it, locked the file and
 * checked the header; this class reads the records and appends new ones.
 *
 * <p>Implementation overview. Appends from any number of threads take {@link #writeLock}, encode
 * their records into one reused buffer and hand it to the operating system in one positional write
 * at {@link #end}, so records of different calls never interleave and a killed process leaves at
 * most one torn record, at the end. Forcing to the device happens outside the lock, by the thread
 * whose append finds the last force older than the sync interval (group commit: its force covers
 * every write before it), by every append when the interval is zero, and at close. A failed write
 * or force fails that append and every later one: a run never carries on without its journal.
 *
 * <p>Fields: {@link #end}, {@link #buffer}, {@link #crc}, {@link #replayed} and {@link #closed} are
 * guarded by {@link #writeLock}; {@link #failure} is volatile, set once; {@link #lastForce}, {@link
 * #forcing} and {@link #unforced} are atomics shared by the appending threads. The channel is
 * thread-safe.
 */
final class FileJournal implements CheckpointJournal {
  private final Path file;

  /**
   * Written and forced through the {@code RandomAccessFile} itself, whose calls an interrupt cannot
   * break off: an interrupt during a {@link FileChannel} operation closes the channel, and every
   * later append of the run would fail. Workers are interrupted for many reasons (a run they are
   * nested in stops, an item timeout, a caller that helps), so appends must not depend on them. The
   * channel is used only to read records back and to lock the file.
   */
  private final RandomAccessFile out;

  private final FileChannel channel;
  private final FileLock lock;
  private final long headerEnd;
  private final long syncNanos;
  private final LongSupplier nanoClock;
  private final Runnable onClose;

  private final ReentrantLock writeLock = new ReentrantLock();
  private final ByteSink buffer = new ByteSink(64 * 1024);
  private final CRC32C crc = new CRC32C();
  private long end;
  private boolean replayed;
  private boolean closed;

  private volatile IOException failure;
  private final AtomicLong lastForce;
  private final AtomicBoolean forcing = new AtomicBoolean();
  // Set after each write, cleared before each force: whether a write may not be forced yet.
  private final AtomicBoolean unforced = new AtomicBoolean();
  private final AtomicLong forces = new AtomicLong();

  FileJournal(
      Path file,
      RandomAccessFile out,
      FileLock lock,
      long headerEnd,
      long syncNanos,
      LongSupplier nanoClock,
      Runnable onClose) {
    this.file = file;
    this.out = out;
    this.channel = out.getChannel();
    this.lock = lock;
    this.headerEnd = headerEnd;
    this.end = headerEnd;
    this.syncNanos = syncNanos;
    this.nanoClock = nanoClock;
    this.onClose = onClose;
    this.lastForce = new AtomicLong(nanoClock.getAsLong());
  }

  @Override
  public void replay(RecordVisitor visitor) throws IOException {
    Objects.requireNonNull(visitor, "visitor");
    writeLock.lock();
    try {
      checkOpen();
      scanAndTruncate(visitor);
    } finally {
      writeLock.unlock();
    }
  }

  /** Finds where the intact records end and cuts the file there, so appends follow good data. */
  private void scanAndTruncate(RecordVisitor visitor) throws IOException {
    long size = channel.size();
    long intactEnd = RecordScanner.scan(channel, headerEnd, size, visitor);
    if (intactEnd < size) {
      try {
        out.setLength(intactEnd);
        // Durably: a torn tail must never reappear after a power loss, followed by new records.
        out.getFD().sync();
      } catch (IOException e) {
        throw fail(e);
      }
    }
    end = intactEnd;
    replayed = true;
  }

  @Override
  public void append(long[] indexes, long[] fingerprints, byte[][] results, int count)
      throws IOException {
    Objects.checkFromToIndex(0, count, indexes.length);
    Objects.checkFromToIndex(0, count, fingerprints.length);
    Objects.checkFromToIndex(0, count, results.length);
    if (count == 0) {
      return;
    }
    writeLock.lock();
    try {
      checkOpen();
      if (!replayed) {
        scanAndTruncate((index, fingerprint, result) -> {});
      }
      buffer.reset();
      for (int i = 0; i < count; i++) {
        if (indexes[i] < 0) {
          throw new IllegalArgumentException("position must be >= 0, was " + indexes[i]);
        }
        JournalFormat.writeRecord(buffer, crc, indexes[i], fingerprints[i], results[i]);
      }
      try {
        out.seek(end);
        out.write(buffer.array(), 0, buffer.size());
      } catch (IOException e) {
        throw fail(e);
      }
      end += buffer.size();
      unforced.set(true);
      if (buffer.array().length > 4 * 1024 * 1024) {
        // One huge batch should not pin its buffer for the rest of the run.
        buffer.shrinkTo(64 * 1024);
      }
    } finally {
      writeLock.unlock();
    }
    if (syncNanos == 0) {
      force();
    } else if (nanoClock.getAsLong() - lastForce.get() >= syncNanos
        && forcing.compareAndSet(false, true)) {
      try {
        force();
      } finally {
        forcing.set(false);
      }
    }
  }

  private void force() throws IOException {
    long started = nanoClock.getAsLong();
    unforced.set(false);
    try {
      // Data, and the file's size with it: what a reader needs to find the records.
      out.getFD().sync();
    } catch (IOException e) {
      throw fail(e);
    }
    forces.incrementAndGet();
    lastForce.accumulateAndGet(started, Math::max);
  }

  /** How many times records were forced to the device: for tests of the sync policy. */
  long forces() {
    return forces.get();
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IllegalStateException("checkpoint journal " + file + " is closed");
    }
    IOException failed = failure;
    if (failed != null) {
      throw new IOException(FileJournalStore.couldNotWrite(file), failed);
    }
  }

  private IOException fail(IOException cause) {
    if (failure == null) {
      failure = cause;
    }
    return new IOException(FileJournalStore.couldNotWrite(file), cause);
  }

  @Override
  public void close() throws IOException {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (failure == null && unforced.get()) {
          force();
        }
      } finally {
        try {
          lock.release();
          out.close(); // and the channel with it
        } finally {
          onClose.run();
        }
      }
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "journal " + file;
  }
}
