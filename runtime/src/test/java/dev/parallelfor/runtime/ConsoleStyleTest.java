package dev.parallelfor.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelfor.runtime.ProgressBars.Style;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The style of a console listener follows standard error, not standard output: the four
 * combinations of each going to a terminal or a file, played through the descriptors' targets as
 * Linux shows them, with the console's own answer describing standard output as the JDK's does.
 */
class ConsoleStyleTest {
  private static final String TERMINAL = "/dev/pts/3";
  private static final String FILE = "/home/user/run.log";

  private final Map<String, String> environment = new HashMap<>();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  /** A process whose standard output and error go where the test says. */
  private ConsoleStyle process(String stdout, String stderr) {
    Map<Integer, String> targets = Map.of(0, TERMINAL, 1, stdout, 2, stderr);
    // System.console() looks at standard input and output: a terminal when stdout is one.
    return new ConsoleStyle(
        environment::get,
        fd -> Optional.ofNullable(targets.get(fd)),
        () -> stdout.equals(TERMINAL));
  }

  private ConsoleProgress console(String stdout, String stderr) {
    return ProgressBars.console(
        "t",
        Style.AUTO,
        process(stdout, stderr),
        environment::get,
        new PrintStream(bytes, true, UTF_8));
  }

  private String runOfThreeItems(ConsoleProgress progress) {
    progress.onStart(3);
    progress.onProgress(new Progress(1, 0, 3, Duration.ofMillis(200)));
    progress.onProgress(new Progress(2, 0, 3, Duration.ofMillis(400)));
    progress.onFinish(new Progress(3, 0, 3, Duration.ofMillis(600)), Ending.done());
    return bytes.toString(UTF_8);
  }

  @ParameterizedTest(name = "stdout to {0}, stderr to {1}: {2}")
  @CsvSource({
    "terminal, terminal, BAR",
    "file,     terminal, BAR",
    "terminal, file,     PLAIN",
    "file,     file,     PLAIN"
  })
  void standardErrorAloneDecides(String stdout, String stderr, Style expected) {
    ConsoleProgress progress = console(target(stdout), target(stderr));

    assertThat(progress.style()).isEqualTo(expected);
    String output = runOfThreeItems(progress);
    if (expected == Style.BAR) {
      assertThat(output)
          .startsWith("\rt:   0%|")
          .contains("\rt:  33%|", "\rt:  66%|")
          .endsWith("| 3/3 [00:00<00:00,  5.00it/s] done\u001b[K" + System.lineSeparator());
    } else {
      assertThat(output)
          .doesNotContain("\r", "|")
          .isEqualTo(
              String.join(
                  System.lineSeparator(),
                  "t:   0% 0/3 [00:00<?, ?it/s]",
                  "t:  33% 1/3 [00:00<00:00,  5.00it/s]",
                  "t:  66% 2/3 [00:00<00:00,  5.00it/s]",
                  "t: 100% 3/3 [00:00<00:00,  5.00it/s] done",
                  ""));
    }
  }

  private static String target(String where) {
    return where.equals("terminal") ? TERMINAL : FILE;
  }

  @ParameterizedTest
  @CsvSource({"/dev/pts/0, true", "/dev/tty1, true", "/dev/ttyS0, true", "/dev/console, true"})
  void terminalDevicesAreRecognised(String target, boolean terminal) {
    assertThat(ConsoleStyle.isTerminalDevice(target)).isEqualTo(terminal);
  }

  @ParameterizedTest
  @CsvSource({"/dev/null", "pipe:[123456]", "socket:[42]", "/tmp/err.log", "/dev/ttyfile/x"})
  void filesPipesAndTheNullDeviceAreNotTerminals(String target) {
    assertThat(ConsoleStyle.isTerminalDevice(target)).isFalse();
  }

  @Test
  void withoutADescriptorTargetTheConsolesAnswerDecides() {
    ConsoleStyle noProc = new ConsoleStyle(environment::get, fd -> Optional.empty(), () -> true);
    ConsoleStyle noConsole =
        new ConsoleStyle(environment::get, fd -> Optional.empty(), () -> false);

    assertThat(noProc.resolve(Style.AUTO)).isEqualTo(Style.BAR);
    assertThat(noConsole.resolve(Style.AUTO)).isEqualTo(Style.PLAIN);
  }

  @ParameterizedTest
  @CsvSource({"bar, BAR", "PLAIN, PLAIN", " off , OFF", "auto, BAR", "sparkles, BAR"})
  void theEnvironmentOverridesTheTerminalCheck(String value, Style expected) {
    environment.put("PARALLELFOR_PROGRESS", value);
    assertThat(process(FILE, TERMINAL).resolve(Style.AUTO)).isEqualTo(expected);
  }

