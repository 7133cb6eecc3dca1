/**
 * The ParallelFor runtime: the user API in {@code dev.parallelfor.runtime} (ad-hoc loops, the
 * options every driver inherits, progress, failures), and in {@code dev.parallelfor.runtime.spi}
 * what only cluster backends and generated drivers call. A modular program that uses generated
 * drivers needs only {@code requires dev.parallelfor.runtime;}: the annotations come with it.
 */
module dev.parallelfor.runtime {
  // Users' annotated code names both modules' types; requiring the runtime is enough.
  requires transitive dev.parallelfor;
  // Flight-recorder events of runs; the module is in every JDK of the supported versions.
  requires jdk.jfr;
  // Whether a RUNNABLE IO worker is blocked in native code or busy; in every JDK as well.
  requires java.management;

  exports dev.parallelfor.runtime;
  // What only generated drivers and cluster backends call: apart from the user API.
  exports dev.parallelfor.runtime.spi;
// dev.parallelfor.runtime.internal stays hidden: generated drivers and backends never name it.
}
