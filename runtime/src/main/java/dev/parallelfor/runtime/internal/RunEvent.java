package dev.parallelfor.runtime.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The flight recorder's record of one run, from its start to its end. Enabled by default: one per
 * run costs nothing an item would notice, and nothing at all when no recording runs (the engine
 * checks {@link #isEnabled()} before filling it in).
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
}
