package dev.parallelfor.sample.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/** docs/worker-state.md's examples do what the page says. */
class WorkerStateExamplesTest {
  @TempDir Path dir;

  private List<Path> files(int count) throws IOException {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      files.add(Files.writeString(dir.resolve("f" + i + ".txt"), "content " + i));
    }
    return files;
  }

  @Test
  void oneDigestPerWorkerGivesTheChecksumsOfOnePerBlob() {
    List<byte[]> blobs = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      blobs.add(("blob " + i).getBytes(StandardCharsets.UTF_8));
    }
    List<String> before = WorkerStateExamples.digestPerFile(blobs);
    assertThat(WorkerStateExamples.digestPerWorker(blobs)).isEqualTo(before);
    assertThat(before.get(0)).hasSize(64);
  }

  @Test
  void theAdHocLoopKeepsACrcPerWorker() throws IOException {
    List<Path> files = files(100);
    List<Long> expected = new ArrayList<>();
    for (Path file : files) {
      CRC32 crc = new CRC32();
      crc.update(Files.readAllBytes(file));
      expected.add(crc.getValue());
    }
    assertThat(WorkerStateExamples.perWorkerLoop(files)).isEqualTo(expected);
  }

  @Test
  void theCallersMdcReachesEveryItem() throws IOException {
    List<Path> files = files(50);
    List<String> seen = WorkerStateExamples.mdc(files, "req-7");
    assertThat(seen).hasSize(50).allMatch(s -> s.startsWith("req-7 "));
    assertThat(MDC.get("request")).isNull();
  }

  @Test
  void micrometerCarriesEveryRegisteredThreadLocal() throws IOException {
    List<Path> files = files(50);
    WorkerStateExamples.CURRENT_USER.set("alice");
    try {
      assertThat(WorkerStateExamples.micrometer(files))
          .hasSize(50)
          .allMatch(s -> s.startsWith("alice owns f"));
    } finally {
      WorkerStateExamples.CURRENT_USER.remove();
    }
    assertThat(Files.readString(files.get(0), StandardCharsets.UTF_8)).isEqualTo("content 0");
  }
}
