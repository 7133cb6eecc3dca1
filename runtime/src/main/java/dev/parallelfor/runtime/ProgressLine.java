package dev.parallelfor.runtime;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders one {@link Progress} as the text of a progress line. Pure functions only: no clock, no
 * output, so every state can be checked as a string.
 *
 * <p>Bar form, tqdm style: {@code render 42%|████▏ | 420/1000 [00:04<00:06, 98.3 it/s]}. Unknown
 * total: {@code render 420 [00:04, 98.3 it/s]}. Plain form (for logs): {@code render 42% 420/1000
 * [00:04<00:06, 98.3 it/s]}. Failed items, if any, are counted inside the brackets ({@code , 3
 * failed}).
 */
final class ProgressLine {
  /** Fewest cells of a bar, however narrow the line. */
  static final int MIN_CELLS = 10;

  /** Most cells of a bar, however wide the line: a longer bar shows nothing more. */
  static final int MAX_CELLS = 40;

  private static final char FULL = '\u2588'; // █
  // ▏▎▍▌▋▊▉: one to seven eighths of a cell.
  private static final String EIGHTHS = " \u258f\u258e\u258d\u258c\u258b\u258a\u2589";
  private static final char ASCII_FULL = '#';

  private ProgressLine() {}

  /**
   * The bar form, its cells fitted to the width as {@link #cellsFor} does.
   *
   * @param label shown first; empty for none
   * @param progress the counts
   * @param width the line's length in characters
   * @param unicode eighth-block characters if true, {@code #} and tenths as digits if false (for
   *     outputs that cannot encode block characters)
   * @return the line, without a line break
   */
  static String bar(String label, Progress progress, int width, boolean unicode) {
    return barOfCells(label, progress, cellsFor(label, progress.total(), width), unicode);
  }

  /**
   * How many cells a bar gets on a line of the given width, for the whole run: the room left by the
   * label, the percentage and the widest text the counts, times and rate take on their usual scale,
   * between {@link #MIN_CELLS} and {@link #MAX_CELLS}. Fixed per run, so the bar's right edge does
   * not move as the counts grow.
   *
   * @param label shown first; empty for none
   * @param total the run's total, or -1 if unknown (then no bar is drawn)
   * @param width the line's length in characters
   * @return the number of cells
   */
  static int cellsFor(String label, long total, int width) {
    int digits = Long.toString(Math.max(0, total)).length();
    // "100%|" before the cells; "| " + "n/n" + " [00:00<00:00, " + "12345 it/s" + "]" after.
    int reserved = prefix(label).length() + 5 + 2 + (2 * digits + 1) + 15 + 10 + 1;
    return Math.max(MIN_CELLS, Math.min(MAX_CELLS, width - reserved));
  }

  /**
   * The bar form with a given number of cells. The finished count is padded to the total's width,
   * so the text after the bar keeps its place too.
   *
   * @param label shown first; empty for none
   * @param progress the counts
   * @param cells the bar's length
   * @param unicode block characters or ASCII
   * @return the line, without a line break
   */
  static String barOfCells(String label, Progress progress, int cells, boolean unicode) {
    if (progress.total() < 0) {
      return unknownTotal(label, progress);
    }
    String total = Long.toString(progress.total());
    String completed = Long.toString(progress.completed());
    return prefix(label)
        + percent(progress)
        + "|"
        + cells(progress.fraction(), cells, unicode)
        + "| "
        + " ".repeat(Math.max(0, total.length() - completed.length()))
        + completed
        + "/"
        + total
        + timing(progress);
  }

  /**
   * The plain form, for outputs that are not terminals: no bar, one whole line per call.
   *
   * @param label shown first; empty for none
   * @param progress the counts
   * @return the line, without a line break
   */
  static String plain(String label, Progress progress) {
    if (progress.total() < 0) {
      return unknownTotal(label, progress);
    }
    return prefix(label)
        + percent(progress)
        + " "
        + progress.completed()
        + "/"
        + progress.total()
        + timing(progress);
  }

  /** The bracketed times both forms end with: elapsed, estimated time left, rate, failures. */
  private static String timing(Progress progress) {
    return " ["
        + time(progress.elapsed())
        + "<"
        + eta(progress.eta())
        + ", "
        + rate(progress)
        + failed(progress)
        + "]";
  }

  private static String unknownTotal(String label, Progress progress) {
    return prefix(label)
        + progress.completed()
        + " ["
        + time(progress.elapsed())
        + ", "
        + rate(progress)
        + failed(progress)
        + "]";
  }

  private static String prefix(String label) {
    return label.isEmpty() ? "" : label + " ";
  }

  /** Rounded down, so 100% means done. */
  private static String percent(Progress progress) {
    return String.format(Locale.ROOT, "%3d%%", (long) Math.floor(progress.fraction() * 100));
  }

  private static String failed(Progress progress) {
    return progress.failed() == 0 ? "" : ", " + progress.failed() + " failed";
  }

  /**
   * The bar's cells: full cells, then one partial cell rounded down to an eighth (a tenth in
   * ASCII), then blanks.
   *
   * @param fraction between 0 and 1
   * @param cells the bar's length
   * @param unicode block characters or ASCII
   * @return exactly {@code cells} characters
   */
  static String cells(double fraction, int cells, boolean unicode) {
    double filled = Math.max(0, Math.min(1, fraction)) * cells;
    int full = (int) filled;
    StringBuilder bar = new StringBuilder(cells);
    for (int i = 0; i < full; i++) {
      bar.append(unicode ? FULL : ASCII_FULL);
    }
    if (full < cells) {
      double rest = filled - full;
      if (unicode) {
        bar.append(EIGHTHS.charAt((int) (rest * 8)));
      } else {
        int tenths = (int) (rest * 10);
        bar.append(tenths == 0 ? ' ' : (char) ('0' + tenths));
      }
    }
    while (bar.length() < cells) {
      bar.append(' ');
    }
    return bar.toString();
  }

  /**
   * A duration as tqdm shows it: {@code mm:ss}, or {@code h:mm:ss} from one hour on; rounded down
   * to the second.
   *
   * @param duration not negative
   * @return the text
   */
  static String time(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    long hours = seconds / 3600;
    long minutes = seconds / 60 % 60;
    long secs = seconds % 60;
    return hours > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, secs)
        : String.format(Locale.ROOT, "%02d:%02d", minutes, secs);
  }

  /** Time left, rounded to the nearest second; {@code ?} while unknown. */
  private static String eta(Optional<Duration> eta) {
    return eta.map(d -> time(Duration.ofSeconds(Math.round(d.toNanos() / 1e9)))).orElse("?");
  }

  /**
   * The average rate with three significant digits: {@code 98.3 it/s}, {@code 1234 it/s}; below one
   * item a second the time per item, {@code 2.50 s/it}; {@code ? it/s} before the first item.
   */
  private static String rate(Progress progress) {
    double rate = progress.ratePerSecond();
    if (progress.completed() == 0 || !(rate > 0) || Double.isInfinite(rate)) {
      return "? it/s";
    }
    if (rate < 1) {
      return String.format(Locale.ROOT, "%.2f s/it", 1 / rate);
    }
    String pattern = rate < 10 ? "%.2f it/s" : rate < 100 ? "%.1f it/s" : "%.0f it/s";
    return String.format(Locale.ROOT, pattern, rate);
  }
}
