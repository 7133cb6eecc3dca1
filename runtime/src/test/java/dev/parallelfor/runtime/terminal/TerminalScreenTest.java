package dev.parallelfor.runtime.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parallelfor.ParallelFor;
import dev.parallelfor.runtime.Parallel;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Progress bars as a user sees them: {@link TerminalDemo} runs in a pseudo-terminal made by tmux at
 * 40, 60 and 80 columns, and the screen is read back with {@code capture-pane -J}, which joins a
 * wrapped line into one longer than the terminal. Neither {@code COLUMNS} nor {@code
 * PARALLELFOR_PROGRESS} is set: the bar must find the terminal and its width itself. Skipped where
 * tmux is not installed.
 */
class TerminalScreenTest {
  private static final AtomicInteger SESSIONS = new AtomicInteger();

  /** Holds the sockets of the test's tmux servers, and goes with them. */
  @TempDir static Path sockets;

  private static final long LIMIT_SECONDS = 120;

  @BeforeAll
  static void tmuxIsInstalled() {
    boolean present;
    try {
      Process version = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
      present = version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      present = false;
    }
    assumeTrue(present, "tmux is not installed");
  }

  @ParameterizedTest(name = "{0} columns")
  @ValueSource(ints = {40, 60, 80})
  void aRunThatEndsDoneLeavesOneLineEndingInDone(int columns) throws Exception {
    List<String> screen = new Terminal(columns).run("done").finalScreen;

    assertFits(screen, columns);
    assertThat(screen).hasSize(1);
    assertThat(screen.get(0)).startsWith("words: 100%").endsWith(" done").contains("1000/1000");
  }

  @ParameterizedTest(name = "{0} columns")
  @ValueSource(ints = {40, 60, 80})
  void aRunThatFailsSaysAtWhichItem(int columns) throws Exception {
    List<String> screen = new Terminal(columns).run("fails").finalScreen;

    assertFits(screen, columns);
    assertThat(screen).hasSize(1);
    // At 40 columns the label and the counts give way to the ending: "  4% [1 failed] failed at..."
    assertThat(screen.get(0)).contains("4%", "1 failed]").endsWith(" failed at item 41");
    if (columns >= 60) {
      assertThat(screen.get(0)).startsWith("words:   4%").contains("42/1000");
    }
  }

  @ParameterizedTest(name = "{0} columns")
  @ValueSource(ints = {40, 60, 80})
  void nestedRunsDrawOnRowsOfTheirOwnAndTheInnerOnesAreCleared(int columns) throws Exception {
    Terminal terminal = new Terminal(columns).run("nested");

    assertFits(terminal.middleScreen, columns);
    assertThat(terminal.middleScreen)
        .hasSize(4)
        .satisfies(rows -> assertThat(rows.get(0)).isEqualTo("part 0 finished"))
        .satisfies(rows -> assertThat(rows.get(1)).isEqualTo("part 1 finished"))
        .satisfies(rows -> assertThat(rows.get(2)).startsWith("outer:  66%"))
        // The inner bar as last drawn (at most ten times a second) before its item 100 stopped.
        .satisfies(rows -> assertThat(rows.get(3)).startsWith("inner:").contains("/200 ["));
    assertFits(terminal.finalScreen, columns);
    assertThat(terminal.finalScreen)
        .hasSize(4)
        .satisfies(rows -> assertThat(rows.get(2)).isEqualTo("part 2 finished"))
        .satisfies(rows -> assertThat(rows.get(3)).startsWith("outer: 100%").endsWith(" done"));
  }

  private static void assertFits(List<String> screen, int columns) {
    for (String row : screen) {
      assertThat(row).as("a row at %d columns", columns).hasSizeLessThan(columns);
    }
  }

  /** A tmux server of the test's own with one window of the given size. */
  private static final class Terminal {
    private final int columns;
    private final String socket = sockets.resolve("tmux-" + SESSIONS.incrementAndGet()).toString();
    List<String> middleScreen = List.of();
    List<String> finalScreen = List.of();

    Terminal(int columns) {
      this.columns = columns;
    }

    Terminal run(String mode) throws Exception {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String program =
          String.join(
              " ",
              "env -u COLUMNS -u PARALLELFOR_PROGRESS LC_ALL=C.UTF-8",
              quoted(java),
              "-cp",
              quoted(classPath()),
              TerminalDemo.class.getName(),
              mode,
              mode.equals("nested") ? quoted(socket) : "",
              "; tmux -S " + quoted(socket) + " wait-for -S finished; read line");
      try {
        tmux(
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "demo",
            "-x",
            "" + columns,
            "-y",
            "20",
            program);
        if (mode.equals("nested")) {
          tmux("wait-for", "middle");
          middleScreen = capture();
          tmux("wait-for", "-S", "go");
        }
        tmux("wait-for", "finished");
        finalScreen = capture();
      } finally {
        new ProcessBuilder("tmux", "-S", socket, "kill-server")
            .start()
            .waitFor(10, TimeUnit.SECONDS);
      }
      return this;
    }

    /** The screen's rows, wrapped ones joined, without trailing blanks or blank rows. */
    private List<String> capture() throws Exception {
      String screen = tmux("capture-pane", "-p", "-J", "-t", "demo");
      return Arrays.stream(screen.split("\n"))
          .map(String::stripTrailing)
          .filter(row -> !row.isEmpty())
          .collect(Collectors.toList());
    }

    private String tmux(String... command) throws Exception {
      List<String> line = new ArrayList<>(List.of("tmux", "-S", socket));
      line.addAll(List.of(command));
      Process tmux = new ProcessBuilder(line).redirectErrorStream(true).start();
      byte[] out = tmux.getInputStream().readAllBytes();
      assertThat(tmux.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)).as("tmux %s ends", line).isTrue();
      String text = new String(out, StandardCharsets.UTF_8);
      assertThat(tmux.exitValue()).as("tmux %s: %s", line, text).isZero();
      return text;
    }
  }

  /** The compiled runtime, its annotations and this test's classes. */
  private static String classPath() throws URISyntaxException {
    List<String> entries = new ArrayList<>();
    for (Class<?> type : List.of(TerminalDemo.class, Parallel.class, ParallelFor.class)) {
      entries.add(
          Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    }
    return String.join(File.pathSeparator, entries);
  }

  private static String quoted(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
