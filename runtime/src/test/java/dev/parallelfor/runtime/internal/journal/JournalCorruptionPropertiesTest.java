package dev.parallelfor.runtime.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelfor.runtime.spi.CheckpointJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Journals cut at every byte, as a killed process or a lost page leaves them, and with each byte
 * garbled in turn: a reader returns exactly the records before the damage, never a garbled one, and
 * a run that appends after it leaves a journal that reads back whole.
 */
class JournalCorruptionPropertiesTest {
  private static final String IDENTITY = "Loop(com.example.Job$Work)/standard";
  private static final JournalRecord EXTRA = JournalRecord.of(5, 55, new byte[] {5, 5});

  @Provide
  Arbitrary<List<JournalRecord>> records() {
    Arbitrary<Long> index =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, 300), Arbitraries.longs().greaterOrEqual(0));
    Arbitrary<byte[]> result = Arbitraries.bytes().array(byte[].class).ofMaxSize(24);
    return Combinators.combine(index, Arbitraries.longs(), result)
        .as(JournalRecord::of)
        .list()
        .ofMaxSize(10);
  }

  @Property(tries = 12)
  void aJournalCutAtAnyByteReadsAsAPrefixAndTakesAppends(
      @ForAll("records") List<JournalRecord> records, @ForAll @IntRange(min = 1, max = 4) int batch)
      throws IOException {
    Path dir = Files.createTempDirectory("cut");
    try {
      byte[] whole = write(dir.resolve("whole.journal"), records, batch);
      long[] ends = recordEnds(records);
      Path cut = dir.resolve("cut.journal");
      for (int length = 0; length <= whole.length; length++) {
        Files.write(cut, java.util.Arrays.copyOf(whole, length));
        List<JournalRecord> expected = records.subList(0, intactBefore(ends, length));
        List<JournalRecord> read;
        try (CheckpointJournal journal =
            new FileJournalStore(cut).open(IDENTITY, Duration.ofHours(1))) {
          read = JournalRecord.replay(journal);
          JournalRecord.append(journal, List.of(EXTRA));
        }
        assertThat(read).as("cut at %d of %d", length, whole.length).isEqualTo(expected);
        assertThat(reread(cut)).isEqualTo(plusExtra(expected));
      }
    } finally {
      delete(dir);
    }
  }

  @Property(tries = 12)
  void aGarbledByteAnywhereIsNeverReadAsARecord(
      @ForAll("records") List<JournalRecord> records,
      @ForAll @IntRange(min = 1, max = 255) int garble)
      throws IOException {
    Path dir = Files.createTempDirectory("flip");
    try {
      byte[] whole = write(dir.resolve("whole.journal"), records, 3);
      long[] ends = recordEnds(records);
      long headerEnd = ends[0];
      Path damaged = dir.resolve("damaged.journal");
      for (int at = 0; at < whole.length; at++) {
        byte[] bytes = whole.clone();
        bytes[at] ^= (byte) garble;
        Files.write(damaged, bytes);
        if (at < headerEnd) {
          // A damaged header is refused, or, when its length now runs past the file, taken for
          // a new journal's header cut short: either way no record is read.
          try {
            assertThat(reread(damaged)).isEmpty();
          } catch (IllegalStateException refused) {
            assertThat(refused).hasMessageContaining(damaged.toString());
          }
          continue;
        }
        List<JournalRecord> expected = records.subList(0, intactBefore(ends, at));
        List<JournalRecord> read;
        try (CheckpointJournal journal =
            new FileJournalStore(damaged).open(IDENTITY, Duration.ofHours(1))) {
          read = JournalRecord.replay(journal);
          JournalRecord.append(journal, List.of(EXTRA));
        }
        assertThat(read).as("garbled at %d of %d", at, whole.length).isEqualTo(expected);
        assertThat(reread(damaged)).isEqualTo(plusExtra(expected));
      }
    } finally {
      delete(dir);
    }
  }

  private static byte[] write(Path file, List<JournalRecord> records, int batch)
      throws IOException {
    try (CheckpointJournal journal = new FileJournalStore(file).open(IDENTITY, Duration.ZERO)) {
      assertThat(JournalRecord.replay(journal)).isEmpty();
      for (int i = 0; i < records.size(); i += batch) {
        JournalRecord.append(journal, records.subList(i, Math.min(records.size(), i + batch)));
      }
    }
    return Files.readAllBytes(file);
  }

  /** ends[0] is where the header ends; ends[i + 1] where record i does. */
  private static long[] recordEnds(List<JournalRecord> records) {
    long[] ends = new long[records.size() + 1];
    ends[0] =
        JournalFormat.header(IDENTITY.getBytes(java.nio.charset.StandardCharsets.UTF_8)).length;
    for (int i = 0; i < records.size(); i++) {
      ByteSink sink = new ByteSink(16);
      JournalRecord r = records.get(i);
      JournalFormat.writeRecord(
          sink, new java.util.zip.CRC32C(), r.index(), r.fingerprint(), r.resultBytes());
      ends[i + 1] = ends[i] + sink.size();
    }
    return ends;
  }

  /** How many records lie wholly before byte {@code offset}. */
  private static int intactBefore(long[] ends, long offset) {
    int n = 0;
    while (n + 1 < ends.length && ends[n + 1] <= offset) {
      n++;
    }
    return n;
  }

  private static List<JournalRecord> plusExtra(List<JournalRecord> records) {
    List<JournalRecord> all = new ArrayList<>(records);
    all.add(EXTRA);
    return all;
  }

  private static List<JournalRecord> reread(Path file) throws IOException {
    try (CheckpointJournal journal = new FileJournalStore(file).open(IDENTITY, Duration.ZERO)) {
      return JournalRecord.replay(journal);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }
}
