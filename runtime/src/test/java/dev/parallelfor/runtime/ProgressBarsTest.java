package dev.parallelfor.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelfor.runtime.ProgressBars.Style;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProgressBarsTest {
  private static final String NL = System.lineSeparator();

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, UTF_8);

  private String output() {
    out.flush();
    return bytes.toString(UTF_8);
  }

  private static Progress at(long completed, long total, long millis) {
    return new Progress(completed, 0, total, Duration.ofMillis(millis));
  }

  private List<String> rows() {
    return ConsoleProgressTest.rows(output());
  }

  @Test
  void barDrawsAtStartThenAtMostEveryHundredMillisecondsAndAlwaysAtTheEnd() {
    ProgressListener bar = ProgressBars.create("t", Style.BAR, out, 50, true);
    bar.onStart(100);
    bar.onProgress(at(1, 100, 10));
    bar.onProgress(at(2, 100, 99));
    bar.onProgress(at(3, 100, 100)); // drawn
    bar.onProgress(at(4, 100, 150));
    bar.onProgress(at(5, 100, 199));
    bar.onProgress(at(6, 100, 200)); // drawn
    bar.onProgress(at(7, 100, 250));
    bar.onFinish(at(7, 100, 260)); // always drawn

    assertThat(rows())
        .containsExactly(
            // The bar takes the room the text leaves, as tqdm's does.
            "t:   0%|                  | 0/100 [00:00<?, ?it/s]",
            "t:   3%|▎         | 3/100 [00:00<00:03, 30.00it/s]",
            "t:   6%|▌         | 6/100 [00:00<00:03, 30.00it/s]",
            "t:   7%|▋         | 7/100 [00:00<00:03, 26.92it/s]");
  }

  @Test
  void barCanBeReusedForARunThatFollows() {
    ProgressListener bar = ProgressBars.create("", Style.BAR, out, 40, false);
    bar.onStart(2);
    bar.onFinish(at(2, 2, 5_000));
    bar.onStart(2);
    bar.onProgress(at(1, 2, 50)); // the throttle starts again with the run: not drawn
    assertThat(rows())
        .containsExactly(
            "  0%|             | 0/2 [00:00<?, ?it/s]",
            "100%|#####| 2/2 [00:05<00:00,  2.50s/it]", "  0%|             | 0/2 [00:00<?, ?it/s]");
  }

  @Test
  void plainPrintsEachTenthAndTheFinalLine() {
    ProgressListener plain = ProgressBars.create("sum", Style.PLAIN, out, 80, true);
    plain.onStart(100);
    for (int i = 1; i <= 100; i++) {
      plain.onProgress(at(i, 100, i * 10L));
    }
    plain.onFinish(at(100, 100, 1_000));

    assertThat(output().split(NL))
        .containsExactly(
            "sum:   0% 0/100 [00:00<?, ?it/s]",
            "sum:  10% 10/100 [00:00<00:00, 100.00it/s]",
            "sum:  20% 20/100 [00:00<00:00, 100.00it/s]",
            "sum:  30% 30/100 [00:00<00:00, 100.00it/s]",
            "sum:  40% 40/100 [00:00<00:00, 100.00it/s]",
            "sum:  50% 50/100 [00:00<00:00, 100.00it/s]",
            "sum:  60% 60/100 [00:00<00:00, 100.00it/s]",
            "sum:  70% 70/100 [00:00<00:00, 100.00it/s]",
            "sum:  80% 80/100 [00:00<00:00, 100.00it/s]",
            "sum:  90% 90/100 [00:00<00:00, 100.00it/s]",
            "sum: 100% 100/100 [00:01<00:00, 100.00it/s]");
  }

  @Test
  void plainPrintsEveryFiveSecondsWhenTenthsAreSlowOrUnknown() {
    ProgressListener plain = ProgressBars.create("crawl", Style.PLAIN, out, 80, true);
    plain.onStart(-1);
    for (int second = 1; second <= 12; second++) {
      plain.onProgress(at(second, -1, second * 1_000L));
    }
    plain.onFinish(at(12, -1, 12_500));

    assertThat(output().split(NL))
        .containsExactly(
            "crawl: 0it [00:00, ?it/s]",
            "crawl: 5it [00:05,  1.00it/s]",
            "crawl: 10it [00:10,  1.00it/s]",
            "crawl: 12it [00:12,  1.04s/it]");
  }

  @Test
  void plainShowsFailuresInTheFinalLine() {
    ProgressListener plain = ProgressBars.create("get", Style.PLAIN, out, 80, true);
    plain.onStart(4);
    plain.onFinish(new Progress(2, 1, 4, Duration.ofSeconds(1)));

    assertThat(output())
        .isEqualTo(
            "get:   0% 0/4 [00:00<?, ?it/s]"
                + NL
                + "get:  50% 2/4 [00:01<00:01,  2.00it/s, 1 failed]"
                + NL);
  }

  @Test
  void optionsGiveATotalAStreamAStyleAndALine() {
    ConsoleProgress bytesCopied =
        ProgressBars.options()
            .line(ProgressLine.of("copy").unit("B").scale(ProgressLine.Scale.SI))
            .total(10_000_000)
            .output(out)
            .style(Style.PLAIN)
            .console();
    bytesCopied.onStart(-1);
    bytesCopied.onFinish(new Progress(10_000_000, 0, -1, Duration.ofSeconds(2)), Ending.done());

    assertThat(output())
        .isEqualTo(
            "copy:   0% 0.00/10.0M [00:00<?, ?B/s]"
                + NL
                + "copy: 100% 10.0M/10.0M [00:02<00:00, 5.00MB/s] done"
                + NL);
    assertThat(ProgressBars.options().line(ProgressLine.of("x")).line().label()).isEqualTo("x");
  }

  @Test
  void anyOtherStreamGetsPlainLinesUnlessABarIsAskedFor() {
    assertThat(ProgressBars.options().output(out).console().style())
        .isIn(Style.PLAIN, Style.OFF, Style.BAR); // the environment's override may name any
    assertThat(ProgressBars.options().output(out).style(Style.BAR).console().style())
        .isEqualTo(Style.BAR);
    assertThatThrownBy(() -> ProgressBars.options().total(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("total must not be negative, was -1");
  }

  @Test
  void createTakesOnlyAConcreteStyle() {
    assertThatThrownBy(() -> ProgressBars.create("x", Style.AUTO, out, 80, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AUTO");
  }

  @Test
  void consoleRejectsNullArguments() {
    assertThatThrownBy(() -> ProgressBars.console(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("label");
    assertThatThrownBy(() -> ProgressBars.console("x", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("style");
  }

  @Test
  void consoleWritesToStandardError() {
    PrintStream saved = System.err;
    System.setErr(out);
    try {
      ProgressListener plain = ProgressBars.console("files", Style.PLAIN);
      plain.onStart(3);
      plain.onFinish(at(3, 3, 2_000));
      ProgressListener auto = ProgressBars.console();
      auto.onStart(7);
      auto.onFinish(at(7, 7, 1_000));
    } finally {
      System.setErr(saved);
    }
    assertThat(output())
        .startsWith(
            "files:   0% 0/3 [00:00<?, ?it/s]"
                + NL
                + "files: 100% 3/3 [00:02<00:00,  1.50it/s]"
                + NL)
        .contains("7/7 [00:01<00:00,  7.00it/s]");
  }

  /** A terminal on standard error, so AUTO draws a bar, and an environment of the test's own. */
  private ConsoleProgress onATerminal(String label, Map<String, String> environment) {
    ConsoleStyle terminal =
        new ConsoleStyle(environment::get, fd -> Optional.of("/dev/pts/0"), () -> true);
    return ProgressBars.console(label, Style.AUTO, terminal, environment::get, out);
  }

  /** The cells of the empty bar drawn at the start of a run of 1000 items labelled "render". */
  private int cellsWithColumns(String columns) {
    Map<String, String> environment = new HashMap<>();
    if (columns != null) {
      environment.put("COLUMNS", columns);
    }
    ConsoleProgress bar = onATerminal("render", environment);
    bar.onStart(1000);
    String line = output();
    bytes.reset();
    assertThat(line).startsWith("\rrender:   0%|").endsWith("| 0/1000 [00:00<?, ?it/s]\u001b[K");
    return line.lastIndexOf('|') - line.indexOf('|') - 1;
  }

  @Test
  void theBarFillsTheColumnsLessOneLeavingRoomForTheRest() {
    // "render:   0%|" and "| 0/1000 [00:00<?, ?it/s]" take 38 characters.
    assertThat(cellsWithColumns("70")).isEqualTo(31);
    assertThat(cellsWithColumns(" 70 ")).isEqualTo(31);
    assertThat(cellsWithColumns("42")).isEqualTo(ProgressLine.MIN_CELLS);
  }

  @ParameterizedTest(name = "COLUMNS={0}")
  @CsvSource(
      value = {"NULL", "0", "-5", "wide", "''", "70.5"},
      nullValues = "NULL")
  void withoutAUsableColumnsTheLineIsEightyWide(String columns) {
    assertThat(cellsWithColumns(columns)).isEqualTo(79 - 38);
  }

  /**
   * A full bar drawn by a console listener with the given system properties (null to clear one),
   * which tell standard error's encoding.
   */
  private String fullBarWith(
      String stderrEncoding, String sunStderrEncoding, String nativeEncoding) {
    String[] names = {"stderr.encoding", "sun.stderr.encoding", "native.encoding"};
    String[] values = {stderrEncoding, sunStderrEncoding, nativeEncoding};
    String[] saved = new String[names.length];
    ConsoleProgress bar;
    try {
      for (int i = 0; i < names.length; i++) {
        saved[i] = System.getProperty(names[i]);
        if (values[i] == null) {
          System.clearProperty(names[i]);
        } else {
          System.setProperty(names[i], values[i]);
        }
      }
      bar = onATerminal("", new HashMap<>());
    } finally {
      for (int i = 0; i < names.length; i++) {
        if (saved[i] == null) {
          System.clearProperty(names[i]);
        } else {
          System.setProperty(names[i], saved[i]);
        }
      }
    }
    bar.onFinish(at(4, 4, 1_000));
    List<String> rows = rows();
    String line = rows.get(rows.size() - 1);
    bytes.reset();
    return line.substring(line.indexOf('|') + 1, line.lastIndexOf('|'));
  }

  @Test
  void standardErrorsEncodingChoosesBlocksOrHashes() {
    assertThat(fullBarWith("UTF-8", null, null)).isEqualTo("█".repeat(44));
    assertThat(fullBarWith("US-ASCII", null, null)).isEqualTo("#".repeat(44));
    assertThat(fullBarWith("ISO-8859-1", null, "UTF-8")).isEqualTo("#".repeat(44));
  }

  @Test
  void theNewestPropertyThatIsSetDecides() {
    assertThat(fullBarWith("US-ASCII", "UTF-8", "UTF-8")).isEqualTo("#".repeat(44));
    assertThat(fullBarWith("UTF-8", "US-ASCII", "US-ASCII")).isEqualTo("█".repeat(44));
    assertThat(fullBarWith(null, "UTF-8", "US-ASCII")).isEqualTo("█".repeat(44));
    assertThat(fullBarWith(null, "US-ASCII", "UTF-8")).isEqualTo("#".repeat(44));
    assertThat(fullBarWith(null, null, "UTF-8")).isEqualTo("█".repeat(44));
    assertThat(fullBarWith(null, null, "US-ASCII")).isEqualTo("#".repeat(44));
  }

  @Test
  void withoutAnyPropertyTheDefaultCharsetDecides() {
    String full =
        java.nio.charset.Charset.defaultCharset().newEncoder().canEncode("\u2588\u258f")
            ? "█".repeat(44)
            : "#".repeat(44);
    assertThat(fullBarWith(null, null, null)).isEqualTo(full);
  }

  @ParameterizedTest
  @CsvSource({"no-such-charset", "not a name!", "ISO-2022-CN"})
  void anEncodingThatCannotBeUsedGivesHashes(String encoding) {
    // Unknown, malformed, or (ISO-2022-CN) known for decoding only.
    assertThat(fullBarWith(encoding, null, "UTF-8")).isEqualTo("#".repeat(44));
  }
}
