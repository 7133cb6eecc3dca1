package dev.parallelfor.runtime.internal.journal;

import dev.parallelfor.runtime.spi.CheckpointJournal;
import dev.parallelfor.runtime.spi.CheckpointStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.zip.CRC32C;

/**
 * The append-only journal file behind {@code Checkpoint.file}: a header naming the loop that wrote
 * it, then checksummed records end to end ({@link JournalFormat}). Opening locks the file ({@link
 * FileChannel#tryLock}) for the run, checks the header and makes it if the file is new or empty.
 *
 * <p>Durability: every append is written to the file (handed to the operating system) before it
 * returns, so a killed process loses only the records of appends in flight. Records reach the
 * device (fsync) when an append finds the last force older than the sync interval, on every append
 * when the interval is zero, and at close: after a power loss, at most the results appended since
 * the last force are lost.
 */
public final class FileJournalStore implements CheckpointStore {
  /**
   * The journals open in this process, by file identity. A second open of one of them is refused
   * before it opens a channel: closing that channel would drop the first one's lock, as POSIX locks
   * belong to the process.
   */
  private static final Set<Object> OPEN = ConcurrentHashMap.newKeySet();

  private static final Object OPENING = new Object();

  private final Path file;
  private final LongSupplier nanoClock;

  /**
   * A store in {@code file}.
   *
   * @param file the journal's file, made when a run first opens it
   */
  public FileJournalStore(Path file) {
    this(file, System::nanoTime);
  }

  FileJournalStore(Path file, LongSupplier nanoClock) {
    this.file = Objects.requireNonNull(file, "file");
    this.nanoClock = nanoClock;
  }

  @Override
  public CheckpointJournal open(String identity, Duration syncEvery) throws IOException {
    return openJournal(identity, syncEvery);
  }

