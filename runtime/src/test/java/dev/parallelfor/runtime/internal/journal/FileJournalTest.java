package dev.parallelfor.runtime.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parallelfor.runtime.spi.CheckpointJournal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileJournalTest {
  private static final String IDENTITY = "ChecksumsDriver#checksum(java.nio.file.Path)/standard";

  @TempDir Path dir;

  static List<JournalRecord> records(int from, int count) {
    List<JournalRecord> records = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      records.add(
          JournalRecord.of(i, Fingerprints.ofLong(i), StandardCodec.forResultType(null).encode(i)));
    }
    return records;
  }

  @Test
  void aNewJournalIsEmptyAndKeepsWhatWasAppendedInOrder() throws IOException {
    Path file = dir.resolve("run.journal");
    try (CheckpointJournal journal = new FileJournalStore(file).open(IDENTITY, Duration.ZERO)) {
      assertThat(JournalRecord.replay(journal)).isEmpty();
      JournalRecord.append(journal, records(0, 3));
      JournalRecord.append(journal, records(3, 2));
    }
    try (CheckpointJournal journal =
        new FileJournalStore(file).open(IDENTITY, Duration.ofSeconds(1))) {
      assertThat(JournalRecord.replay(journal)).isEqualTo(records(0, 5));
      JournalRecord.append(journal, List.of(JournalRecord.of(2, 7, new byte[0])));
    }
    try (CheckpointJournal journal = new FileJournalStore(file).open(IDENTITY, Duration.ZERO)) {
      List<JournalRecord> expected = new ArrayList<>(records(0, 5));
      expected.add(JournalRecord.of(2, 7, new byte[0]));
      assertThat(JournalRecord.replay(journal)).isEqualTo(expected);
    }
  }

  @Test
  void aTornTailIsDroppedEvenWhenARunAppendsWithoutReplaying() throws IOException {
    Path file = dir.resolve("run.journal");
    try (CheckpointJournal journal = new FileJournalStore(file).open(IDENTITY, Duration.ZERO)) {
      JournalRecord.append(journal, records(0, 2));
    }
    byte[] whole = Files.readAllBytes(file);
    // Half a record, as a process killed in its write leaves it.
    Files.write(file, java.util.Arrays.copyOf(whole, whole.length + 7));
    try (CheckpointJournal journal = new FileJournalStore(file).open(IDENTITY, Duration.ZERO)) {
      JournalRecord.append(journal, records(2, 1));
    }
    try (CheckpointJournal journal = new FileJournalStore(file).open(IDENTITY, Duration.ZERO)) {
      assertThat(JournalRecord.replay(journal)).isEqualTo(records(0, 3));
    }
  }

  @Test
  void aJournalOfAnotherLoopIsRefusedNamingBoth() throws IOException {
    Path file = dir.resolve("run.journal");
    new FileJournalStore(file).open(IDENTITY, Duration.ZERO).close();
    assertThatThrownBy(
            () -> new FileJournalStore(file).open("OtherDriver#x()/standard", Duration.ZERO))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(IDENTITY)
        .hasMessageContaining("OtherDriver#x()/standard")
        .hasMessageContaining("delete the file");
    // The refusal released the file: the right loop opens it.
    new FileJournalStore(file).open(IDENTITY, Duration.ZERO).close();
  }

  @Test
  void aFileThatIsNotAJournalIsRefusedAndLeftAlone() throws IOException {
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "my precious notes");
    assertThatThrownBy(() -> new FileJournalStore(file).open(IDENTITY, Duration.ZERO))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not a checkpoint journal");
    assertThat(Files.readString(file)).isEqualTo("my precious notes");
  }

  @Test
  void aSecondRunInThisProcessIsRefusedUntilTheFirstCloses() throws IOException {
    Path file = dir.resolve("run.journal");
    Path link = Files.createSymbolicLink(dir.resolve("link.journal"), file.getFileName());
    CheckpointJournal first = new FileJournalStore(file).open(IDENTITY, Duration.ZERO);
    JournalRecord.append(first, records(0, 1));
    for (Path path : List.of(file, link)) {
      assertThatThrownBy(() -> new FileJournalStore(path).open(IDENTITY, Duration.ZERO))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is in use by another run in this process");
    }
    // The refused opens did not take the first run's lock away.
    JournalRecord.append(first, records(1, 1));
    first.close();
    try (CheckpointJournal second = new FileJournalStore(link).open(IDENTITY, Duration.ZERO)) {
      assertThat(JournalRecord.replay(second)).isEqualTo(records(0, 2));
    }
  }

  @Test
  void aRunInAnotherProcessIsRefusedUntilItEnds() throws Exception {
    Path file = dir.resolve("run.journal");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process holder =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                JournalLockHolder.class.getName(),
                file.toString(),
                IDENTITY)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(assertTimeoutPreemptively(Duration.ofMinutes(1), out::readLine))
          .isEqualTo(JournalLockHolder.HOLDING);
      assertThatThrownBy(() -> new FileJournalStore(file).open(IDENTITY, Duration.ZERO))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is in use by another run in another process");
      holder.getOutputStream().close(); // the holder closes its journal and exits
      assertThat(holder.waitFor(1, TimeUnit.MINUTES)).isTrue();
      assertThat(holder.exitValue()).isZero();
      try (CheckpointJournal journal = new FileJournalStore(file).open(IDENTITY, Duration.ZERO)) {
        assertThat(JournalRecord.replay(journal)).isEqualTo(records(0, 1));
      }
    } finally {
      holder.destroyForcibly();
    }
  }

  @Test
  void appendsFromManyThreadsNeverInterleave() throws Exception {
    Path file = dir.resolve("run.journal");
    int threads = 4;
    int batches = 200;
    int batch = 50;
    try (CheckpointJournal journal =
        new FileJournalStore(file).open(IDENTITY, Duration.ofMillis(1))) {
      JournalRecord.replay(journal);
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          done.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int b = 0; b < batches; b++) {
                      int from = (thread * batches + b) * batch;
                      JournalRecord.append(journal, records(from, batch));
                    }
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> future : done) {
          assertTimeoutPreemptively(Duration.ofMinutes(1), () -> future.get());
        }
      } finally {
        pool.shutdownNow();
      }
    }
    try (CheckpointJournal journal = new FileJournalStore(file).open(IDENTITY, Duration.ZERO)) {
      List<JournalRecord> stored = JournalRecord.replay(journal);
      assertThat(stored).hasSize(threads * batches * batch);
      assertThat(stored).containsExactlyInAnyOrderElementsOf(records(0, threads * batches * batch));
      // Each call's records lie together, in its order.
      for (int i = 0; i < stored.size(); i += batch) {
        long first = stored.get(i).index();
        assertThat(first % batch).isZero();
        for (int j = 0; j < batch; j++) {
          assertThat(stored.get(i + j).index()).isEqualTo(first + j);
        }
      }
    }
  }

  @Test
  void recordsAreForcedWhenTheLastForceIsOlderThanTheIntervalAndAtClose() throws IOException {
    AtomicLong now = new AtomicLong();
    FileJournal journal =
        new FileJournalStore(dir.resolve("run.journal"), now::get)
            .openJournal(IDENTITY, Duration.ofSeconds(1));
    JournalRecord.append(journal, records(0, 10));
    now.set(TimeUnit.MILLISECONDS.toNanos(999));
    JournalRecord.append(journal, records(10, 10));
    assertThat(journal.forces()).isZero();
    now.set(TimeUnit.MILLISECONDS.toNanos(1000));
    JournalRecord.append(journal, records(20, 10));
    assertThat(journal.forces()).isEqualTo(1);
    now.set(TimeUnit.MILLISECONDS.toNanos(1999));
    JournalRecord.append(journal, records(30, 10));
    assertThat(journal.forces()).isEqualTo(1);
    now.set(TimeUnit.MILLISECONDS.toNanos(2000));
    JournalRecord.append(journal, records(40, 10));
    assertThat(journal.forces()).isEqualTo(2);
    now.set(TimeUnit.MILLISECONDS.toNanos(2500));
    JournalRecord.append(journal, records(50, 10));
    assertThat(journal.forces()).isEqualTo(2);
    journal.close();
    assertThat(journal.forces()).isEqualTo(3);
  }

  @Test
  void closingAfterEverythingWasForcedForcesNothingMore() throws IOException {
    FileJournal journal =
        new FileJournalStore(dir.resolve("run.journal")).openJournal(IDENTITY, Duration.ZERO);
    JournalRecord.append(journal, records(0, 1));
    journal.close();
    assertThat(journal.forces()).isEqualTo(1);
  }

  @Test
  void aZeroIntervalForcesEveryAppend() throws IOException {
    FileJournal journal =
        new FileJournalStore(dir.resolve("run.journal")).openJournal(IDENTITY, Duration.ZERO);
    for (int i = 0; i < 5; i++) {
      JournalRecord.append(journal, records(i, 1));
      assertThat(journal.forces()).isEqualTo(i + 1);
    }
    journal.close();
  }

  @Test
  void aDirectoryIsNotAJournal() throws IOException {
    Path directory = Files.createDirectory(dir.resolve("results"));
    assertThatThrownBy(() -> new FileJournalStore(directory).open(IDENTITY, Duration.ZERO))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("checkpoint journal " + directory + " could not be opened")
        .hasCauseInstanceOf(IOException.class);
    // And nothing stays registered as open.
    assertThatThrownBy(() -> new FileJournalStore(directory).open(IDENTITY, Duration.ZERO))
        .isInstanceOf(IOException.class);
  }

  @Test
  void aJournalInAMissingDirectoryCannotBeOpened() {
    Path file = dir.resolve("missing/run.journal");
    assertThatThrownBy(() -> new FileJournalStore(file).open(IDENTITY, Duration.ZERO))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("checkpoint journal " + file + " could not be opened");
  }

  @Test
  void aReadOnlyJournalCannotBeOpened() throws IOException {
    Path file = dir.resolve("run.journal");
    new FileJournalStore(file).open(IDENTITY, Duration.ZERO).close();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
    Assumptions.assumeFalse(Files.isWritable(file), "the file system lets this user write anyway");
    assertThatThrownBy(() -> new FileJournalStore(file).open(IDENTITY, Duration.ZERO))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("could not be opened for reading and writing");
  }

  @Test
  void aFullDeviceFailsTheOpenWithTheWriteError() throws IOException {
    Path full = Path.of("/dev/full");
    Assumptions.assumeTrue(Files.isWritable(full), "no /dev/full here");
    Path file = Files.createSymbolicLink(dir.resolve("run.journal"), full);
    assertThatThrownBy(() -> new FileJournalStore(file).open(IDENTITY, Duration.ZERO))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("checkpoint journal " + file + " could not be written")
        .hasRootCauseMessage("No space left on device");
  }

  @Test
  void aFailedWriteFailsThatAppendAndEveryLaterOne() throws IOException {
    Path file = dir.resolve("run.journal");
    new FileJournalStore(file).open(IDENTITY, Duration.ZERO).close();
    try (FailingFile out = new FailingFile(file, 2)) {
      FileJournal journal =
          new FileJournal(
              file, out, out.getChannel().tryLock(), out.length(), 0, System::nanoTime, () -> {});
      JournalRecord.append(journal, records(0, 3));
      assertThatThrownBy(() -> JournalRecord.append(journal, records(3, 3)))
          .isInstanceOf(IOException.class)
          .hasMessage("checkpoint journal " + file + " could not be written")
          .hasRootCauseMessage("No space left on device");
      assertThatThrownBy(() -> JournalRecord.append(journal, records(6, 1)))
          .isInstanceOf(IOException.class)
          .hasMessage("checkpoint journal " + file + " could not be written");
      journal.close();
    }
    try (CheckpointJournal journal = new FileJournalStore(file).open(IDENTITY, Duration.ZERO)) {
      // Half of the failed write's 57 bytes reached the file: its first record whole, which
      // counts, and a torn second one, which is dropped.
      assertThat(JournalRecord.replay(journal)).isEqualTo(records(0, 4));
    }
  }
}
