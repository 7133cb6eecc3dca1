package dev.parallelfor.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelfor.runtime.ProgressBars.Style;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rows of bars, lines printed above them, and the last line that says how the run ended. */
class ConsoleProgressTest {
  private static final String NL = System.lineSeparator();
  private static final String K = "\u001b[K"; // clear to the end of the line
  private static final String J = "\u001b[J"; // clear below
  private static final String UP1 = "\u001b[1A";

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, UTF_8);

  private String output() {
    return bytes.toString(UTF_8);
  }

  private static Progress at(long completed, long failed, long total, long millis) {
    return new Progress(completed, failed, total, Duration.ofMillis(millis));
  }

  /** A listener on a console shared with others, 40 columns wide, ASCII bar. */
  private static ConsoleProgress bar(String label, ConsoleRows console, Boolean leave) {
    return new ConsoleProgress(ProgressLine.of(label).ascii(true), Style.BAR, console, -1, leave);
  }

  @Test
  void aBarIsRedrawnInPlaceAndWriteGoesAboveIt() {
    ConsoleProgress bar = ProgressBars.create("t", Style.BAR, out, 59, false);
    bar.onStart(10);
    bar.write("a");
    bar.onProgress(at(5, 0, 10, 1_000));
    bar.onFinish(at(10, 0, 10, 2_000), Ending.done());
    bar.write("after the run");

    String empty = "t:   0%|" + " ".repeat(28) + "| 0/10 [00:00<?, ?it/s]";
    assertThat(output())
        .isEqualTo(
            "\r"
                + empty
                + K
                + "\ra"
                + K
                + NL
                + empty
                + K
                + "\rt:  50%|"
                + "#".repeat(10)
                + " ".repeat(10)
                + "| 5/10 [00:01<00:01,  5.00it/s]"
                + K
                + "\rt: 100%|"
                + "#".repeat(14)
                + "| 10/10 [00:02<00:00,  5.00it/s] done"
                + K
                + NL
                + "after the run"
                + NL);
  }

  @Test
  void nestedRunsEachGetARowAndTheInnerOneIsClearedWhenItEnds() {
    ConsoleRows console = new ConsoleRows(out, () -> 60);
    ConsoleProgress outer = bar("outer", console, null);
    ConsoleProgress inner = bar("inner", console, null);

    outer.onStart(2);
    inner.onStart(-1);
    inner.onProgress(at(7, 0, -1, 1_000));
    inner.onFinish(at(8, 0, -1, 2_000), Ending.done());
    outer.onProgress(at(1, 0, 2, 2_000));
    outer.onFinish(at(2, 0, 2, 4_000), Ending.done());

    String outer0 = "outer:   0%|" + " ".repeat(25) + "| 0/2 [00:00<?, ?it/s]";
    String outer1 =
        "outer:  50%|" + "#".repeat(8) + "5" + " ".repeat(8) + "| 1/2 [00:02<00:02,  2.00s/it]";
    assertThat(output())
        .isEqualTo(
            "\r"
                + outer0
                + K
                + "\r"
                + outer0
                + K
                + NL
                + "inner: 0it [00:00, ?it/s]"
                + K
                + "\r"
                + UP1
                + outer0
                + K
                + NL
                + "inner: 7it [00:01,  7.00it/s]"
                + K
                + "\r"
                + UP1
                + outer0
                + K
                + J // the inner row is cleared
                + "\r"
                + outer1
                + K
                + "\r"
                + "outer: 100%|"
                + "#".repeat(12)
                + "| 2/2 [00:04<00:00,  2.00s/it] done"
                + K
                + NL);
  }

  @Test
  void anInnerBarAskedToStayIsPrintedAboveTheOthers() {
    ConsoleRows console = new ConsoleRows(out, () -> 40);
    ConsoleProgress outer = bar("o", console, false);
    ConsoleProgress inner = bar("i", console, true);

    outer.onStart(-1);
    inner.onStart(-1);
    bytes.reset();
    inner.onFinish(at(3, 0, -1, 1_000), Ending.done());
    outer.onFinish(at(1, 0, -1, 1_000), Ending.done());

    assertThat(output())
        .isEqualTo(
            "\r"
                + UP1
                + "i: 3it [00:01,  3.00it/s] done"
                + K
                + NL
                + "o: 0it [00:00, ?it/s]"
                + K
                + "\r"
                + J); // the outer bar, asked not to stay, is cleared
  }

  @Test
  void listenersMadeForOneStreamShareItsRows() {
    ConsoleProgress first = ProgressBars.options().output(out).style(Style.BAR).console();
    ConsoleProgress second =
        ProgressBars.options().line(ProgressLine.of("b")).output(out).style(Style.BAR).console();
    first.onStart(-1);
    bytes.reset();
    second.onStart(-1);
    // The second bar is drawn on the row below the first, which is drawn again.
    assertThat(output())
        .matches("\\r0it \\[00:00, \\?it/s\\]" + esc(K) + NL + "b: 0it .*" + esc(K));
    bytes.reset();
    ConsoleProgress plain = ProgressBars.options().output(out).style(Style.PLAIN).console();
    plain.onStart(-1);
    // A plain line on the same stream goes above the bars, like a written line.
    assertThat(output())
        .startsWith("\r" + UP1 + "0it [00:00, ?it/s]" + K + NL + "0it [00:00, ?it/s]" + K + NL);
    second.onFinish(at(1, 0, -1, 1), Ending.done());
    first.onFinish(at(1, 0, -1, 1), Ending.done());
  }

  private static String esc(String escape) {
    return java.util.regex.Pattern.quote(escape);
  }

  @Test
  void writeBetweenPlainLinesIsAWholeLineOfItsOwn() {
    ConsoleProgress plain = ProgressBars.create("t", Style.PLAIN, out, 80, true);
    plain.onStart(2);
    plain.write("note");
    plain.onFinish(at(2, 0, 2, 1_000), Ending.done());

    assertThat(output())
        .isEqualTo(
            "t:   0% 0/2 [00:00<?, ?it/s]"
                + NL
                + "note"
                + NL
                + "t: 100% 2/2 [00:01<00:00,  2.00it/s] done"
                + NL);
  }

  @Test
  void theLastLineSaysHowTheRunEnded() {
    ParallelForException item =
        new ParallelForException("item 41 failed", 41, "x", new Exception());
    ParallelForException deadline =
        new ParallelForException("timed out", -1, null, new TimeoutException());
    ParallelForException interrupt =
        new ParallelForException("interrupted", -1, null, new InterruptedException());

    assertThat(lastLine(Ending.stoppedBy(item))).endsWith("] failed at item 41");
    assertThat(lastLine(Ending.stoppedBy(deadline))).endsWith("] timed out");
    assertThat(lastLine(Ending.stoppedBy(interrupt))).endsWith("] cancelled");
    assertThat(lastLine(Ending.stoppedBy(null))).endsWith("] cancelled");
    assertThat(lastLine(Ending.stoppedBy(new OutOfMemoryError()))).endsWith("] failed");
    assertThat(lastLine(Ending.done())).endsWith("] done");
  }

  private String lastLine(Ending ending) {
    bytes.reset();
    ConsoleProgress plain = ProgressBars.create("t", Style.PLAIN, out, 80, true);
    plain.onFinish(at(42, 1, 100, 1_000), ending);
    return output().strip();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({"41, failed at item 41", "-1, failed", "-2, timed out", "-3, cancelled", "-4, done"})
  void theFinalBarSaysHowTheRunEndedWithinTheWidth(long code, String said) {
    Ending ending =
        switch ((int) code) {
          case -1 -> new Ending(Ending.Kind.FAILED, -1, Optional.empty());
          case -2 -> new Ending(Ending.Kind.TIMED_OUT, -1, Optional.empty());
          case -3 -> new Ending(Ending.Kind.CANCELLED, -1, Optional.empty());
          case -4 -> Ending.done();
          default -> new Ending(Ending.Kind.FAILED, code, Optional.empty());
        };
    for (int columns = 20; columns <= 200; columns++) {
      bytes.reset();
      ConsoleProgress bar = ProgressBars.create("words", Style.BAR, out, columns - 1, true);
      bar.onStart(1000);
      bar.onProgress(at(420, 3, 1000, 7_200_000));
      bar.onFinish(at(1000, 3, 1000, 7_205_000), ending);
      for (String row : rows(output())) {
        assertThat(row).as("%d columns", columns).hasSizeLessThan(columns);
      }
      List<String> rows = rows(output());
      assertThat(rows.get(rows.size() - 1)).as("%d columns", columns).endsWith(said);
    }
  }

  /** What each redraw and each line puts on one row of the screen, without the escapes. */
  static List<String> rows(String output) {
    return Arrays.stream(output.split("\r|" + NL + "|\u001b\\[[0-9]*[A-Z]"))
        .filter(row -> !row.isEmpty())
        .collect(Collectors.toList());
  }

  @Test
  void theRowsFollowTheTerminalsWidthAsItChanges() {
    AtomicInteger columns = new AtomicInteger(80);
    ConsoleProgress bar =
        new ConsoleProgress(
            ProgressLine.of("t"), Style.BAR, new ConsoleRows(out, columns::get), -1, null);
    bar.onStart(100);
    columns.set(30);
    bar.onProgress(at(50, 0, 100, 1_000));
    List<String> rows = rows(output());
    assertThat(rows.get(0)).hasSize(79);
    // 29 characters: no room for a bar of three cells, nor for the rate.
    assertThat(rows.get(1)).isEqualTo("t:  50% 50/100 [00:01<00:01]");
  }

  @Test
  void theBarShowsTheSmoothedRateAndTheLastLineTheAverage() {
    ConsoleProgress bar = ProgressBars.create("", Style.BAR, out, 80, true);
    bar.onStart(-1);
    bar.onProgress(at(100, 0, -1, 1_000)); // 100 it/s
    bar.onProgress(at(110, 0, -1, 2_000));
    // Then 10 it/s: smoothed (0.3 * 10 + 0.7 * 30) / (1 - 0.7^2) = 47.06; average 110 / 2 = 55.
    bar.onFinish(at(110, 0, -1, 2_000), Ending.done());
    assertThat(rows(output()))
        .containsExactly(
            "0it [00:00, ?it/s]",
            "100it [00:01, 100.00it/s]",
            "110it [00:02, 47.06it/s]",
            "110it [00:02, 55.00it/s] done");
  }

  @Test
  void aTotalGivenForAnUnsizedInputDrawsABar() {
    ConsoleProgress bar =
        new ConsoleProgress(
            ProgressLine.of("t").ascii(true), Style.BAR, new ConsoleRows(out, () -> 50), 10, null);
    bar.onStart(-1);
    bar.onFinish(at(10, 0, -1, 2_000), Ending.done());
    assertThat(rows(output()).get(1))
        .isEqualTo("t: 100%|####| 10/10 [00:02<00:00,  5.00it/s] done");
  }

  @Test
  void linesOfConcurrentRunsOnOneStreamAreNeverInterleaved() throws InterruptedException {
    // Each write to the stream is recorded whole: a change must be one write.
    List<String> writes = new ArrayList<>();
    PrintStream recording =
        new PrintStream(
            new OutputStream() {
              private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

              @Override
              public void write(int b) {
                pending.write(b);
              }

              @Override
              public void flush() {
                synchronized (writes) {
                  writes.add(pending.toString(UTF_8));
                }
                pending.reset();
              }
            },
            false,
            UTF_8);
    ConsoleRows console = new ConsoleRows(recording, () -> 80);
    int runs = 4;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      String label = "run" + r;
      ConsoleProgress plain =
          new ConsoleProgress(ProgressLine.of(label), Style.PLAIN, console, -1, null);
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                plain.onStart(1000);
                for (int i = 1; i < 1000; i++) {
                  plain.onProgress(at(i, 0, 1000, i * 10L));
                  plain.write(label + " wrote " + i);
                }
                plain.onFinish(at(1000, 0, 1000, 10_000), Ending.done());
              });
      threads.add(thread);
      thread.start();
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(writes).hasSize(runs * (1 + 9 + 999 + 1));
    for (String write : writes) {
      assertThat(write).matches("run[0-3](: .*\\]( done)?| wrote [0-9]+)" + NL);
    }
  }

  @Test
  void everyChangeIsFlushedAtOnce() {
    // A stream that shows nothing until flushed: each change must be out when the call returns.
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    PrintStream buffered = new PrintStream(new BufferedOutputStream(raw, 1 << 16), false, UTF_8);
    ConsoleProgress bar = ProgressBars.create("t", Style.BAR, buffered, 60, false);

    bar.onStart(10);
    assertThat(raw.toString(UTF_8)).endsWith("[00:00<?, ?it/s]" + K);
    bar.onProgress(at(5, 0, 10, 1_000));
    assertThat(raw.toString(UTF_8)).endsWith("[00:01<00:01,  5.00it/s]" + K);
    bar.write("w");
    assertThat(raw.toString(UTF_8)).endsWith("\rw" + K + NL + rows(raw.toString(UTF_8)).get(1) + K);
    bar.onFinish(at(10, 0, 10, 2_000), Ending.done());
    assertThat(raw.toString(UTF_8)).endsWith("10/10 [00:02<00:00,  5.00it/s] done" + K + NL);
    bar.write("after");
    assertThat(raw.toString(UTF_8)).endsWith(" done" + K + NL + "after" + NL);
  }

  @Test
  void aFinishWithoutAStartDrawsTheLastLine() {
    ConsoleProgress bar = ProgressBars.create("t", Style.BAR, out, 50, false);
    bar.onFinish(at(10, 0, 10, 2_000), Ending.done());

    assertThat(rows(output()))
        .containsExactly("t: 100%|#####| 10/10 [00:02<00:00,  5.00it/s] done");
  }

  @Test
  void plainPrintsOnceForSeveralTenthsAndTheTimerCountsFromTheLastLine() {
    ConsoleProgress plain = ProgressBars.create("t", Style.PLAIN, out, 80, true);
    plain.onStart(1000);
    plain.onProgress(at(350, 0, 1000, 1_000)); // three tenths at once: one line
    plain.onProgress(at(399, 0, 1000, 2_000));
    plain.onProgress(at(400, 0, 1000, 2_100)); // the fourth tenth
    plain.onProgress(at(410, 0, 1000, 7_099)); // 4.999 s after the last line
    plain.onProgress(at(420, 0, 1000, 7_100)); // 5 s after it
    plain.onProgress(at(499, 0, 1000, 8_000));
    plain.onProgress(at(500, 0, 1000, 8_100));

    assertThat(plainCounts())
        .containsExactly(
            "t:   0% 0/1000",
            "t:  35% 350/1000", "t:  40% 400/1000", "t:  42% 420/1000", "t:  50% 500/1000");
  }

  /** The counts and share of each plain line printed so far, without the bracketed times. */
  private List<String> plainCounts() {
    return Arrays.stream(output().split(NL))
        .map(line -> line.substring(0, line.indexOf(" [")))
        .collect(Collectors.toList());
  }

  @Test
  void theListenerNeedsALabelAStyleAndAnOutput() {
    assertThatThrownBy(() -> ProgressBars.create(null, Style.BAR, out, 80, true))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("label");
    assertThatThrownBy(() -> ProgressBars.create("t", Style.PLAIN, null, 80, true))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("out");
    assertThatThrownBy(() -> ProgressBars.create("t", Style.AUTO, out, 80, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("style must be BAR, PLAIN or OFF, was AUTO");
  }

  @Test
  void offDrawsNothingButWriteStillPrints() {
    ConsoleProgress off = ProgressBars.create("t", Style.OFF, out, 80, true);
    off.onStart(10);
    off.onProgress(at(5, 0, 10, 10_000));
    off.write("mine");
    off.onFinish(at(10, 0, 10, 20_000), Ending.done());
    assertThat(output()).isEqualTo("mine" + NL);
    assertThat(off.style()).isEqualTo(Style.OFF);
  }

  @Test
  void writeRejectsNull() {
    ConsoleProgress bar = ProgressBars.create("t", Style.BAR, out, 40, false);
    assertThatThrownBy(() -> bar.write(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("line");
  }
}
