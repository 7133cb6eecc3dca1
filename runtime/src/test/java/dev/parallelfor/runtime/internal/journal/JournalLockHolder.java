package dev.parallelfor.runtime.internal.journal;

import dev.parallelfor.runtime.spi.CheckpointJournal;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** A child JVM that holds a journal open until its standard input ends. */
final class JournalLockHolder {
  static final String HOLDING = "holding";

  private JournalLockHolder() {}

  public static void main(String[] args) throws IOException {
    try (CheckpointJournal journal =
        new FileJournalStore(Path.of(args[0])).open(args[1], Duration.ZERO)) {
      JournalRecord.replay(journal);
      JournalRecord.append(journal, FileJournalTest.records(0, 1));
      System.out.println(HOLDING);
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to close our input
      }
    }
  }
}