  FileJournal openJournal(String identity, Duration syncEvery) throws IOException {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(syncEvery, "syncEvery");
    if (syncEvery.isNegative()) {
      throw new IllegalArgumentException("syncEvery must be >= 0, was " + syncEvery);
    }
    long syncNanos =
        syncEvery.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE / 2 : syncEvery.toNanos();
    byte[] identityBytes = identity.getBytes(StandardCharsets.UTF_8);
    if (identityBytes.length > JournalFormat.MAX_IDENTITY) {
      throw new IllegalArgumentException("an identity of more than 64 KiB");
    }
    synchronized (OPENING) {
      Object key;
      try {
        try {
          Files.createFile(file);
        } catch (FileAlreadyExistsException exists) {
          // an earlier run's journal, or another file this run must not overwrite: the header says
        }
        key = fileKey(file);
      } catch (IOException e) {
        throw new IOException(couldNotOpen(file), e);
      }
      if (!OPEN.add(key)) {
        throw new IllegalStateException(inUse(file, "in this process"));
      }
      RandomAccessFile out = null;
      boolean opened = false;
      try {
        FileChannel channel;
        try {
          out = new RandomAccessFile(file.toFile(), "rw");
          channel = out.getChannel();
        } catch (IOException e) {
          throw new IOException(couldNotOpen(file), e);
        }
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          throw new IllegalStateException(inUse(file, "in this process"), e);
        }
        if (lock == null) {
          throw new IllegalStateException(inUse(file, "in another process"));
        }
        long headerEnd = checkOrWriteHeader(channel, identity, identityBytes);
        FileJournal journal =
            new FileJournal(
                file, out, lock, headerEnd, syncNanos, nanoClock, () -> OPEN.remove(key));
        opened = true;
        return journal;
      } finally {
        if (!opened) {
          OPEN.remove(key);
          if (out != null) {
            out.close();
          }
        }
      }
    }
  }

  /** The file's identity on its file system, so that two paths to one file are one journal. */
  private static Object fileKey(Path file) throws IOException {
    Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    return key != null ? key : file.toRealPath();
  }

  /** Checks the header of a journal, or writes one into a new file; returns where it ends. */
  private long checkOrWriteHeader(FileChannel channel, String identity, byte[] identityBytes)
      throws IOException {
    byte[] header = JournalFormat.header(identityBytes);
    long size = channel.size();
    byte[] start =
        new byte
            [(int) Math.min(size, JournalFormat.HEADER_FIXED + JournalFormat.MAX_IDENTITY + 4L)];
    readFully(channel, start);
    int magic = JournalFormat.MAGIC.length;
    if (!Arrays.equals(
        start,
        0,
        Math.min(start.length, magic),
        JournalFormat.MAGIC,
        0,
        Math.min(start.length, magic))) {
      throw new IllegalStateException(notAJournal(file));
    }
    if (start.length < JournalFormat.HEADER_FIXED) {
      return writeHeader(channel, header);
    }
    ByteSource in = new ByteSource(start, magic, start.length - magic);
    int version = in.readInt();
    if (version != JournalFormat.VERSION) {
      throw new IllegalStateException(
          "checkpoint journal "
              + file
              + " is of format "
              + version
              + ", not "
              + JournalFormat.VERSION
              + startOver());
    }
    int length = in.readInt();
    if (length < 0 || length > JournalFormat.MAX_IDENTITY) {
      throw new IllegalStateException(damaged(file));
    }
    if (start.length < JournalFormat.HEADER_FIXED + length + 4) {
      // The header of a new journal, cut short as it was written: no record follows it.
      return writeHeader(channel, header);
    }
    CRC32C crc = new CRC32C();
    crc.update(start, 0, JournalFormat.HEADER_FIXED + length);
    ByteSource stored = new ByteSource(start, JournalFormat.HEADER_FIXED + length, 4);
    if ((int) crc.getValue() != stored.readInt()) {
      throw new IllegalStateException(damaged(file));
    }
    byte[] storedIdentity =
        Arrays.copyOfRange(start, JournalFormat.HEADER_FIXED, JournalFormat.HEADER_FIXED + length);
    if (!Arrays.equals(storedIdentity, identityBytes)) {
      throw new IllegalStateException(
          "checkpoint journal "
              + file
              + " holds the results of "
              + new String(storedIdentity, StandardCharsets.UTF_8)
              + ", not of "
              + identity
              + startOver());
    }
    return JournalFormat.HEADER_FIXED + length + 4L;
  }

  private long writeHeader(FileChannel channel, byte[] header) throws IOException {
    try {
      channel.truncate(0);
      ByteBuffer bytes = ByteBuffer.wrap(header);
      long at = 0;
      while (bytes.hasRemaining()) {
        at += channel.write(bytes, at);
      }
      channel.force(true);
    } catch (IOException e) {
      throw new IOException(couldNotWrite(file), e);
    }
    return header.length;
  }

  private static void readFully(FileChannel channel, byte[] into) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(into);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, buffer.position()) < 0) {
        throw new IOException("checkpoint journal shrank while it was read");
      }
    }
  }

  static String couldNotWrite(Path file) {
    return "checkpoint journal " + file + " could not be written";
  }

  static String couldNotOpen(Path file) {
    return "checkpoint journal " + file + " could not be opened for reading and writing";
  }

  static String inUse(Path file, String where) {
    return "checkpoint journal "
        + file
        + " is in use by another run "
        + where
        + "; wait for that run to end, or give this run another journal file";
  }

  static String notAJournal(Path file) {
    return file
        + " is not a checkpoint journal, and a run does not overwrite it; give the run another"
        + " file, or delete this one if it is yours to lose";
  }

  static String damaged(Path file) {
    return "checkpoint journal " + file + " has a damaged header" + startOver();
  }

  private static String startOver() {
    return "; to start over, delete the file or give the run another journal file";
  }

  @Override
  public String toString() {
    return "journal " + file;
  }
}
