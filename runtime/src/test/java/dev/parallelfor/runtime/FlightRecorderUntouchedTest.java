package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * Runs leave the flight recorder alone while no recording could run (initializing it costs a
 * program's first run about 100 ms), and are recorded once a recording starts later. In a JVM of
 * its own, since any earlier recording in this one has initialized the recorder for good.
 */
class FlightRecorderUntouchedTest {
  private static final String FIRST_RUN_DONE = "first run done";

  @Test
  void aRunLoadsNoFlightRecorderInternalsAndARecordingStartedLaterSeesLaterRuns()
      throws IOException, InterruptedException {
    String output =
        ChildJvm.run(FlightRecorderUntouchedTest.class, List.of("-Xlog:class+load=info:stdout"));
    assertThat(output).contains(FIRST_RUN_DONE);
    String firstRun = output.substring(0, output.indexOf(FIRST_RUN_DONE));
    assertThat(firstRun).as("the run happened").contains("dev.parallelfor.runtime.internal.Run ");
    assertThat(firstRun.lines().filter(line -> line.contains("jdk.jfr.internal")).toList())
        .as("flight recorder internals loaded by a run while no recording could run")
        .isEmpty();
    assertThat(firstRun).doesNotContain("dev.parallelfor.runtime.internal.RunEvent ");
    assertThat(output).contains("later run events: 1");
  }

  /** The child JVM: a run, then a recording, then a run it records. */
  public static void main(String[] args) throws Exception {
    Parallel.cpu((Integer n) -> n + 1).name("first").run(List.of(1, 2, 3));
    System.out.println(FIRST_RUN_DONE);
    System.out.flush();
    Path file = Files.createTempFile("later-run", ".jfr");
    try {
      try (Recording recording = new Recording(Configuration.getConfiguration("default"))) {
        recording.start();
        Parallel.cpu((Integer n) -> n + 1).name("later").run(List.of(1, 2, 3));
        recording.stop();
        recording.dump(file);
      }
      long later =
          RecordingFile.readAllEvents(file).stream()
              .filter(e -> e.getEventType().getName().equals("dev.parallelfor.Run"))
              .filter(e -> e.getString("name").equals("later"))
              .count();
      System.out.println("later run events: " + later);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
