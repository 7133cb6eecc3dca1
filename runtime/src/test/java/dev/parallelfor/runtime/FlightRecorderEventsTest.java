package dev.parallelfor.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parallelfor.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runs and chunks the JVM's flight recorder sees. */
class FlightRecorderEventsTest {
  private static final List<Integer> NUMBERS =
      IntStream.range(0, 3_000).boxed().collect(Collectors.toUnmodifiableList());

  @TempDir Path dir;

  /**
   * Records {@code work} with the JDK's default settings (what {@code jcmd PID JFR.start} uses),
   * plus the chunk events if asked for.
   */
  private List<RecordedEvent> record(boolean chunks, Runnable work) throws Exception {
    Path file = dir.resolve("events-" + System.nanoTime() + ".jfr");
    try (Recording recording = new Recording(Configuration.getConfiguration("default"))) {
      if (chunks) {
        recording.enable("dev.parallelfor.Chunk");
      }
      recording.start();
      work.run();
      recording.stop();
      recording.dump(file);
    }
    return RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().startsWith("dev.parallelfor."))
        .sorted(Comparator.comparing(RecordedEvent::getStartTime))
        .toList();
  }

  private static List<RecordedEvent> named(List<RecordedEvent> events, String type, String name) {
    return events.stream()
        .filter(e -> e.getEventType().getName().equals(type))
        .filter(e -> !e.hasField("name") || name.equals(e.getString("name")))
        .toList();
  }

  @Test
  void everyRunRecordsOneRunEventWithItsNameCountsAndOutcome() throws Exception {
    ParallelLoop<Integer, Integer> squares =
        Parallel.cpu((Integer n) -> n * n).parallelism(3).name("squares");
    ParallelLoop<Integer, Integer> failing =
        Parallel.io(
                (Integer n) -> {
                  if (n % 1000 == 7) {
                    throw new IOException("bad " + n);
                  }
                  return n;
                })
            .name("failing");
    List<RecordedEvent> events =
        record(
            false,
            () -> {
              squares.run(NUMBERS);
              failing.runAll(NUMBERS);
              try {
                failing.parallelism(1).run(NUMBERS);
              } catch (ParallelForException expected) {
                // recorded as FAILED
              }
            });

    List<RecordedEvent> squareRuns = named(events, "dev.parallelfor.Run", "squares");
    assertEquals(1, squareRuns.size());
    RecordedEvent run = squareRuns.get(0);
    assertEquals("CPU", run.getString("mode"));
    assertEquals(3, run.getInt("parallelism"));
    assertEquals(NUMBERS.size(), run.getLong("items"));
    assertEquals(0, run.getLong("failed"));
    assertEquals("SUCCEEDED", run.getString("outcome"));
    assertFalse(run.getDuration().isNegative());
    assertTrue(run.getString("method").contains(FlightRecorderEventsTest.class.getSimpleName()));

    List<String> outcomes =
        named(events, "dev.parallelfor.Run", "failing").stream()
            .map(
                e -> e.getString("outcome") + "/" + e.getString("mode") + "/" + e.getLong("failed"))
            .toList();
    assertEquals(List.of("ITEMS_FAILED/IO/3", "FAILED/IO/1"), outcomes);
    assertTrue(named(events, "dev.parallelfor.Chunk", "").isEmpty(), "chunks are off by default");
  }

  @Test
  void aRunEventSpansTheRunFromItsStart() throws Exception {
    java.time.Instant before = java.time.Instant.now();
    List<RecordedEvent> events =
        record(
            false,
            () ->
                Parallel.io(
                        (Integer n) -> {
                          long until = System.nanoTime() + 10_000_000; // parking may end early
                          for (long left; (left = until - System.nanoTime()) > 0; ) {
                            java.util.concurrent.locks.LockSupport.parkNanos(left);
                          }
                          return n;
                        })
                    .parallelism(1)
                    .name("slow")
                    .run(List.of(1, 2)));

    RecordedEvent run = named(events, "dev.parallelfor.Run", "slow").get(0);
    // Two items of at least 10 ms one after the other: the event began before the first.
    assertTrue(run.getDuration().toMillis() >= 20, "duration " + run.getDuration());
    assertTrue(run.getStartTime().isAfter(before.minusSeconds(60)), "start " + run.getStartTime());
  }

  @Test
  void chunkEventsCoverEveryItemOnceWhenEnabled() throws Exception {
    List<RecordedEvent> events =
        record(true, () -> Parallel.cpu((Integer n) -> n + 1).parallelism(2).run(NUMBERS));
    List<RecordedEvent> chunks = named(events, "dev.parallelfor.Chunk", "");
    assertFalse(chunks.isEmpty());
    assertEquals(NUMBERS.size(), chunks.stream().mapToInt(e -> e.getInt("size")).sum());
    assertTrue(chunks.stream().allMatch(e -> e.getThread() != null));
  }

  @Test
  void stoppedRunsSayHowTheyEnded() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    ParallelLoop<Integer, Integer> blocking =
        Parallel.io(
                (Integer n) -> {
                  started.countDown();
                  new CountDownLatch(1).await();
                  return n;
                })
            .parallelism(2)
            .name("blocking");
    List<RecordedEvent> events =
        record(
            false,
            () -> {
              try {
                blocking.timeout(Duration.ofMillis(100)).run(NUMBERS);
              } catch (ParallelForException expected) {
                // recorded as TIMED_OUT
              }
              Stream<Integer> results = blocking.stream(NUMBERS);
              try {
                started.await();
              } catch (InterruptedException e) {
                throw new AssertionError(e);
              }
              results.close();
            });
    assertEquals(
        List.of("TIMED_OUT", "CANCELLED"),
        named(events, "dev.parallelfor.Run", "blocking").stream()
            .map(e -> e.getString("outcome"))
            .toList());
  }

  @Test
  void aTimeoutExceptionOfNoItemThatIsNotTheDeadlineIsRecordedAsFailed() throws Exception {
    List<ParallelLoop<Integer, Integer>> loops =
        OnlyTheDeadlineTimesOutTest.timeoutsThatAreNoDeadline();
    List<RecordedEvent> events =
        record(
            false,
            () -> {
              for (ParallelLoop<Integer, Integer> loop : loops) {
                assertThrows(ParallelForException.class, () -> loop.run(List.of(1, 2, 3)));
              }
            });
    for (String name : List.of("close", "factory", "wrapper")) {
      assertEquals(
          List.of("FAILED"),
          named(events, "dev.parallelfor.Run", name).stream()
              .map(e -> e.getString("outcome"))
              .toList(),
          name);
    }
  }

  @Test
  void aLoopWithoutNameIsCalledParallelLoop() throws Exception {
    List<RecordedEvent> events =
        record(false, () -> Parallel.cpu((Integer n) -> n).run(List.of(1, 2, 3)));
    assertFalse(named(events, "dev.parallelfor.Run", "ParallelLoop").isEmpty());
    assertTrue(Files.isDirectory(dir));
    assertThrows(IllegalArgumentException.class, () -> Parallel.cpu((Integer n) -> n).name(" "));
    assertThrows(NullPointerException.class, () -> LoopSettings.of(Mode.IO).name(null, "m"));
  }
}
