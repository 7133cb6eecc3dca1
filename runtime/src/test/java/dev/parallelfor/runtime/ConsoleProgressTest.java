package dev.parallelfor.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelfor.runtime.ProgressBars.Style;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

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
}
