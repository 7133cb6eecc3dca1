package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpointed run killed with SIGKILL again and again, at random moments, loses nothing it had
 * handed to the operating system: each new process resumes from the journal, and the last one
 * returns exactly what an uninterrupted run returns. Every call of the method is logged (one
 * unbuffered append per call, which survives the kill), so the test counts how many items ran more
 * than once and bounds it per kill.
 */
class KillAndResumeTest {
  private static final int ITEMS = 20_000;
  private static final int KILLS = 30;
  private static final String DONE = "resumed run done: ";

  /**
   * At most the chunks in flight run again after a kill: a chunk of these ~50 µs items is at most a
   * few hundred items, and two workers hold one each.
   */
  private static final int MOST_RERUN_PER_KILL = 1_000;

  @Test
  void runsKilledAtRandomMomentsResumeToTheUninterruptedResult(@TempDir Path dir)
      throws IOException, InterruptedException {
    Path journal = dir.resolve("squares.journal");
    Path calls = dir.resolve("calls");
    Random random = new Random(20261207);
    List<Long> rerunPerKill = new ArrayList<>();
    boolean[] called = new boolean[ITEMS];
    long callsSeen = 0;
    int kills = 0;
    String output = "";
    while (true) {
      Process child = start(journal, calls);
      if (kills < KILLS) {
        // Kill once the child has made some calls of its own: between 1 and 800 of them.
        long target = callsSeen + 1 + random.nextInt(800);
        if (waitForCalls(calls, target, child)) {
          child.destroyForcibly();
          assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
          kills++;
          long[] log = readCalls(calls);
          long rerun = 0;
          for (int i = (int) callsSeen; i < log.length; i++) {
            int index = (int) log[i];
            if (called[index]) {
              rerun++;
            }
            called[index] = true;
          }
          rerunPerKill.add(rerun);
          callsSeen = log.length;
          continue;
        }
      }
      output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(child.waitFor(2, TimeUnit.MINUTES)).as(output).isTrue();
      assertThat(child.exitValue()).as(output).isZero();
      break;
    }
    long[] log = readCalls(calls);
    long totalRerun = log.length - distinct(log);
    System.out.printf(
        "%d kills; items run again per kill: %s; worst %d; %d calls for %d items%n",
        kills,
        rerunPerKill,
        rerunPerKill.stream().mapToLong(Long::longValue).max().orElse(0),
        log.length,
        ITEMS);
    assertThat(kills)
        .as("the children were killed before they finished")
        .isGreaterThanOrEqualTo(10);
    assertThat(output).contains(DONE + expectedChecksum());
    assertThat(distinct(log))
        .as("every item ran at least once over all processes")
        .isEqualTo(ITEMS);
    assertThat(rerunPerKill)
        .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(MOST_RERUN_PER_KILL));
    assertThat(totalRerun).isLessThanOrEqualTo((long) MOST_RERUN_PER_KILL * kills);
  }

  private static Process start(Path journal, Path calls) throws IOException {
    return ChildJvm.start(KillAndResumeTest.class, List.of(), journal.toString(), calls.toString());
  }

  /**
   * Waits until the calls log holds {@code target} calls; false if the child ended first. Polls:
   * the log is another process's, which no latch reaches.
   */
  private static boolean waitForCalls(Path calls, long target, Process child)
      throws IOException, InterruptedException {
    while (true) {
      if (Files.exists(calls) && Files.size(calls) / Long.BYTES >= target) {
        return true;
      }
      if (!child.isAlive()) {
        return false;
      }
      Thread.sleep(1);
    }
  }

  private static long[] readCalls(Path calls) throws IOException {
    if (!Files.exists(calls)) {
      return new long[0];
    }
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(calls));
    long[] log = new long[bytes.remaining() / Long.BYTES]; // a call logged in half is not counted
    for (int i = 0; i < log.length; i++) {
      log[i] = bytes.getLong();
    }
    return log;
  }

  private static long distinct(long[] log) {
    return java.util.Arrays.stream(log).distinct().count();
  }

  private static long result(long n) {
    long x = n * 0x9E3779B97F4A7C15L;
    for (int i = 0; i < 2_000; i++) { // about 50 µs of work
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
    }
    return x;
  }

  private static long expectedChecksum() {
    long sum = 0;
    for (long n = 0; n < ITEMS; n++) {
      sum = sum * 31 + result(n);
    }
    return sum;
  }

  /** The child JVM: the checkpointed loop, logging each call before it returns its result. */
  public static void main(String[] args) throws IOException {
    Path journal = Path.of(args[0]);
    try (OutputStream log =
        Files.newOutputStream(
            Path.of(args[1]), StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      List<Long> results =
          Parallel.cpu(
                  (Long n) -> {
                    long value = result(n);
                    byte[] call = ByteBuffer.allocate(Long.BYTES).putLong(n).array();
                    synchronized (log) {
                      log.write(call); // one write call: on disk even if the process dies next
                    }
                    return value;
                  })
              .parallelism(2)
              .checkpoint(journal)
              .run(Range.of(0L, ITEMS));
      long sum = 0;
      for (long value : results) {
        sum = sum * 31 + value;
      }
      System.out.println(DONE + sum);
    }
  }
}
