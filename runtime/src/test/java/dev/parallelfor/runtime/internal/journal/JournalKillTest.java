package dev.parallelfor.runtime.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelfor.runtime.spi.CheckpointJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process appending to a journal, killed with SIGKILL at random points again and again: after
 * each kill the journal reads back every record the process had finished appending, each intact,
 * and a last process completes it.
 */
class JournalKillTest {
  private static final int TOTAL = 1_000_000;
  private static final int KILLS = Integer.getInteger("journal.kills", 20);

  @TempDir Path dir;

  @Test
  void everyFinishedAppendSurvivesAKillAndNoRecordIsGarbled() throws Exception {
    Path file = dir.resolve("killed.journal");
    Random random = new Random();
    long seed = random.nextLong();
    random.setSeed(seed);
    int kills = 0;
    long rerun = 0;
    long worstRerun = 0;
    for (int life = 0; ; life++) {
      int killAfter = kills < KILLS ? 2 + random.nextInt(800) : Integer.MAX_VALUE;
      KillHarness.Life lived =
          KillHarness.run(
              JournalAppender.class,
              killAfter,
              file.toString(),
              Integer.toString(TOTAL),
              life % 2 == 0 ? "PT1S" : "PT0S");
      BitSet taken = new BitSet();
      BitSet appended = new BitSet();
      for (String line : lived.lines()) {
        String[] parts = line.split(" ");
        if (parts[0].equals("taking") || parts[0].equals("appended")) {
          int from = Integer.parseInt(parts[1]);
          (parts[0].equals("taking") ? taken : appended)
              .set(from, from + Integer.parseInt(parts[2]));
        }
      }
      BitSet stored = read(file);
      BitSet lost = (BitSet) appended.clone();
      lost.andNot(stored);
      assertThat(lost.cardinality())
          .as("records appended before the kill but gone after it (seed %d, life %d)", seed, life)
          .isZero();
      if (lived.finished()) {
        assertThat(lived.exitCode()).as(String.join("\n", lived.lines())).isZero();
        assertThat(stored.cardinality()).isEqualTo(TOTAL);
        break;
      }
      kills++;
      // What the next life runs again: positions taken for an append the kill cut short.
      BitSet again = taken;
      again.andNot(stored);
      rerun += again.cardinality();
      worstRerun = Math.max(worstRerun, again.cardinality());
      assertThat(again.cardinality())
          .as("at most one chunk per thread was in flight")
          .isLessThanOrEqualTo(JournalAppender.THREADS * JournalAppender.MAX_CHUNK);
    }
    System.out.printf(
        "journal kill test: %d kills; records to append again after a kill: %.1f on average, at"
            + " most %d (chunks of 1 to %d records from %d threads); seed %d%n",
        kills,
        (double) rerun / kills,
        worstRerun,
        JournalAppender.MAX_CHUNK,
        JournalAppender.THREADS,
        seed);
    assertThat(kills).isEqualTo(KILLS);
  }

  /** The positions stored, checking each record and that none is stored twice. */
  private static BitSet read(Path file) throws IOException {
    BitSet stored = new BitSet();
    if (!Files.exists(file)) {
      return stored;
    }
    try (CheckpointJournal journal =
        new FileJournalStore(file).open(JournalAppender.IDENTITY, Duration.ZERO)) {
      journal.replay(
          (index, fingerprint, result) -> {
            JournalAppender.check(index, fingerprint, result);
            assertThat(stored.get((int) index)).as("position %d stored twice", index).isFalse();
            stored.set((int) index);
          });
    }
    return stored;
  }
}
