package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.Ending;
import dev.parallelfor.runtime.IndexedItemFunction;
import java.util.function.Supplier;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The flight recorder's record of one run, from its start to its end. Enabled by default: one per
 * run costs nothing an item would notice, and nothing at all when no recording runs (the engine
 * checks {@link #isEnabled()} before filling it in, and does not even load this class before the
 * flight recorder is initialized: {@link Run#recordingPossible()}).
 */
@Name("dev.parallelfor.Run")
@Label("ParallelFor Run")
@Category("ParallelFor")
@Description("One run of a ParallelFor driver or loop, from its start until it ended")
@StackTrace(false)
final class RunEvent extends jdk.jfr.Event {
  @Label("Name")
  @Description("The generated driver's simple name, or the loop's name (ParallelLoop by default)")
  String name;

  @Label("Method")
  @Description("The annotated method a driver runs, or the class of a loop's function")
  String method;

  @Label("Mode")
  String mode;

  @Label("Parallelism")
  @Description("At most this many items in flight")
  int parallelism;

  @Label("Items")
  @Description("Items finished, failed ones included")
  long items;

  @Label("Failed")
  @Description("Items that failed")
  long failed;

  @Label("Outcome")
  @Description("SUCCEEDED, ITEMS_FAILED (runAll), FAILED, TIMED_OUT, INTERRUPTED or CANCELLED")
  String outcome;

  /** A begun event for a run made now, or null when no recording wants it. */
  static RunEvent begun() {
    RunEvent recording = new RunEvent();
    if (!recording.isEnabled()) {
      return null;
    }
    recording.begin();
    return recording;
  }

  /**
   * Ends the event of a run that has ended and commits it, if a recording wants it; never throws.
   *
   * @param ending how the run ended, as its listener was told; asked only when committing
   */
  void endAndCommit(
      RunOptions options,
      IndexedItemFunction<Object, Object> call,
      int parallelism,
      ProgressReporter progress,
      Supplier<Ending> ending) {
    try {
      end();
      if (!shouldCommit()) {
        return;
      }
      name = options.name();
      method = options.method() != null ? options.method() : functionName(call);
      mode = options.mode().name();
      this.parallelism = parallelism;
      items = progress.completed();
      failed = progress.failed();
      outcome = outcome(ending.get(), failed);
      commit();
    } catch (Throwable ignored) {
      // Best effort: the outcome is published already, and recording must not change it.
    }
  }

  private static String functionName(IndexedItemFunction<Object, Object> call) {
    return call instanceof PerWorkerCall perWorker
        ? perWorker.factoryClassName()
        : call.getClass().getName();
  }

  /** The flight recorder's outcome of a run that ended so, told as its listener was told. */
  static String outcome(Ending ending, long failedItems) {
    return switch (ending.kind()) {
      case DONE -> failedItems > 0 ? "ITEMS_FAILED" : "SUCCEEDED";
      case TIMED_OUT -> "TIMED_OUT";
      case CANCELLED -> ending.failure().isPresent() ? "INTERRUPTED" : "CANCELLED";
      case FAILED -> "FAILED";
    };
  }
}
