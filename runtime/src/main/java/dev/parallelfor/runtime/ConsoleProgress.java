package dev.parallelfor.runtime;

import dev.parallelfor.runtime.ProgressBars.Style;
import java.time.Duration;
import java.util.Objects;

/**
 * A progress listener that draws on a console, made by {@link ProgressBars#console(String)} or
 * {@link ProgressBars.Options#console()}: a bar redrawn in place on a terminal, whole lines in a
 * log, or nothing. Besides the listener's calls it offers {@link #write(String)}, which prints a
 * line of the program's own above the bars without garbling them, like tqdm's {@code write}.
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
 * <p>On a terminal each running bar has a row of its own: a run started while another bar on the
 * same stream is live (a nested run, or a run on another thread) draws on the row below it. When a
 * run ends, its last line stays if it was the outermost bar (no other bar was live when it started)
 * and is cleared otherwise, as tqdm's {@code leave} does; {@link
 * ProgressBars.Options#leave(boolean)} decides it instead. No line is wider than the terminal: the
 * bar shrinks, then parts of the line are dropped (see {@link ProgressLine}).
 *
 * <p>The last line says how the run ended: {@code done}, {@code failed at item 41}, {@code timed
 * out} or {@code cancelled}. Thread-safe: {@link #write(String)} may be called from the items while
 * the run reports progress; the lines go through one object per output stream that writes each
 * change whole. A listener may serve runs that follow one another, not runs at the same time.
 */
public final class ConsoleProgress implements ProgressListener {
  /** Redraws of a bar are at least this far apart, except the final one. */
  static final Duration BAR_INTERVAL = Duration.ofMillis(100);

  /** Plain lines are printed at least this often while items finish. */
  static final Duration PLAIN_INTERVAL = Duration.ofSeconds(5);

  private final ProgressLine line;
  private final Style style;
  private final ConsoleRows console;
  private final long total;
  private final Boolean leave;
  private final RateEstimate rate = new RateEstimate();

  // Touched by the listener's calls only, which are never concurrent and each happen-before the
  // next: no lock, so none is held while the console writes.
  private ConsoleRows.Row row;
  private long runTotal;
  private long lastDrawNanos;
  private long lastTenth;

  /**
   * @param line renders the lines
   * @param style BAR, PLAIN or OFF
   * @param console where the lines go
   * @param total the total to show when the input does not know its size; -1 for none
   * @param leave whether the last line stays; null to keep it for the outermost bar only
   */
  ConsoleProgress(ProgressLine line, Style style, ConsoleRows console, long total, Boolean leave) {
    this.line = Objects.requireNonNull(line, "line");
    this.style = Objects.requireNonNull(style, "style");
    this.console = Objects.requireNonNull(console, "console");
    this.total = total;
    this.leave = leave;
    this.runTotal = total;
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
   * Draws the start: an empty bar on a row of its own, or the first plain line.
   *
   * @param total the number of items, or -1 when unknown (then the total given to {@link
   *     ProgressBars.Options#total(long)}, if any, is shown)
   */
  @Override
  public void onStart(long total) {
    runTotal = total >= 0 ? total : this.total;
    lastDrawNanos = 0;
    lastTenth = 0;
    rate.reset();
    Progress start = new Progress(0, 0, runTotal, Duration.ZERO);
    switch (style) {
      case BAR -> {
        if (row != null) { // the last run did not finish: its row goes
          row.close(width -> "", false);
        }
        row = console.open(width -> line.render(start, 0, width, ""));
      }
      case PLAIN -> console.write(line.render(start, 0, 0, ""));
      default -> {}
    }
  }

  /**
   * Redraws the bar at most about ten times a second, or prints a plain line for each further tenth
   * of the items or every five seconds. The rate shown is smoothed as tqdm does.
   *
   * @param progress the counts so far
   */
  @Override
  public void onProgress(Progress progress) {
    Progress counts = withTotal(progress);
    long now = counts.elapsed().toNanos();
    if (style == Style.BAR) {
      if (now - lastDrawNanos >= BAR_INTERVAL.toNanos()) {
        lastDrawNanos = now;
        double smoothed = rate.update(counts);
        if (row == null) {
          row = console.open(width -> line.render(counts, smoothed, width, ""));
        } else {
          row.update(width -> line.render(counts, smoothed, width, ""));
        }
      }
    } else if (style == Style.PLAIN) {
      if (counts.total() >= 0 && counts.completed() >= counts.total()) {
        return; // the final line comes from onFinish
      }
      long tenth = counts.total() > 0 ? counts.completed() * 10 / counts.total() : 0;
      if (tenth > lastTenth || now - lastDrawNanos >= PLAIN_INTERVAL.toNanos()) {
        lastTenth = tenth;
        lastDrawNanos = now;
        console.write(line.render(counts, rate.update(counts), 0, ""));
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
  public void onFinish(Progress progress) {
    finish(progress, "");
  }

  /**
   * Draws the final counts followed by how the run ended. The rate is the average of the whole run,
   * as tqdm shows it on the line it leaves.
   *
   * @param progress the final counts
   * @param ending how the run ended
   */
  @Override
  public void onFinish(Progress progress, Ending ending) {
    finish(progress, " " + ending.describe());
  }

  /**
   * Prints a line above the bars: the bars are drawn again below it. Without a bar (plain lines, no
   * progress output, or no run going on) the line is just printed. Either way it goes to this
   * listener's output, so it keeps its place among the progress lines.
   *
   * @param line the text, without a line break
   * @throws NullPointerException if {@code line} is null
   */
  public void write(String line) {
    Objects.requireNonNull(line, "line");
    console.write(line);
  }

  private void finish(Progress progress, String ending) {
    Progress counts = withTotal(progress);
    double average = ProgressLine.averageRate(counts);
    switch (style) {
      case BAR -> {
        ConsoleRows.Row last = row != null ? row : console.open(width -> "");
        row = null;
        last.close(
            width -> line.render(counts, average, width, ending),
            leave != null ? leave : last.outermost());
      }
      case PLAIN -> console.write(line.render(counts, average, 0, ending));
      default -> {}
    }
  }

  /** The counts with the configured total when the input does not know its size. */
  private Progress withTotal(Progress progress) {
    return progress.total() < 0 && runTotal >= 0
        ? new Progress(
            progress.completed(),
            progress.failed(),
            runTotal,
            progress.elapsed(),
            progress.restored())
        : progress;
  }
}
