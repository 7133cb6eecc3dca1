package dev.parallelfor.runtime.internal.journal;

import dev.parallelfor.runtime.spi.CheckpointJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A child JVM that resumes a journal of positions 0 to n - 1, as a run would: it replays the
 * journal, checks every record, and appends the missing positions in chunks of random sizes from
 * two threads at once. Before each append it prints "taking FROM COUNT", and after it returns
 * "appended FROM COUNT": those records were handed to the operating system, so a kill must not lose
 * them. Each record's fingerprint and result follow from its position, so a reader can tell a
 * garbled one.
 */
final class JournalAppender {
  static final String IDENTITY = "JournalAppender";
  static final int MAX_CHUNK = 64;
  static final int THREADS = 2;

  private final CheckpointJournal journal;
  private final long total;
  private final BitSet done = new BitSet();
  private long cursor;

  private JournalAppender(CheckpointJournal journal, long total) {
    this.journal = journal;
    this.total = total;
  }

  static long fingerprint(long index) {
    return Fingerprints.ofLong(index);
  }

  static byte[] result(long index) {
    // From 2 to about 45 bytes, so that records straddle pages and write boundaries.
    return StandardCodec.forResultType(null).encode("r".repeat((int) (index % 37)) + index);
  }

  /** Checks a stored record; the position it is for, or an error if it is garbled. */
  static void check(long index, long fingerprint, byte[] result) {
    if (fingerprint != fingerprint(index) || !Arrays.equals(result, result(index))) {
      throw new IllegalStateException("a garbled record for position " + index);
    }
  }

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    long total = Long.parseLong(args[1]);
    Duration syncEvery = Duration.parse(args[2]);
    try (CheckpointJournal journal = new FileJournalStore(file).open(IDENTITY, syncEvery)) {
      JournalAppender appender = new JournalAppender(journal, total);
      journal.replay(
          (index, fingerprint, result) -> {
            check(index, fingerprint, result);
            appender.done.set((int) index);
          });
      System.out.println("resumed " + appender.done.cardinality());
      Thread other = new Thread(appender::work);
      other.start();
      appender.work();
      other.join();
    }
    System.out.println("done");
  }

  /** The next run of positions not stored yet, at most {@code most} long; null when none. */
  private synchronized long[] take(int most) {
    long from = done.nextClearBit((int) cursor);
    if (from >= total) {
      return null;
    }
    long until =
        Math.min(
            Math.min(total, from + most),
            done.nextSetBit((int) from) < 0 ? Long.MAX_VALUE : done.nextSetBit((int) from));
    cursor = until;
    return new long[] {from, until - from};
  }

  private void work() {
    try {
      for (long[] run = take(chunk()); run != null; run = take(chunk())) {
        int count = (int) run[1];
        synchronized (System.out) {
          System.out.println("taking " + run[0] + " " + count);
        }
        long[] indexes = new long[count];
        long[] fingerprints = new long[count];
        byte[][] results = new byte[count][];
        for (int i = 0; i < count; i++) {
          indexes[i] = run[0] + i;
          fingerprints[i] = fingerprint(indexes[i]);
          results[i] = result(indexes[i]);
        }
        journal.append(indexes, fingerprints, results, count);
        synchronized (System.out) {
          System.out.println("appended " + run[0] + " " + count);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int chunk() {
    return 1 + ThreadLocalRandom.current().nextInt(MAX_CHUNK);
  }
}
