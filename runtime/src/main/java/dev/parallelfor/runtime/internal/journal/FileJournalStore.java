package dev.parallelfor.runtime.internal.journal;

import dev.parallelfor.runtime.spi.CheckpointJournal;
import dev.parallelfor.runtime.spi.CheckpointStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** The append-only journal file behind {@code Checkpoint.file}. */
public final class FileJournalStore implements CheckpointStore {
  private final Path file;

  public FileJournalStore(Path file) {
    this.file = file;
  }

  @Override
  public CheckpointJournal open(String identity, Duration syncEvery) throws IOException {
    throw new UnsupportedOperationException("not yet"); // TODO(journal): the file format
  }

  @Override
  public String toString() {
    return "journal " + file;
  }
}
