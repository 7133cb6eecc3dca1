package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpointed run whose process is killed with SIGKILL at random points again and again, and
 * started again each time: the last process returns exactly the uninterrupted run's results, and
 * each kill made at most the items in flight run again (a chunk per worker).
 */
class KilledRunResumesTest {
  private static final int ITEMS = 20_000;
  private static final int KILLS = Integer.getInteger("checkpoint.kills", 12);
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir Path dir;

  @Test
  void aRunKilledAgainAndAgainEndsWithTheUninterruptedResults() throws Exception {
    Path journal = dir.resolve("killed.journal");
    Random random = new Random();
    long seed = random.nextLong();
    random.setSeed(seed);
    int[] runs = new int[ITEMS];
    int kills = 0;
    int worstRerun = 0;
    long totalRerun = 0;
    String results = null;
    int done = 0; // items whose method returned in an earlier life
    while (results == null) {
      int killAfter = kills < KILLS ? 1 + random.nextInt(ITEMS / KILLS) : Integer.MAX_VALUE;
      List<String> lines = live(journal, killAfter);
      int rerun = 0;
      int ranNow = 0;
      for (String line : lines) {
        if (line.startsWith("ran ")) {
          int i = Integer.parseInt(line.substring(4));
          if (runs[i]++ > 0) {
            rerun++;
          }
          ranNow++;
        } else if (line.startsWith("results ")) {
          results = line.substring(8);
        }
      }
      if (results == null) {
        kills++;
        assertThat(kills).as("the last life never finished (seed %d)", seed).isLessThan(KILLS + 2);
      }
      worstRerun = Math.max(worstRerun, rerun);
      totalRerun += rerun;
      done += ranNow;
    }
    List<Long> expected =
        IntStream.range(0, ITEMS).mapToObj(KilledRunChild::work).collect(Collectors.toList());
    assertThat(results).isEqualTo(Long.toString(KilledRunChild.hash(expected)));
    assertThat(kills).isEqualTo(KILLS);
    for (int i = 0; i < ITEMS; i++) {
      assertThat(runs[i]).as("item %d ran (seed %d)", i, seed).isPositive();
    }
    // Each kill loses at most the chunks in flight: two workers, each a chunk of at most
    // ChunkSizing.MAX_CHUNK items, and the chunk of a third that was being appended.
    assertThat(worstRerun)
        .as("items run again after one kill (seed %d)", seed)
        .isLessThan(3 * 4_096);
    System.out.printf(
        "checkpoint kill test: %d kills, %d items run again in all, at most %d after one kill,"
            + " of %d items; seed %d%n",
        kills, totalRerun, worstRerun, ITEMS, seed);
  }

  /** Runs the child until it printed {@code killAfter} lines (then kills it), or it ends. */
  private static List<String> live(Path journal, int killAfter)
      throws IOException, InterruptedException {
    Process child =
        new ProcessBuilder(
                JAVA,
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                KilledRunChild.class.getName(),
                journal.toString(),
                Integer.toString(ITEMS))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (lines.size() == killAfter) {
          child.toHandle().destroyForcibly(); // SIGKILL; the pipe stays open to read to its end
        }
      }
    } finally {
      if (!child.waitFor(1, TimeUnit.MINUTES)) {
        child.destroyForcibly();
        throw new AssertionError("the child JVM did not end");
      }
    }
    return lines;
  }
}
