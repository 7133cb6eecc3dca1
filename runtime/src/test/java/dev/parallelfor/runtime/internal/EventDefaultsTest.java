package dev.parallelfor.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    assertEquals("SUCCEEDED", Run.outcome(null, false, 0));
    assertEquals("ITEMS_FAILED", Run.outcome(null, false, 2));
    assertEquals("CANCELLED", Run.outcome(null, true, 0));
    assertEquals(
        "TIMED_OUT", Run.outcome(Failures.timeout(java.time.Duration.ofSeconds(1), ""), true, 0));
    assertEquals("INTERRUPTED", Run.outcome(Failures.interrupted(""), true, 0));
    assertEquals("FAILED", Run.outcome(Failures.ofItem(3, "x", new RuntimeException()), true, 1));
    assertEquals("FAILED", Run.outcome(new OutOfMemoryError(), true, 0));
  }
}