  @Test
  void anExplicitStyleWinsOverTheEnvironmentAndTheTerminal() {
    environment.put("PARALLELFOR_PROGRESS", "off");
    ConsoleStyle terminal = process(TERMINAL, TERMINAL);

    assertThat(terminal.resolve(Style.PLAIN)).isEqualTo(Style.PLAIN);
    assertThat(terminal.resolve(Style.BAR)).isEqualTo(Style.BAR);
    assertThat(process(FILE, FILE).resolve(Style.BAR)).isEqualTo(Style.BAR);
  }

  @Test
  void aDumbTerminalGetsPlainLines() {
    environment.put("TERM", "dumb");
    assertThat(process(TERMINAL, TERMINAL).resolve(Style.AUTO)).isEqualTo(Style.PLAIN);
  }

  @Test
  void offPrintsNoProgressButStillTheProgramsLines() {
    environment.put("PARALLELFOR_PROGRESS", "off");
    ConsoleProgress progress = console(TERMINAL, TERMINAL);

    progress.onStart(3);
    progress.write("fetched a.txt");
    runOfThreeItems(progress);

    assertThat(bytes.toString(UTF_8)).isEqualTo("fetched a.txt" + System.lineSeparator());
  }

  @Test
  void columnsSizeTheBar() {
    environment.put("COLUMNS", "120");
    ConsoleProgress wide = console(TERMINAL, TERMINAL);
    wide.onStart(3);
    String line = bytes.toString(UTF_8);

    // The bar fills the line to one column less than the terminal's.
    assertThat(line).startsWith("\rt:   0%|").endsWith("| 0/3 [00:00<?, ?it/s]\u001b[K");
    assertThat(line.length() - "\r".length() - "\u001b[K".length()).isEqualTo(119);
  }

  @Test
  void theEnvironmentOverridesADumbTerminal() {
    environment.put("TERM", "dumb");
    environment.put("PARALLELFOR_PROGRESS", "bar");
    assertThat(process(FILE, FILE).resolve(Style.AUTO)).isEqualTo(Style.BAR);
    environment.put("PARALLELFOR_PROGRESS", "off");
    assertThat(process(TERMINAL, TERMINAL).resolve(Style.AUTO)).isEqualTo(Style.OFF);
  }

  @ParameterizedTest
  @CsvSource({"auto", "sparkles", "''"})
  void anOverrideThatNamesNoStyleDecidesAsIfUnset(String value) {
    environment.put("PARALLELFOR_PROGRESS", value);
    assertThat(process(TERMINAL, FILE).resolve(Style.AUTO)).isEqualTo(Style.PLAIN);
    environment.put("TERM", "dumb");
    assertThat(process(TERMINAL, TERMINAL).resolve(Style.AUTO)).isEqualTo(Style.PLAIN);
  }

  @ParameterizedTest
  @CsvSource({"xterm-256color", "DUMB", "''"})
  void onlyADumbTerminalForcesPlainLines(String term) {
    environment.put("TERM", term);
    assertThat(process(FILE, TERMINAL).resolve(Style.AUTO)).isEqualTo(Style.BAR);
    assertThat(process(TERMINAL, FILE).resolve(Style.AUTO)).isEqualTo(Style.PLAIN);
  }

  @Test
  void standardErrorsTargetWinsOverTheConsolesGuess() {
    ConsoleStyle errToFileConsoleSaysTerminal =
        new ConsoleStyle(environment::get, fd -> Optional.of("/dev/null"), () -> true);
    ConsoleStyle errToTerminalNoConsole =
        new ConsoleStyle(environment::get, fd -> Optional.of("/dev/tty2"), () -> false);

    assertThat(errToFileConsoleSaysTerminal.standardErrorIsTerminal()).isFalse();
    assertThat(errToTerminalNoConsole.standardErrorIsTerminal()).isTrue();
  }

  @Test
  void onlyStandardErrorsDescriptorIsAsked() {
    java.util.List<Integer> asked = new java.util.ArrayList<>();
    ConsoleStyle style =
        new ConsoleStyle(
            environment::get,
            fd -> {
              asked.add(fd);
              return Optional.of(TERMINAL);
            },
            () -> false);
    assertThat(style.resolve(Style.AUTO)).isEqualTo(Style.BAR);
    assertThat(asked).containsExactly(2);
  }

  @ParameterizedTest
  @CsvSource({
    "/dev/tty, true",
    "/dev/pts/, true",
    "/dev/pts, false",
    "/dev/consoles, false",
    "/dev/tty-1, false",
    "dev/tty1, false",
    "/dev/tty1/x, false",
    "'', false"
  })
  void terminalDeviceNamesAreMatchedWhole(String target, boolean terminal) {
    assertThat(ConsoleStyle.isTerminalDevice(target)).isEqualTo(terminal);
  }
}
