package dev.parallelfor.runtime.internal;

import jdk.jfr.FlightRecorder;

/**
 * Whether a run's flight-recorder events could be wanted at all. No recording can run before the
 * JVM's flight recorder is initialized (a recording started at launch, by {@code jcmd PID
 * JFR.start}, or through the {@code jdk.jfr} API initializes it), and until then the engine does
 * not touch its event classes: loading the first one would initialize the recorder, about 100 ms of
 * a program's first run with no recording anywhere. Asked once per run, so a recording started
 * later sees every run that starts after it.
 */
final class FlightRecording {
  private FlightRecording() {}

  /** True once the flight recorder is initialized: a recording may run, or start any time. */
  static boolean possible() {
    return FlightRecorder.isInitialized();
  }
}
