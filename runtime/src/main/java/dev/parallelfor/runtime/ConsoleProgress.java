package dev.parallelfor.runtime;

import dev.parallelfor.runtime.ProgressBars.Style;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;

/**
 * A progress listener that draws on a console, made by {@link ProgressBars#console(String)}: a bar
 * redrawn in place on a terminal, whole lines in a log, or nothing. Besides the listener's calls it
 * offers {@link #write(String)}, which prints a line of the program's own above the bar without
 * garbling it, like tqdm's {@code write}.
 *
 * <pre>{@code
 * ConsoleProgress progress = ProgressBars.console("fetch");
 * Parallel.io((String url) -> {
 *       if (url.isEmpty()) {
 *         progress.write("skipped an empty URL");
 *         return 0;
 *       }
 *       return fetch(url);
 *     })
 *     .onProgress(progress)
 *     .run(urls);
 * }</pre>
 *
 * <p>The last line says how the run ended: {@code done}, {@code failed at item 41}, {@code timed
 * out} or {@code cancelled}. Thread-safe: {@link #write(String)} may be called from the items while
 * the run reports progress. A listener may serve runs that follow one another, not runs at the same
 * time.
 */
public final class ConsoleProgress implements ProgressListener {
  /** Redraws of a bar are at least this far apart, except the final one. */
  static final Duration BAR_INTERVAL = Duration.ofMillis(100);

  /** Plain lines are printed at least this often while items finish. */
  static final Duration PLAIN_INTERVAL = Duration.ofSeconds(5);

  private static final String NL = System.lineSeparator();

  private final String label;
  private final Style style;
  private final PrintStream out;
  private final int width;
  private final boolean unicode;

  // Guarded by this.
  private int cells;
  private long lastDrawNanos;
  private long lastTenth;

  /** The bar line now on the screen, which {@link #write} draws again below its line; or "". */
  private String shown = "";

  ConsoleProgress(String label, Style style, PrintStream out, int width, boolean unicode) {
    this.label = Objects.requireNonNull(label, "label");
    this.style = Objects.requireNonNull(style, "style");
    this.out = Objects.requireNonNull(out, "out");
    this.width = width;
    this.unicode = unicode;
    if (style == Style.AUTO) {
      throw new IllegalArgumentException("style must be BAR, PLAIN or OFF, was " + style);
    }
  }

  /**
   * How this listener draws, once the automatic choice is made.
   *
   * @return {@link Style#BAR}, {@link Style#PLAIN} or {@link Style#OFF}
   */
  public Style style() {
    return style;
  }

  /**
   * Draws the start: an empty bar, or the first plain line.
   *
   * @param total the number of items, or -1 when unknown
   */
  @Override
  public synchronized void onStart(long total) {
    lastDrawNanos = 0;
    lastTenth = 0;
    cells = ProgressLine.cellsFor(label, total, width);
    switch (style) {
      case BAR -> drawBar(ProgressLine.barOfCells(label, start(total), cells, unicode));
      case PLAIN -> printLine(ProgressLine.plain(label, start(total)));
      default -> {}
    }
  }

  /**
   * Redraws the bar at most about ten times a second, or prints a plain line for each further tenth
   * of the items or every five seconds.
   *
   * @param progress the counts so far
   */
  @Override
  public synchronized void onProgress(Progress progress) {
    long now = progress.elapsed().toNanos();
    if (style == Style.BAR) {
      if (now - lastDrawNanos >= BAR_INTERVAL.toNanos()) {
        lastDrawNanos = now;
        drawBar(ProgressLine.barOfCells(label, progress, cells, unicode));
      }
    } else if (style == Style.PLAIN) {
      if (progress.total() >= 0 && progress.completed() >= progress.total()) {
        return; // the final line comes from onFinish
      }
      long tenth = progress.total() > 0 ? (long) Math.floor(progress.fraction() * 10) : 0;
      if (tenth > lastTenth || now - lastDrawNanos >= PLAIN_INTERVAL.toNanos()) {
        lastTenth = tenth;
        lastDrawNanos = now;
        printLine(ProgressLine.plain(label, progress));
      }
    }
  }

  /**
   * Draws the final counts and ends the line, without saying how the run ended (which the run tells
   * through {@link #onFinish(Progress, Ending)}).
   *
   * @param progress the final counts
   */
  @Override
  public synchronized void onFinish(Progress progress) {
    finish(progress, "");
  }

  /**
   * Draws the final counts followed by how the run ended, and ends the line.
   *
   * @param progress the final counts
   * @param ending how the run ended
   */
  @Override
  public synchronized void onFinish(Progress progress, Ending ending) {
    finish(progress, " " + ending.describe());
  }

  /**
   * Prints a line above the bar: the bar is cleared, the line printed, and the bar drawn again
   * below it. Without a bar (plain lines, no progress output, or no run going on) the line is just
   * printed. Either way it goes to this listener's output (standard error for the console
   * listeners), so it keeps its place among the progress lines.
   *
   * @param line the text, without a line break
   * @throws NullPointerException if {@code line} is null
   */
  public synchronized void write(String line) {
    Objects.requireNonNull(line, "line");
    if (shown.isEmpty()) {
      printLine(line);
      return;
    }
    out.print('\r' + padded(line, shown.length()) + NL + shown);
    out.flush();
  }

  private void finish(Progress progress, String ending) {
    switch (style) {
      case BAR -> {
        if (cells == 0) { // onFinish without onStart: size the bar now
          cells = ProgressLine.cellsFor(label, progress.total(), width);
        }
        drawBar(ProgressLine.barOfCells(label, progress, cells, unicode) + ending);
        out.print(NL);
        out.flush();
        shown = "";
      }
      case PLAIN -> printLine(ProgressLine.plain(label, progress) + ending);
      default -> {}
    }
  }

  private void drawBar(String line) {
    out.print('\r' + padded(line, shown.length()));
    out.flush();
    shown = line;
  }

  private void printLine(String line) {
    out.print(line + NL);
    out.flush();
  }

  /** The line, blanking what a longer line before it left on the screen. */
  private static String padded(String line, int previousLength) {
    return line.length() >= previousLength
        ? line
        : line + " ".repeat(previousLength - line.length());
  }

  private static Progress start(long total) {
    return new Progress(0, 0, total, Duration.ZERO);
  }
}
