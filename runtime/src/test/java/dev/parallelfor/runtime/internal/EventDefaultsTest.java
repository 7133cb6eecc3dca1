package dev.parallelfor.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parallelfor.runtime.Ending;
import jdk.jfr.Enabled;
import jdk.jfr.EventType;
import org.junit.jupiter.api.Test;

/** The flight recorder's events keep the names and defaults the README documents. */
class EventDefaultsTest {
  @Test
  void runIsOnAndChunkIsOffByDefault() {
    EventType run = EventType.getEventType(RunEvent.class);
    EventType chunk = EventType.getEventType(ChunkEvent.class);
    assertEquals("dev.parallelfor.Run", run.getName());
    assertEquals("dev.parallelfor.Chunk", chunk.getName());
    Enabled runDefault = RunEvent.class.getAnnotation(Enabled.class);
    assertTrue(runDefault == null || runDefault.value());
    assertFalse(ChunkEvent.class.getAnnotation(Enabled.class).value());
  }

  @Test
  void outcomesNameHowARunEnded() {
    assertEquals("SUCCEEDED", RunEvent.outcome(Ending.done(), 0));
    assertEquals("ITEMS_FAILED", RunEvent.outcome(Ending.done(), 2));
    assertEquals("CANCELLED", RunEvent.outcome(Ending.stoppedBy(null), 0));
    assertEquals(
        "TIMED_OUT",
        RunEvent.outcome(
            Ending.stoppedBy(Failures.timeout(java.time.Duration.ofSeconds(1), "")), 0));
    assertEquals("INTERRUPTED", RunEvent.outcome(Ending.stoppedBy(Failures.interrupted("")), 0));
    assertEquals(
        "FAILED",
        RunEvent.outcome(Ending.stoppedBy(Failures.ofItem(3, "x", new RuntimeException())), 1));
    assertEquals("FAILED", RunEvent.outcome(Ending.stoppedBy(new OutOfMemoryError()), 0));
    // A failure of no item whose cause is a TimeoutException is FAILED unless it is the run's own
    // deadline: the run tells which, and says so in its Ending.
    assertEquals(
        "FAILED",
        RunEvent.outcome(
            new Ending(
                Ending.Kind.FAILED,
                -1,
                java.util.Optional.of(
                    Failures.workerClose(new java.util.concurrent.TimeoutException()))),
            0));
  }
}
