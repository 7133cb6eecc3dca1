package dev.parallelfor.runtime;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Progress listeners that show a run on standard error, the way Python's tqdm does.
 *
 * <p>On a terminal, one line is redrawn in place at most about ten times a second:
 *
 * <pre>
 * render:  42%|████▏     | 420/1000 [00:04&lt;00:05, 98.31it/s]
 * </pre>
 *
 * <p>showing the finished share (rounded down), a bar with eighth-cell resolution, finished and
 * total items, the time so far and the estimated time left, and the rate, smoothed as tqdm smooths
 * it ({@link ProgressLine} describes the line). When the input does not know its size, the line
 * shows the count and the rate: {@code render: 420it [00:04, 98.31it/s]}. The final state is always
 * drawn when the run ends, on every path, with the average rate of the run and how it ended: {@code
 * ... [00:10<00:00, 98.31it/s] done}, or {@code failed at item 41}, {@code timed out}, {@code
 * cancelled}.
 *
 * <p>No line is wider than the terminal, during the run or at its end: the bar takes the room the
 * text leaves, and parts are dropped when it would get too short. The width is {@code COLUMNS} when
 * set, else the terminal's own ({@code stty size} on the controlling terminal, asked again at most
 * once a second so a resize is followed, never by a redraw), else 80.
 *
 * <p>Runs that draw on the same stream at the same time (a nested run, runs on two threads) each
 * get a row of their own; a bar that was not the outermost one is cleared when its run ends (see
 * {@link Options#leave(boolean)}).
 *
 * <p>When standard error is not a terminal (a log file, a CI console), whole lines are printed
 * instead: one at the start, one for each further tenth of the items or every five seconds,
 * whichever comes first, and the final one. The choice is made from standard error itself, not from
 * standard output: {@code 2>err.log} gives plain lines in the log, and {@code > out.txt} keeps the
 * bar on the terminal. The environment variable {@code PARALLELFOR_PROGRESS} ({@code bar}, {@code
 * plain} or {@code off}) overrides the choice for listeners that do not name a style; see {@link
 * Style#AUTO}.
 *
 * <p>To print a line of your own during a run, use the listener's {@link
 * ConsoleProgress#write(String)}: it goes above the bars instead of through them.
 *
 * <pre>{@code
 * List<Thumb> thumbs = new ThumbnailerRenderDriver(thumbnailer)
 *     .onProgress(ProgressBars.console("render"))
 *     .run(files);
 * }</pre>
 *
 * <p>A unit, a total for an input that does not know its size, another output stream or whether the
 * last line stays are set with {@link #options()}. Each listener keeps the state of the line it
 * draws: give each run its own listener (a listener may be reused for runs that follow one another,
 * not for runs at the same time). Throttling uses the elapsed time that each {@link Progress}
 * carries, so a listener reads no clock of its own and costs a comparison for the updates it does
 * not draw.
 */
public final class ProgressBars {
  /** How a console listener draws. */
  public enum Style {
    /**
     * Decided when the listener is made: the environment variable {@code PARALLELFOR_PROGRESS}
     * ({@code bar}, {@code plain} or {@code off}) if set; else plain lines when {@code TERM} is
     * {@code dumb}; else {@link #BAR} when standard error is a terminal and {@link #PLAIN}
     * otherwise. On Linux standard error's target tells; elsewhere Java cannot ask about standard
     * error and the guess falls back on {@link System#console()} (and, on Java 22 and later, {@code
     * Console.isTerminal()}), which describe standard input and output.
     */
    AUTO,
    /**
     * One row per running bar, redrawn in place with a carriage return and ANSI cursor movement, at
     * most about ten times a second.
     */
    BAR,
    /**
     * Whole lines, for logs: at the start, every tenth of the items or five seconds, and the end.
     */
    PLAIN,
    /** No progress output; {@link ConsoleProgress#write(String)} still prints its lines. */
    OFF
  }

  private ProgressBars() {}

  /**
   * A console listener without a label, in the {@link Style#AUTO} style.
   *
   * @return a new listener that draws on standard error
   */
  public static ConsoleProgress console() {
    return console("", Style.AUTO);
  }

  /**
   * A console listener in the {@link Style#AUTO} style.
   *
   * @param label shown at the start of the line, for example the method's name; may be empty
   * @return a new listener that draws on standard error
   * @throws NullPointerException if {@code label} is null
   */
  public static ConsoleProgress console(String label) {
    return console(label, Style.AUTO);
  }

  /**
   * A console listener in the given style.
   *
   * @param label shown at the start of the line, for example the method's name; may be empty
   * @param style {@link Style#BAR}, {@link Style#PLAIN} or {@link Style#OFF} to draw that way
   *     whatever the output and the environment; {@link Style#AUTO} to decide from them
   * @return a new listener that draws on standard error
   * @throws NullPointerException if {@code label} or {@code style} is null
   */
  public static ConsoleProgress console(String label, Style style) {
    Objects.requireNonNull(label, "label");
    return options().line(ProgressLine.of(label)).style(style).console();
  }

  /**
   * The options of a console listener, to set its line's unit, a total for inputs that do not know
   * their size, its output stream, its style or whether its last line stays; {@link
   * Options#console()} makes the listener.
   *
   * <pre>{@code
   * ConsoleProgress copying = ProgressBars.options()
   *     .line(ProgressLine.of("copy").unit("B").scale(ProgressLine.Scale.SI))
   *     .total(bytesToCopy)
   *     .console();
   * }</pre>
   *
   * @return the defaults: no label, unit {@code it}, the input's own total, standard error, {@link
   *     Style#AUTO}, the last line kept for the outermost bar only
   */
  public static Options options() {
    return Options.DEFAULTS;
  }

  /**
   * How a console listener draws: an immutable value, each method returning a changed copy. Made by
   * {@link ProgressBars#options()}.
   */
  public static final class Options {
    private static final Options DEFAULTS =
        new Options(ProgressLine.of(""), -1, null, Style.AUTO, null);

    private final ProgressLine line;
    private final long total;
    private final PrintStream output;
    private final Style style;
    private final Boolean leave;

    private Options(ProgressLine line, long total, PrintStream output, Style style, Boolean leave) {
      this.line = line;
      this.total = total;
      this.output = output;
      this.style = style;
      this.leave = leave;
    }

    /**
     * The line's label, unit and scale.
     *
     * @param line the line to draw, for example {@code ProgressLine.of("copy").unit("B")}
     * @return a copy with that line
     * @throws NullPointerException if {@code line} is null
     */
    public Options line(ProgressLine line) {
      return new Options(Objects.requireNonNull(line, "line"), total, output, style, leave);
    }

    /**
     * The total to show when the input does not know its size (a stream, an iterator): the line
     * gets a bar and a time left. An input that knows its size shows its own.
     *
     * @param total the number of items expected
     * @return a copy with that total
     * @throws IllegalArgumentException if {@code total} is negative
     */
    public Options total(long total) {
      if (total < 0) {
        throw new IllegalArgumentException("total must not be negative, was " + total);
      }
      return new Options(line, total, output, style, leave);
    }

    /**
     * Where the lines go: standard error by default. With {@link Style#AUTO}, a bar is drawn on
     * {@code System.out} or {@code System.err} when it is a terminal, and plain lines on any other
     * stream.
     *
     * @param output the stream
     * @return a copy drawing there
     * @throws NullPointerException if {@code output} is null
     */
    public Options output(PrintStream output) {
      return new Options(line, total, Objects.requireNonNull(output, "out"), style, leave);
    }

    /**
     * How to draw.
     *
     * @param style {@link Style#BAR}, {@link Style#PLAIN}, {@link Style#OFF}, or {@link Style#AUTO}
     *     (the default) to decide from the output and the environment
     * @return a copy drawing that way
     * @throws NullPointerException if {@code style} is null
     */
    public Options style(Style style) {
      return new Options(line, total, output, Objects.requireNonNull(style, "style"), leave);
    }

    /**
     * Whether a bar's last line stays on the terminal when its run ends (tqdm's {@code leave}). By
     * default it stays for the outermost bar (no other bar on the stream was live when it started)
     * and is cleared for nested and concurrent ones.
     *
     * @param leave true to keep the last line, false to clear it
     * @return a copy with that choice
     */
    public Options leave(boolean leave) {
      return new Options(line, total, output, style, leave);
    }

    /**
     * The line these options draw, to render the same text elsewhere.
     *
     * @return the line
     */
    public ProgressLine line() {
      return line;
    }

    /**
     * A new listener with these options. With {@link Style#AUTO} the style is decided now; for a
     * bar, the terminal's width is first read now (at most half a second, once per process).
     *
     * @return a new listener
     */
    public ConsoleProgress console() {
      PrintStream out = output != null ? output : System.err;
      int descriptor = out == System.err ? 2 : out == System.out ? 1 : -1;
      Style resolved = ConsoleStyle.ofThisProcess().resolve(style, descriptor);
      if (resolved == Style.BAR) {
        TerminalWidth.ofThisProcess(); // the first ask of the terminal, here rather than mid-run
      }
      return new ConsoleProgress(
          resolved == Style.BAR && !canEncodeBlocks(descriptor == 1 ? "stdout" : "stderr")
              ? line.ascii(true)
              : line,
          resolved,
          // Only bars read the width, so plain lines never ask the terminal.
          ConsoleRows.of(out, () -> TerminalWidth.ofThisProcess().getAsInt()),
          total,
          leave);
    }
  }

  /**
   * The console listener with the process's facts given, for tests: a console of its own.
   *
   * @param label shown first; empty for none
   * @param style the caller's style
   * @param decision decides an {@link Style#AUTO} style
   * @param environment reads {@code COLUMNS}
   * @param err standard error
   * @return a new listener
   */
  static ConsoleProgress console(
      String label,
      Style style,
      ConsoleStyle decision,
      Function<String, String> environment,
      PrintStream err) {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(style, "style");
    TerminalWidth width =
        new TerminalWidth(environment, limit -> OptionalInt.empty(), System::nanoTime);
    return new ConsoleProgress(
        ProgressLine.of(label).ascii(!canEncodeBlocks("stderr")),
        decision.resolve(style, 2),
        new ConsoleRows(err, width),
        -1,
        null);
  }

  /**
   * A listener on a console of its own with a fixed width, for tests.
   *
   * @param label shown first; empty for none
   * @param style {@link Style#BAR}, {@link Style#PLAIN} or {@link Style#OFF}
   * @param out where the lines go; flushed after each change
   * @param width the most characters a line takes (the terminal's columns less one)
   * @param unicode block characters for the bar, or ASCII
   * @return a new listener
   */
  static ConsoleProgress create(
      String label, Style style, PrintStream out, int width, boolean unicode) {
    return new ConsoleProgress(
        ProgressLine.of(label).ascii(!unicode),
        style,
        new ConsoleRows(out, () -> width + 1),
        -1,
        null);
  }

  /**
   * Whether standard error's encoding can show block characters. Java 17 does not expose that
   * encoding, so this reads the properties where the JDK records it, newest first.
   */
  private static boolean canEncodeBlocks(String stream) {
    for (String property : new String[] {stream + ".encoding", "sun." + stream + ".encoding"}) {
      String name = System.getProperty(property);
      if (name != null) {
        return canEncodeCharset(name);
      }
    }
    String nativeEncoding = System.getProperty("native.encoding");
    return nativeEncoding == null
        ? Charset.defaultCharset().newEncoder().canEncode("\u2588\u258f")
        : canEncodeCharset(nativeEncoding);
  }

  private static boolean canEncodeCharset(String charsetName) {
    try {
      return Charset.forName(charsetName).newEncoder().canEncode("\u2588\u258f");
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      return false;
    }
  }
}
