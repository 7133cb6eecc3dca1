package dev.parallelfor.runtime.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The flight recorder's record of one chunk of items run by one worker (its thread is the event's
 * thread). Disabled by default: a run of tiny items has many chunks.
 */
@Name("dev.parallelfor.Chunk")
@Label("ParallelFor Chunk")
@Category("ParallelFor")
@Description("Consecutive items of a run that one worker ran in one go")
@Enabled(false)
@StackTrace(false)
final class ChunkEvent extends jdk.jfr.Event {
  @Label("Start")
  @Description("Index of the chunk's first item")
  long start;

  @Label("Size")
  @Description("Items the worker attempted in this chunk")
  int size;

  @Label("Failed")
  int failed;

  /** A begun event for a chunk claimed now, or null when no recording wants it (the default). */
  static ChunkEvent begun() {
    ChunkEvent recording = new ChunkEvent();
    if (!recording.isEnabled()) {
      return null;
    }
    recording.begin();
    return recording;
  }

  /** Ends the event of a chunk that was run and commits it, if a recording wants it. */
  void endAndCommit(Chunk chunk) {
    end();
    if (shouldCommit()) {
      start = chunk.start;
      size = chunk.attempted;
      failed = chunk.failed;
      commit();
    }
  }
}
