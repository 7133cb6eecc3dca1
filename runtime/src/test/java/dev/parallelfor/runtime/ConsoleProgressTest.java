package dev.parallelfor.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelfor.runtime.ProgressBars.Style;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lines printed above the bar, and the last line that says how the run ended. */
class ConsoleProgressTest {
  private static final String NL = System.lineSeparator();

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, UTF_8);

  private String output() {
    return bytes.toString(UTF_8);
  }

  private static Progress at(long completed, long failed, long total, long millis) {
    return new Progress(completed, failed, total, Duration.ofMillis(millis));
  }

  @Test
  void writeClearsTheBarPrintsTheLineAndDrawsTheBarAgainBelowIt() {
    ConsoleProgress bar = ProgressBars.create("t", Style.BAR, out, 40, false);
    bar.onStart(10);
    bar.write("a");
    bar.onProgress(at(5, 0, 10, 1_000));
    bar.onFinish(at(10, 0, 10, 2_000), Ending.done());
    bar.write("after the run");

    String empty = "t   0%|          |  0/10 [00:00<?, ? it/s]";
    assertThat(output())
        .isEqualTo(
            "\r"
                + empty
                + "\ra"
                + " ".repeat(empty.length() - 1)
                + NL
                + empty
                + "\rt  50%|#####     |  5/10 [00:01<00:01, 5.00 it/s]"
                + "\rt 100%|##########| 10/10 [00:02<00:00, 5.00 it/s] done"
                + NL
                + "after the run"
                + NL);
  }

  @Test
  void writeBetweenPlainLinesIsAWholeLineOfItsOwn() {
    ConsoleProgress plain = ProgressBars.create("t", Style.PLAIN, out, 80, true);
    plain.onStart(2);
    plain.write("note");
    plain.onFinish(at(2, 0, 2, 1_000), Ending.done());

    assertThat(output())
        .isEqualTo(
            "t   0% 0/2 [00:00<?, ? it/s]"
                + NL
                + "note"
                + NL
                + "t 100% 2/2 [00:01<00:00, 2.00 it/s] done"
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

  @Test
  void anEndingNamesAnIndexOnlyForAFailure() {
    assertThat(Ending.stoppedBy(null))
        .isEqualTo(new Ending(Ending.Kind.CANCELLED, -1, Optional.empty()));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new Ending(Ending.Kind.DONE, 3, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 3");
  }

  /** The counts and share of each plain line printed so far, without the bracketed times. */
  private List<String> plainCounts() {
    return Arrays.stream(output().split(NL))
        .map(line -> line.substring(0, line.indexOf(" [")))
        .collect(Collectors.toList());
  }

  @Test
  void everyDrawnLineIsFlushedAtOnce() {
    // A stream that shows nothing until flushed: each line must be out when the call returns.
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    PrintStream buffered = new PrintStream(new BufferedOutputStream(raw, 1 << 16), false, UTF_8);
    ConsoleProgress bar = ProgressBars.create("t", Style.BAR, buffered, 40, false);

    bar.onStart(10);
    String empty = "\rt   0%|          |  0/10 [00:00<?, ? it/s]";
    assertThat(raw.toString(UTF_8)).isEqualTo(empty);
    bar.onProgress(at(5, 0, 10, 1_000));
    String half = "\rt  50%|#####     |  5/10 [00:01<00:01, 5.00 it/s]";
    assertThat(raw.toString(UTF_8)).isEqualTo(empty + half);
    bar.write("w");
    String written = "\rw" + " ".repeat(half.length() - 2) + NL + half.substring(1);
    assertThat(raw.toString(UTF_8)).isEqualTo(empty + half + written);
    bar.onFinish(at(10, 0, 10, 2_000), Ending.done());
    assertThat(raw.toString(UTF_8)).endsWith("10/10 [00:02<00:00, 5.00 it/s] done" + NL);
    bar.write("after");
    assertThat(raw.toString(UTF_8)).endsWith(" done" + NL + "after" + NL);
  }

  @Test
  void everyPlainLineIsFlushedAtOnce() {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    PrintStream buffered = new PrintStream(new BufferedOutputStream(raw, 1 << 16), false, UTF_8);
    ConsoleProgress plain = ProgressBars.create("t", Style.PLAIN, buffered, 80, false);

    plain.onStart(10);
    assertThat(raw.toString(UTF_8)).isEqualTo("t   0% 0/10 [00:00<?, ? it/s]" + NL);
    plain.onProgress(at(5, 0, 10, 1_000));
    assertThat(raw.toString(UTF_8)).endsWith(NL + "t  50% 5/10 [00:01<00:01, 5.00 it/s]" + NL);
    plain.write("w");
    assertThat(raw.toString(UTF_8)).endsWith(NL + "w" + NL);
    plain.onFinish(at(10, 0, 10, 2_000));
    assertThat(raw.toString(UTF_8)).endsWith(NL + "t 100% 10/10 [00:02<00:00, 5.00 it/s]" + NL);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({"41, failed at item 41", "-1, failed", "-2, timed out", "-3, cancelled", "-4, done"})
  void theFinalBarSaysHowTheRunEnded(long code, String said) {
    Ending ending =
        switch ((int) code) {
          case -1 -> new Ending(Ending.Kind.FAILED, -1, Optional.empty());
          case -2 -> new Ending(Ending.Kind.TIMED_OUT, -1, Optional.empty());
          case -3 -> new Ending(Ending.Kind.CANCELLED, -1, Optional.empty());
          case -4 -> Ending.done();
          default -> new Ending(Ending.Kind.FAILED, code, Optional.empty());
        };
    ConsoleProgress bar = ProgressBars.create("t", Style.BAR, out, 40, false);
    bar.onStart(100);
    bar.onFinish(at(42, 1, 100, 1_000), ending);

    assertThat(output())
        .isEqualTo(
            "\rt   0%|          |   0/100 [00:00<?, ? it/s]"
                + "\rt  42%|####2     |  42/100 [00:01<00:01, 42.0 it/s, 1 failed] "
                + said
                + NL);
  }

  @Test
  void aFinishWithoutAStartSizesTheBarItself() {
    ConsoleProgress bar = ProgressBars.create("t", Style.BAR, out, 60, false);
    bar.onFinish(at(10, 0, 10, 2_000), Ending.done());

    assertThat(output())
        .isEqualTo("\rt 100%|####################| 10/10 [00:02<00:00, 5.00 it/s] done" + NL);
  }

  @Test
  void aBarReusedForTheNextRunDrawsItsFirstUpdateAgain() {
    ConsoleProgress bar = ProgressBars.create("t", Style.BAR, out, 40, false);
    bar.onStart(100);
    bar.onProgress(at(50, 0, 100, 5_000));
    bar.onFinish(at(100, 0, 100, 10_000), Ending.done());
    bytes.reset();

    bar.onStart(100);
    bar.onProgress(at(10, 0, 100, 150)); // long before the last run's last draw, 5 s in
    assertThat(output())
        .isEqualTo(
            "\rt   0%|          |   0/100 [00:00<?, ? it/s]"
                + "\rt  10%|#         |  10/100 [00:00<00:01, 66.7 it/s]");
  }

  @Test
  void plainLinesReusedForTheNextRunCountTenthsAgain() {
    ConsoleProgress plain = ProgressBars.create("t", Style.PLAIN, out, 80, true);
    plain.onStart(10);
    plain.onProgress(at(5, 0, 10, 1_000));
    plain.onFinish(at(10, 0, 10, 2_000), Ending.done());
    bytes.reset();

    plain.onStart(10);
    plain.onProgress(at(1, 0, 10, 1_000)); // the first tenth, though the last run reached half
    assertThat(plainCounts()).containsExactly("t   0% 0/10", "t  10% 1/10");
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
            "t   0% 0/1000",
            "t  35% 350/1000", "t  40% 400/1000", "t  42% 420/1000", "t  50% 500/1000");
  }

  @Test
  void plainLeavesTheLastLineToTheFinishEvenAfterFiveSeconds() {
    ConsoleProgress plain = ProgressBars.create("t", Style.PLAIN, out, 80, true);
    plain.onStart(0);
    plain.onProgress(at(0, 0, 0, 6_000));
    plain.onStart(10);
    plain.onProgress(at(10, 0, 10, 6_000));
    plain.onProgress(at(12, 0, 10, 12_000));

    assertThat(plainCounts()).containsExactly("t 100% 0/0", "t   0% 0/10");
  }

  @Test
  void theListenerNeedsALabelAStyleAndAnOutput() {
    assertThatThrownBy(() -> ProgressBars.create(null, Style.BAR, out, 80, true))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("label");
    assertThatThrownBy(() -> ProgressBars.create("t", null, out, 80, true))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("style");
    assertThatThrownBy(() -> ProgressBars.create("t", Style.PLAIN, null, 80, true))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("out");
    assertThatThrownBy(() -> ProgressBars.create("t", Style.AUTO, out, 80, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("style must be BAR, PLAIN or OFF, was AUTO");
  }

  @Test
  void theStyleIsTheOneItDrawsIn() {
    assertThat(ProgressBars.create("t", Style.BAR, out, 80, true).style()).isEqualTo(Style.BAR);
    assertThat(ProgressBars.create("t", Style.PLAIN, out, 80, true).style()).isEqualTo(Style.PLAIN);
    assertThat(ProgressBars.create("t", Style.OFF, out, 80, true).style()).isEqualTo(Style.OFF);
  }

  @Test
  void offDrawsNothingOnAnyCall() {
    ConsoleProgress off = ProgressBars.create("t", Style.OFF, out, 80, true);
    off.onStart(10);
    off.onProgress(at(5, 0, 10, 10_000));
    off.onFinish(at(10, 0, 10, 20_000));
    off.onFinish(at(10, 0, 10, 20_000), Ending.done());
    assertThat(output()).isEmpty();
  }

  @Test
  void writeRejectsNull() {
    ConsoleProgress bar = ProgressBars.create("t", Style.BAR, out, 40, false);
    assertThatThrownBy(() -> bar.write(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("line");
    bar.onStart(10);
    assertThatThrownBy(() -> bar.write(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("line");
  }

  @Test
  void aLineLongerThanTheBarIsWrittenWhole() {
    ConsoleProgress bar = ProgressBars.create("t", Style.BAR, out, 40, false);
    bar.onStart(10);
    String empty = "t   0%|          |  0/10 [00:00<?, ? it/s]";
    String longer = "x".repeat(empty.length() + 5);
    bar.write(longer);

    assertThat(output()).isEqualTo("\r" + empty + "\r" + longer + NL + empty);
  }
}
