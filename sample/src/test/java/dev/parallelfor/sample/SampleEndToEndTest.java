package dev.parallelfor.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelfor.runtime.ParallelForException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SampleEndToEndTest {
  @TempDir Path dir;

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
  }

  @Test
  void checksumsEqualMessageDigestComputedSequentially() throws Exception {
    List<Path> files = SampleData.generate(dir, 300, 7);
    List<String> expected = new ArrayList<>();
    for (Path file : files) {
      expected.add(sha256(file));
    }
    RecordingListener progress = new RecordingListener();

    ChecksumJob.Outcome outcome = ChecksumJob.run(files, 0, progress);

    assertThat(outcome.driver().values()).isEqualTo(expected);
    assertThat(outcome.forLoop()).isEqualTo(expected);
    assertThat(outcome.loopsAgree()).isTrue();
    assertThat(expected).doesNotHaveDuplicates();
    progress.assertCompleteRun(300, 0);
  }

  @Test
  void checksumsOfUnreadableFilesFailOneByOne() throws Exception {
    List<Path> files = new ArrayList<>(SampleData.generate(dir, 20, 8));
    Path missing = dir.resolve("missing.bin");
    files.add(5, missing);
    RecordingListener progress = new RecordingListener();

    ChecksumJob.Outcome outcome = ChecksumJob.run(files, 3, progress);

    assertThat(outcome.driver().failed()).isEqualTo(1);
    ParallelForException failure = outcome.driver().failures().get(0);
    assertThat(failure.index()).isEqualTo(5);
    assertThat(failure.item()).isEqualTo(missing);
    assertThat(failure.getCause()).isInstanceOf(NoSuchFileException.class);
    assertThat(outcome.driver().value(6)).isEqualTo(sha256(files.get(6)));
    assertThat(outcome.forLoop().get(5)).isNull();
    assertThat(outcome.loopsAgree()).isTrue();
    progress.assertCompleteRun(21, 1);
  }

  @Test
  void everyUrlIsFetchedExactlyOnceByTheDriver() throws Exception {
    int count = 300;
    int forLoopCount = 10;
    RecordingListener progress = new RecordingListener();
    try (LatencyServer server = LatencyServer.start(Duration.ofMillis(5))) {
      HttpClient client = Fetcher.newClient();

      FetchJob.Outcome outcome = FetchJob.run(server, client, count, forLoopCount, 0, progress);

      List<Page> pages = outcome.driver().values();
      assertThat(pages).hasSize(count);
      for (int i = 0; i < count; i++) {
        assertThat(pages.get(i)).isEqualTo(new Page(server.uri(i), 200, 512));
        // the for loop fetched the first few once more, for its timing
        assertThat(server.hits(i))
            .as("requests for item %d", i)
            .isEqualTo(i < forLoopCount ? 2 : 1);
      }
      assertThat(server.totalHits()).isEqualTo(count + forLoopCount);
      assertThat(outcome.forLoopCount()).isEqualTo(forLoopCount);
      assertThat(outcome.forLoopMeasured()).isFalse();
    }
    progress.assertCompleteRun(count, 0);
  }

  @Test
  void failedRequestsAreReportedWithTheirAddressAfterEveryAttempt() throws Exception {
    RecordingListener progress = new RecordingListener();
    try (LatencyServer server = LatencyServer.start(Duration.ZERO, i -> i % 25 == 3)) {
      FetchJob.Outcome outcome = FetchJob.run(server, Fetcher.newClient(), 100, 0, 8, progress);

      assertThat(outcome.driver().failed()).isEqualTo(4);
      assertThat(outcome.driver().failures())
          .extracting(ParallelForException::index)
          .containsExactly(3L, 28L, 53L, 78L);
      ParallelForException first = outcome.driver().failures().get(0);
      assertThat(first.item()).isEqualTo(server.uri(3));
      assertThat(first.getCause()).isInstanceOf(IOException.class).hasMessageContaining("HTTP 503");
      // @Retry(attempts = 5): the earlier attempts are attached to the last one.
      assertThat(first.getCause().getSuppressed()).hasSize(4);
      for (int i = 0; i < 100; i++) {
        assertThat(server.hits(i)).isEqualTo(i % 25 == 3 ? 5 : 1);
      }
      assertThat(outcome.retried()).isEqualTo(16);
    }
    progress.assertCompleteRun(100, 4);
  }

  @Test
  void aResumedChecksumJobComputesOnlyTheFilesItsJournalLacks() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    List<Path> files = new ArrayList<>(SampleData.generate(data, 100, 9));
    Path journal = dir.resolve("sums.journal");
    // The first run stops at the file that cannot be read: 60 files before it are journaled.
    Path missing = data.resolve("missing.bin");
    List<Path> withHole = new ArrayList<>(files.subList(0, 60));
    withHole.add(missing);

    ChecksumJob.Resumed first =
        ChecksumJob.resume(withHole, data, journal, 2, new RecordingListener());
    ChecksumJob.Resumed second =
        ChecksumJob.resume(files, data, journal, 2, new RecordingListener());
    ChecksumJob.Resumed third =
        ChecksumJob.resume(files, data, journal, 2, new RecordingListener());

    assertThat(first.restored()).isZero();
    assertThat(first.driver().failed()).isEqualTo(1);
    assertThat(second.restored()).isEqualTo(60);
    assertThat(third.restored()).isEqualTo(100);
    List<String> expected = new ArrayList<>();
    for (Path file : files) {
      expected.add(sha256(file));
    }
    assertThat(second.driver().values()).isEqualTo(expected);
    assertThat(third.driver().values()).isEqualTo(expected);
  }

  @Test
  void mainResumesFromItsJournalAcrossGeneratedFolders() {
    Path journal = dir.resolve("sample.journal");
    String[] args = {
      "--files", "50", "--urls", "0", "--resume", journal.toString(), "--no-progress"
    };
    StringWriter first = new StringWriter();
    StringWriter second = new StringWriter();

    int firstExit = new CommandLine(new Main()).setOut(new PrintWriter(first)).execute(args);
    int secondExit = new CommandLine(new Main()).setOut(new PrintWriter(second)).execute(args);

    assertThat(firstExit).as(first.toString()).isZero();
    assertThat(secondExit).as(second.toString()).isZero();
    assertThat(first.toString()).contains("0 from the journal");
    // The files are generated again into another temporary folder, with the same content and
    // names: the journal knows them by their relative paths.
    assertThat(second.toString()).contains("50 from the journal");
  }

  @Test
  void mainReportsBothJobsAndRemovesItsGeneratedFiles() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        new CommandLine(new Main())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute("--files", "40", "--urls", "30", "--latency-ms", "1", "--no-progress");

    String report = out.toString();
    assertThat(exitCode).as(report + err).isZero();
    assertThat(report)
        .contains("Checksums: SHA-256 of 40 files")
        .contains("all equal to the for loop's")
        .contains("(generated files removed)")
        .contains("Fetch: 30 URLs from http://127.0.0.1:")
        .containsPattern("pages +30 +15\\.0 KiB")
        .doesNotContain("failures");
    Matcher generated = Pattern.compile("Generating 40 files in (.+) \\.\\.\\.").matcher(report);
    assertThat(generated.find()).isTrue();
    assertThat(Path.of(generated.group(1))).doesNotExist();
  }

  @Test
  void mainChecksumsAGivenFolderAndLeavesItAlone() throws Exception {
    List<Path> files = SampleData.generate(dir, 12, 9);
    StringWriter out = new StringWriter();
    int exitCode =
        new CommandLine(new Main())
            .setOut(new PrintWriter(out))
            .execute(dir.toString(), "--urls", "0", "--parallelism", "2", "--no-progress");

    assertThat(exitCode).as(out.toString()).isZero();
    assertThat(out.toString())
        .contains("SHA-256 of 12 files")
        .contains("CPU mode, parallelism 2")
        .doesNotContain("Fetch:");
    assertThat(files).allMatch(Files::exists);
  }

  @Test
  void mainChecksumsOnALocalClusterAndShowsTheFilesOfEachMember() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        new CommandLine(new Main())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute("--files", "200", "--urls", "0", "--cluster", "2", "--no-progress");

    String report = out.toString();
    assertThat(exitCode).as(report + err).isZero();
    assertThat(report)
        .contains("Checksums on a cluster: 2 members in this JVM")
        .contains("all equal to the local run's")
        .containsPattern("member +\\d+ +files on \\[127\\.0\\.0\\.1\\]:\\d+");
    Matcher members = Pattern.compile("member +(\\d+) +files on").matcher(report);
    long files = 0;
    while (members.find()) {
      files += Long.parseLong(members.group(1));
    }
    assertThat(files).isEqualTo(200);
  }

  @Test
  void mainJoinsAnExistingClusterAndItsMembersShareTheFiles() {
    String name = "parallelfor-sample-test-" + UUID.randomUUID();
    try (ClusterJob existing = ClusterJob.local(1, name)) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exitCode =
          new CommandLine(new Main())
              .setOut(new PrintWriter(out))
              .setErr(new PrintWriter(err))
              .execute(
                  "--files",
                  "100",
                  "--urls",
                  "0",
                  "--join",
                  "127.0.0.1:" + existing.firstMemberPort(),
                  "--cluster-name",
                  name,
                  "--no-progress");

      String report = out.toString();
      assertThat(exitCode).as(report + err).isZero();
      assertThat(report)
          .contains("Checksums on a cluster: joining the member at 127.0.0.1:")
          .contains("2 members")
          .contains("all equal to the local run's");
    }
  }

  @Test
  void mainRejectsBadArgumentsWithExitCodeTwo() {
    StringWriter err = new StringWriter();
    int exitCode =
        new CommandLine(new Main()).setErr(new PrintWriter(err)).execute("--parallelism", "0");

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString()).contains("--parallelism must be >= 1, was 0");
  }

  @Test
  void helpListsEveryOption() {
    StringWriter out = new StringWriter();
    int exitCode = new CommandLine(new Main()).setOut(new PrintWriter(out)).execute("--help");

    assertThat(exitCode).isZero();
    assertThat(out.toString())
        .contains(
            "DIR",
            "--parallelism",
            "--files",
            "--urls",
            "--latency-ms",
            "--unavailable-percent",
            "--server-rate",
            "--rate-limit",
            "--attempts",
            "--no-progress")
        .contains("--cluster", "--join", "--cluster-name");
  }

  @Test
  void everyUrlEndsFetchedFromAServerThatFailsNowAndThen() throws Exception {
    RecordingListener progress = new RecordingListener();
    LatencyServer.Faults faults = new LatencyServer.Faults(0.2, 400);
    try (LatencyServer server = LatencyServer.start(Duration.ZERO, i -> false, faults)) {
      FetchJob.Outcome outcome =
          FetchJob.run(
              server, Fetcher.newClient(), 200, 0, 64, new FetchJob.Resilience(400, 10), progress);

      assertThat(outcome.driver().failed()).isZero();
      assertThat(outcome.driver().succeeded()).isEqualTo(200);
      assertThat(outcome.retried()).isPositive();
      assertThat(outcome.retried()).isEqualTo(outcome.unavailable() + outcome.tooMany());
    }
    progress.assertCompleteRun(200, 0);
  }

  @Test
  void aServerRateWithoutAClientLimitIsAnsweredWith429AndRetried() throws Exception {
    // 40 requests at once against 50 a second (a burst of 2): some must be answered 429.
    LatencyServer.Faults faults = new LatencyServer.Faults(0, 50);
    try (LatencyServer server = LatencyServer.start(Duration.ZERO, i -> false, faults)) {
      FetchJob.Outcome outcome =
          FetchJob.run(
              server,
              Fetcher.newClient(),
              40,
              0,
              40,
              new FetchJob.Resilience(0, 10),
              new RecordingListener());

      assertThat(outcome.driver().failed()).isZero();
      assertThat(outcome.tooMany()).isPositive();
      assertThat(outcome.retried()).isEqualTo(outcome.tooMany());
    }
  }

  @Test
  void mainSummarisesRetriedAttempts() {
    StringWriter out = new StringWriter();
    int exitCode =
        new CommandLine(new Main())
            .setOut(new PrintWriter(out))
            .execute(
                "--files",
                "0",
                "--urls",
                "100",
                "--latency-ms",
                "0",
                "--unavailable-percent",
                "10",
                "--server-rate",
                "1000",
                "--attempts",
                "10",
                "--no-progress");

    String report = out.toString();
    assertThat(exitCode).as(report).isZero();
    assertThat(report)
        .contains("it answers 503 to 10% of requests and 429 above 1000 a second")
        .contains("at most 1000 requests a second")
        .containsPattern("attempts +\\d+ +\\d+ retried: \\d+ answered 503, \\d+ answered 429")
        .containsPattern("pages +100 .*; every URL fetched");
  }

  @Test
  void addressesNameTheItem() throws Exception {
    try (LatencyServer server = LatencyServer.start(Duration.ZERO)) {
      URI uri = server.uri(17);
      assertThat(uri.getHost()).isEqualTo("127.0.0.1");
      assertThat(uri.getPath()).isEqualTo("/items/17");
    }
  }
}
