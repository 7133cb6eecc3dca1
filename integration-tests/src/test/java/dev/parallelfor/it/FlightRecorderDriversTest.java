package dev.parallelfor.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated driver names its runs in the flight recorder after itself and its method. */
class FlightRecorderDriversTest {
  @TempDir Path dir;

  @Test
  void aDriversRunEventNamesTheDriverAndTheAnnotatedMethod() throws Exception {
    Path file = dir.resolve("driver.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("dev.parallelfor.Run");
      recording.start();
      new DigestsShoutDriver(new Digests())
          .parallelism(2)
          .run(List.of("a", "b", "c"), Digests.Scratch::new, "?");
      recording.stop();
      recording.dump(file);
    }
    List<RecordedEvent> runs =
        RecordingFile.readAllEvents(file).stream()
            .filter(e -> e.getEventType().getName().equals("dev.parallelfor.Run"))
            .filter(e -> "DigestsShoutDriver".equals(e.getString("name")))
            .toList();
    assertThat(runs).hasSize(1);
    RecordedEvent run = runs.get(0);
    assertThat(run.getString("method")).isEqualTo("Digests.shout(String, Digests.Scratch, String)");
    assertThat(run.getString("mode")).isEqualTo("CPU");
    assertThat(run.getInt("parallelism")).isEqualTo(2);
    assertThat(run.getLong("items")).isEqualTo(3);
    assertThat(run.getString("outcome")).isEqualTo("SUCCEEDED");
  }
}
