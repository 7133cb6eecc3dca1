package dev.parallelfor.runtime;

import java.io.Console;
import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Objects;

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
 * if any, are counted inside the brackets. The final state is always drawn when the run ends, on
 * every path, followed by a line break.
 *
 * <p>When standard error is not a terminal (a log file, a CI console), whole lines are printed
 * instead: one at the start, one for each further tenth of the items or every five seconds,
 * whichever comes first, and the final one.
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
     * {@link #BAR} when standard error looks like a terminal, {@link #PLAIN} otherwise. Java 17 can
     * only guess: it takes {@link System#console()} being present (which needs an interactive input
     * and output) and, on Java 22 and later, {@code Console.isTerminal()}. A {@code TERM}
     * environment variable of {@code dumb} also means plain lines.
     */
    AUTO,
    /** One line redrawn in place with a carriage return, at most about ten times a second. */
    BAR,
    /**
     * Whole lines, for logs: at the start, every tenth of the items or five seconds, and the end.
     */
    PLAIN
  }

  /** Redraws of a bar are at least this far apart, except the final one. */
  static final Duration BAR_INTERVAL = Duration.ofMillis(100);

  /** Plain lines are printed at least this often while items finish. */
  static final Duration PLAIN_INTERVAL = Duration.ofSeconds(5);

  private static final int DEFAULT_COLUMNS = 80;

  /** {@code Console.isTerminal()}, found once; null before Java 22. */
  private static final MethodHandle IS_TERMINAL = findIsTerminal();

  private ProgressBars() {}

  /**
   * A console listener without a label, in the {@link Style#AUTO} style.
   *
   * @return a new listener that draws on standard error
   */
  public static ProgressListener console() {
    return console("", Style.AUTO);
  }

  /**
   * A console listener in the {@link Style#AUTO} style.
   *
   * @param label shown at the start of the line, for example the method's name; may be empty
   * @return a new listener that draws on standard error
   * @throws NullPointerException if {@code label} is null
   */
  public static ProgressListener console(String label) {
    return console(label, Style.AUTO);
  }

  /**
   * A console listener in the given style.
   *
   * @param label shown at the start of the line, for example the method's name; may be empty
   * @param style {@link Style#BAR} or {@link Style#PLAIN} to override the guess of {@link
   *     Style#AUTO}
   * @return a new listener that draws on standard error
   * @throws NullPointerException if {@code label} or {@code style} is null
   */
  public static ProgressListener console(String label, Style style) {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(style, "style");
    Style resolved = style == Style.AUTO ? (looksLikeTerminal() ? Style.BAR : Style.PLAIN) : style;
    PrintStream err = System.err;
    return create(label, resolved, err, columns() - 1, canEncodeBlocks());
  }

  /**
   * The listener behind every console method, with its output and line width given, for tests.
   *
   * @param label shown first; empty for none
   * @param style {@link Style#BAR} or {@link Style#PLAIN}
   * @param out where the lines go; flushed after each one
   * @param width the line's length in characters, for the bar
   * @param unicode block characters for the bar, or ASCII
   * @return a new listener
   */
  static ProgressListener create(
      String label, Style style, PrintStream out, int width, boolean unicode) {
    switch (style) {
      case BAR:
        return new BarListener(label, out, width, unicode);
      case PLAIN:
        return new PlainListener(label, out);
      default:
        throw new IllegalArgumentException("style must be BAR or PLAIN, was " + style);
    }
  }

  private static boolean looksLikeTerminal() {
    if ("dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    Console console = System.console();
    if (console == null) {
      return false;
    }
    if (IS_TERMINAL == null) {
      return true;
    }
    try {
      return (boolean) IS_TERMINAL.invokeExact(console);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      return false;
    }
  }

  private static MethodHandle findIsTerminal() {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(Console.class, "isTerminal", MethodType.methodType(boolean.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }

  /** The terminal's width as shells export it, else 80. */
  private static int columns() {
    String columns = System.getenv("COLUMNS");
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

  /** One line redrawn in place with {@code \r}. */
  private static final class BarListener implements ProgressListener {
    private final String label;
    private final PrintStream out;
    private final int width;
    private final boolean unicode;
    private long lastDrawNanos;
    private int lastLength;

    BarListener(String label, PrintStream out, int width, boolean unicode) {
      this.label = label;
      this.out = out;
      this.width = width;
      this.unicode = unicode;
    }

    @Override
    public void onStart(long total) {
      lastLength = 0;
      lastDrawNanos = 0;
      draw(new Progress(0, 0, total, Duration.ZERO), "");
    }

    @Override
    public void onProgress(Progress progress) {
      long now = progress.elapsed().toNanos();
      if (now - lastDrawNanos >= BAR_INTERVAL.toNanos()) {
        lastDrawNanos = now;
        draw(progress, "");
      }
    }

    @Override
    public void onFinish(Progress progress) {
      draw(progress, System.lineSeparator());
      lastLength = 0;
    }

    private void draw(Progress progress, String end) {
      String line = ProgressLine.bar(label, progress, width, unicode);
      StringBuilder text = new StringBuilder(line.length() + 8).append('\r').append(line);
      // Blank out what a longer previous line left behind.
      for (int i = line.length(); i < lastLength; i++) {
        text.append(' ');
      }
      lastLength = line.length();
      out.print(text.append(end));
      out.flush();
    }
  }

  /** Whole lines for logs, at most one per tenth of the items or per five seconds. */
  private static final class PlainListener implements ProgressListener {
    private final String label;
    private final PrintStream out;
    private long lastPrintNanos;
    private long lastTenth;

    PlainListener(String label, PrintStream out) {
      this.label = label;
      this.out = out;
    }

    @Override
    public void onStart(long total) {
      lastPrintNanos = 0;
      lastTenth = 0;
      print(new Progress(0, 0, total, Duration.ZERO));
    }

    @Override
    public void onProgress(Progress progress) {
      if (progress.total() >= 0 && progress.completed() >= progress.total()) {
        return; // the final line comes from onFinish
      }
      long now = progress.elapsed().toNanos();
      long tenth = progress.total() > 0 ? (long) Math.floor(progress.fraction() * 10) : 0;
      if (tenth > lastTenth || now - lastPrintNanos >= PLAIN_INTERVAL.toNanos()) {
        lastTenth = tenth;
        lastPrintNanos = now;
        print(progress);
      }
    }

    @Override
    public void onFinish(Progress progress) {
      print(progress);
    }

    private void print(Progress progress) {
      out.println(ProgressLine.plain(label, progress));
      out.flush();
    }
  }
}
