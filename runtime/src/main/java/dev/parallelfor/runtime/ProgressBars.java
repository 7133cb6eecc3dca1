package dev.parallelfor.runtime;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Objects;
import java.util.function.Function;

/**
 * Progress listeners that show a run on standard error, the way Python's tqdm does.
 *
 * <p>On a terminal, one line is redrawn in place at most about ten times a second:
 *
 * <pre>
 * render  42%|████▏     | 420/1000 [00:04&lt;00:06, 98.3 it/s]
 * </pre>
 *
 * <p>showing the finished share, a bar with eighth-cell resolution, finished and total items, the
 * time so far and the estimated time left, and the average rate. When the input does not know its
 * size, the line shows the count and the rate: {@code render 420 [00:04, 98.3 it/s]}. Failed items,
 * if any, are counted inside the brackets. The bar keeps its width for the whole run. The final
 * state is always drawn when the run ends, on every path, followed by how it ended and a line
 * break: {@code ... [00:10<00:00, 98.3 it/s] done}, or {@code failed at item 41}, {@code timed
 * out}, {@code cancelled}.
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
 * ConsoleProgress#write(String)}: it goes above the bar instead of through it.
 *
 * <pre>{@code
 * List<Thumb> thumbs = new ThumbnailerRenderDriver(thumbnailer)
 *     .onProgress(ProgressBars.console("render"))
 *     .run(files);
 * }</pre>
 *
 * <p>Each listener keeps the state of the line it draws: give each run its own listener (a listener
 * may be reused for runs that follow one another, not for runs at the same time). Throttling uses
 * the elapsed time that each {@link Progress} carries, so a listener reads no clock of its own and
 * costs a comparison for the updates it does not draw.
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
    /** One line redrawn in place with a carriage return, at most about ten times a second. */
    BAR,
    /**
     * Whole lines, for logs: at the start, every tenth of the items or five seconds, and the end.
     */
    PLAIN,
    /** No progress output; {@link ConsoleProgress#write(String)} still prints its lines. */
    OFF
  }

  private static final int DEFAULT_COLUMNS = 80;

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
    return console(label, style, ConsoleStyle.ofThisProcess(), System::getenv, System.err);
  }

  /**
   * The console listener with the process's facts given, for tests.
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
    return create(label, decision.resolve(style), err, columns(environment) - 1, canEncodeBlocks());
  }

  /**
   * The listener behind every console method, with its output and line width given, for tests.
   *
   * @param label shown first; empty for none
   * @param style {@link Style#BAR}, {@link Style#PLAIN} or {@link Style#OFF}
   * @param out where the lines go; flushed after each one
   * @param width the line's length in characters, for the bar
   * @param unicode block characters for the bar, or ASCII
   * @return a new listener
   */
  static ConsoleProgress create(
      String label, Style style, PrintStream out, int width, boolean unicode) {
    return new ConsoleProgress(label, style, out, width, unicode);
  }

  /** The terminal's width as shells export it, else 80. */
  private static int columns(Function<String, String> environment) {
    String columns = environment.apply("COLUMNS");
    if (columns != null) {
      try {
        int value = Integer.parseInt(columns.trim());
        if (value > 0) {
          return value;
        }
      } catch (NumberFormatException e) {
        // fall through to the default
      }
    }
    return DEFAULT_COLUMNS;
  }

  /**
   * Whether standard error's encoding can show block characters. Java 17 does not expose that
   * encoding, so this reads the properties where the JDK records it, newest first.
   */
  private static boolean canEncodeBlocks() {
    for (String property : new String[] {"stderr.encoding", "sun.stderr.encoding"}) {
      String name = System.getProperty(property);
      if (name != null) {
        return canEncodeBlocks(name);
      }
    }
    String nativeEncoding = System.getProperty("native.encoding");
    return nativeEncoding == null
        ? Charset.defaultCharset().newEncoder().canEncode("\u2588\u258f")
        : canEncodeBlocks(nativeEncoding);
  }

  private static boolean canEncodeBlocks(String charsetName) {
    try {
      return Charset.forName(charsetName).newEncoder().canEncode("\u2588\u258f");
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      return false;
    }
  }
}
