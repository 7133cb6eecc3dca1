package dev.parallelfor.runtime.terminal;

import dev.parallelfor.runtime.ConsoleProgress;
import dev.parallelfor.runtime.Parallel;
import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.ProgressBars;
import dev.parallelfor.runtime.Range;
import java.io.IOException;
import java.util.List;

/**
 * A small program that shows progress bars as a user sees them, run in a pseudo-terminal by {@link
 * TerminalScreenTest}: {@code done} (1,000 items), {@code fails} (fails at item 41) or {@code
 * nested} (an outer run of three items, each running an inner run of 200 items). With a tmux socket
 * name as second argument, the nested run stops in the middle of its last inner run until the test
 * has read the screen, signalled through tmux's {@code wait-for}.
 */
public final class TerminalDemo {
  private TerminalDemo() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "done" -> words();
      case "fails" -> {
        try {
          Parallel.cpu((Integer i) -> i == 41 ? fail(i) : work(i))
              .parallelism(1)
              .onProgress(ProgressBars.console("words"))
              .run(Range.of(0, 1000));
        } catch (ParallelForException e) {
          System.exit(3); // the bar's last line said it; no stack trace on the screen
        }
      }
      case "nested" -> nested(args.length > 1 ? args[1] : null);
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static void words() {
    Parallel.cpu(TerminalDemo::work)
        .parallelism(2)
        .onProgress(ProgressBars.console("words"))
        .run(Range.of(0, 1000));
  }

  private static void nested(String socket) {
    ConsoleProgress outer = ProgressBars.console("outer");
    Parallel.cpu(
            (Integer part) -> {
              Parallel.cpu(
                      (Integer i) -> {
                        if (part == 2 && i == 100 && socket != null) {
                          tmux(socket, "wait-for", "-S", "middle");
                          tmux(socket, "wait-for", "go");
                        }
                        return work(i);
                      })
                  .parallelism(1)
                  .onProgress(ProgressBars.console("inner"))
                  .run(Range.of(0, 200));
              outer.write("part " + part + " finished");
              return part;
            })
        .parallelism(1)
        .onProgress(outer)
        .run(List.of(0, 1, 2));
  }

  private static void tmux(String socket, String... command)
      throws IOException, InterruptedException {
    String[] line = new String[command.length + 3];
    line[0] = "tmux";
    line[1] = "-S";
    line[2] = socket;
    System.arraycopy(command, 0, line, 3, command.length);
    new ProcessBuilder(line)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start()
        .waitFor();
  }

  private static int fail(int i) {
    throw new IllegalStateException("item " + i + " is broken");
  }

  /** An item that takes a little time, so the bar is drawn during the run. */
  private static int work(int i) throws InterruptedException {
    Thread.sleep(2);
    return i * 2;
  }
}
