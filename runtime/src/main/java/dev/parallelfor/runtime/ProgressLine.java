package dev.parallelfor.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The text of a progress line for a {@link Progress}: the line {@link ProgressBars} draws, for
 * putting the same line into a log, a status bar or a window. An immutable value; pure functions
 * only (no clock, no output), so it may be shared by threads.
 *
 * <p>The line follows Python's tqdm ({@code format_meter}):
 *
 * <pre>
 * render:  42%|████▏     | 420/1000 [00:04&lt;00:06, 98.30it/s]
 * render: 420it [00:04, 98.30it/s]                         (the total is unknown)
 * render:  23%|██▎       | 231/1000 [06:32&lt;21:44,  1.70s/it] (under one item a second)
 * copy:  12%|█▏        | 1.21G/10.0G [01:40&lt;12:04, 12.1MB/s]  (unit "B", {@link Scale#SI})
 * </pre>
 *
 * <p>The label is followed by {@code ": "}; the percentage is rounded down, so {@code 100%} means
 * every item finished (tqdm rounds to nearest); the bar has eighth-cell resolution ({@code #} and
 * tenths as digits with {@link #ascii(boolean)}); the times are {@code [elapsed<remaining]}, both
 * rounded down to the second as tqdm does; the rate is items per second, or seconds per item below
 * one a second; failed items, if any, are counted inside the brackets ({@code , 3 failed}). A count
 * above the total is shown as if the total were unknown, as tqdm does.
 *
 * <p>With a width, the line never exceeds it: the bar takes the room the text leaves, and when
 * fewer than {@value #MIN_CELLS} cells are left the line drops parts, in this order: the bar, the
 * rate, the times, the label, the counts. An ending ({@link Ending#describe()}) is kept whole while
 * it fits.
 *
 * <pre>{@code
 * ProgressLine line = ProgressLine.of("copy").unit("B").scale(ProgressLine.Scale.BINARY);
 * logger.info(line.render(progress));          // no bar: for logs
 * statusBar.setText(line.render(progress, 60)); // a bar, at most 60 characters
 * }</pre>
 */
public final class ProgressLine {
  /** How counts and rates are scaled. */
  public enum Scale {
    /** Counts as they are ({@code 1234567/2000000}), rates with two decimals. */
    NONE(1, ""),
    /** Powers of 1000: {@code 1.23M}, {@code 12.3kB/s}; tqdm's {@code unit_scale=True}. */
    SI(1000, ""),
    /** Powers of 1024 with IEC prefixes: {@code 1.18Mi}, {@code 12.0KiB/s}. */
    BINARY(1024, "i");

    private final double divisor;
    private final String infix;

    Scale(double divisor, String infix) {
      this.divisor = divisor;
      this.infix = infix;
    }
  }

  /** Fewest cells of a bar: with less room the bar is dropped. */
  static final int MIN_CELLS = 3;

  // tqdm's charsets: a blank, the eighths ▏▎▍▌▋▊▉, then the full block; ASCII: tenths, then '#'.
  private static final String UNICODE = " \u258f\u258e\u258d\u258c\u258b\u258a\u2589\u2588";
  private static final String ASCII = " 123456789#";

  /** Parts of the line in the order they are dropped when the line does not fit. */
  private static final int BAR = 0;

  private static final int RATE = 1;
  private static final int TIMES = 2;
  private static final int LABEL = 3;
  private static final int COUNTS = 4;

  private final String label;
  private final String unit;
  private final Scale scale;
  private final boolean ascii;

  private ProgressLine(String label, String unit, Scale scale, boolean ascii) {
    this.label = Objects.requireNonNull(label, "label");
    this.unit = Objects.requireNonNull(unit, "unit");
    this.scale = Objects.requireNonNull(scale, "scale");
    this.ascii = ascii;
  }

  /**
   * A line with a label, counting {@code it} without scaling, with block characters.
   *
   * @param label shown first, followed by {@code ": "}; empty for none
   * @return the line
   * @throws NullPointerException if {@code label} is null
   */
  public static ProgressLine of(String label) {
    return new ProgressLine(label, "it", Scale.NONE, false);
  }

  /**
   * The same line with another unit, as in {@code 200files [00:04, 50.00files/s]}.
   *
   * @param unit what an item is called; {@code it} by default
   * @return a copy with that unit
   * @throws NullPointerException if {@code unit} is null
   */
  public ProgressLine unit(String unit) {
    return new ProgressLine(label, unit, scale, ascii);
  }

  /**
   * The same line with counts and rates scaled, as in {@code 12.3MB/s}.
   *
   * @param scale {@link Scale#SI}, {@link Scale#BINARY}, or {@link Scale#NONE} (the default)
   * @return a copy with that scale
   * @throws NullPointerException if {@code scale} is null
   */
  public ProgressLine scale(Scale scale) {
    return new ProgressLine(label, unit, scale, ascii);
  }

  /**
   * The same line with an ASCII bar ({@code ####6 }), for outputs that cannot show block
   * characters.
   *
   * @param ascii true for {@code #} and digits, false (the default) for block characters
   * @return a copy drawn that way
   */
  public ProgressLine ascii(boolean ascii) {
    return new ProgressLine(label, unit, scale, ascii);
  }

  /**
   * The label this line starts with.
   *
   * @return the label; empty for none
   */
  public String label() {
    return label;
  }

  /**
   * The line without a bar and without a width, for logs: {@code render: 42% 420/1000 [00:04<00:06,
   * 98.30it/s]}. The rate is the average since the start.
   *
   * @param progress the counts
   * @return the line, without a line break
   */
  public String render(Progress progress) {
    return render(progress, averageRate(progress), 0, "");
  }

  /**
   * The line with a bar, at most {@code width} characters long.
   *
   * @param progress the counts
   * @param width the most characters the line may take; at least 1
   * @return the line, without a line break
   * @throws IllegalArgumentException if {@code width < 1}
   */
  public String render(Progress progress, int width) {
    return render(progress, averageRate(progress), checked(width), "");
  }

  /**
   * The last line of a run: the line with a bar followed by how the run ended, as in {@code ...
   * [00:10<00:00, 98.30it/s] done}, at most {@code width} characters long.
   *
   * @param progress the final counts
   * @param width the most characters the line may take; at least 1
   * @param ending how the run ended
   * @return the line, without a line break
   * @throws IllegalArgumentException if {@code width < 1}
   */
  public String render(Progress progress, int width, Ending ending) {
    return render(progress, averageRate(progress), checked(width), " " + ending.describe());
  }

  private static int checked(int width) {
    if (width < 1) {
      throw new IllegalArgumentException("width must be at least 1, was " + width);
    }
    return width;
  }

  /** Items a second since the start; 0 before any item or any time. */
  static double averageRate(Progress progress) {
    return progress.ratePerSecond();
  }

  /**
   * The line with a given rate (the smoothed one a console shows) and ending.
   *
   * @param progress the counts
   * @param rate items a second; 0 or less when unknown
   * @param width the most characters; 0 for no bar and no limit
   * @param ending appended to the line, kept whole while it fits; "" for none
   * @return the line
   */
  String render(Progress progress, double rate, int width, String ending) {
    // tqdm's sanity check: a count past the total means the total was wrong, so show none.
    boolean sized = progress.total() > 0 && progress.completed() <= progress.total();
    if (width <= 0) {
      return compose(progress, sized, rate, 1 << BAR, 0) + ending;
    }
    int room = width - ending.length();
    for (int dropped = 0; dropped <= COUNTS + 1; dropped++) {
      int mask = (1 << dropped) - 1; // the first `dropped` parts
      if (dropped == 0) {
        String withoutBar = compose(progress, sized, rate, 0, 0);
        int cells = room - withoutBar.length();
        if (sized && cells >= MIN_CELLS) {
          return compose(progress, sized, rate, 0, cells) + ending;
        }
        continue;
      }
      String line = compose(progress, sized, rate, mask, 0);
      if (line.isEmpty()) {
        break;
      }
      if (line.length() <= room) {
        return line + ending;
      }
    }
    // Not even the counts fit: the ending alone, without the item's index if that is too long (a
    // cut index would name another item), and as much of it as fits.
    String word = ending.strip();
    if (word.length() > width) {
      word = word.replaceFirst(" at item [0-9]+$", "");
    }
    return word.length() <= width ? word : word.substring(0, width);
  }

  /**
   * The line without the parts in {@code dropped} (bits {@code 1 << BAR} etc.), with a bar of
   * {@code cells} cells when the bar is kept.
   */
  private String compose(Progress progress, boolean sized, double rate, int dropped, int cells) {
    StringBuilder line = new StringBuilder();
    if (!has(dropped, LABEL) && !label.isEmpty()) {
      line.append(label.endsWith(": ") ? label : label + ": ");
    }
    long completed = progress.completed();
    if (sized) {
      long percent = (long) Math.floor((double) completed / progress.total() * 100);
      line.append(String.format(Locale.ROOT, "%3d%%", percent));
      if (!has(dropped, BAR)) {
        line.append('|').append(cells((double) completed / progress.total(), cells)).append('|');
      }
      if (!has(dropped, COUNTS)) {
        line.append(' ').append(count(completed)).append('/').append(count(progress.total()));
      }
    } else if (!has(dropped, COUNTS)) {
      line.append(count(completed)).append(unit);
    }
    List<String> inBrackets = new ArrayList<>(3);
    if (!has(dropped, TIMES)) {
      inBrackets.add(times(progress, sized, rate));
    }
    if (!has(dropped, RATE)) {
      inBrackets.add(rate(rate));
    }
    if (progress.failed() > 0) {
      inBrackets.add(progress.failed() + " failed");
    }
    if (!inBrackets.isEmpty()) {
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append('[').append(String.join(", ", inBrackets)).append(']');
    }
    return line.toString();
  }

  private static boolean has(int dropped, int part) {
    return (dropped & (1 << part)) != 0;
  }

  /** {@code elapsed<remaining}, or just elapsed when the total is unknown. */
  private static String times(Progress progress, boolean sized, double rate) {
    String elapsed = interval(progress.elapsed().toSeconds());
    if (!sized) {
      return elapsed;
    }
    String remaining =
        rate > 0 ? interval((long) ((progress.total() - progress.completed()) / rate)) : "?";
    return elapsed + "<" + remaining;
  }

  /** tqdm's {@code rate_fmt}: {@code 98.30it/s}, or {@code 1.70s/it} under one a second. */
  private String rate(double rate) {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      return "?" + unit + "/s";
    }
    double inverse = 1 / rate;
    if (inverse > 1) { // seconds are scaled by thousands only: "1.20ks/it"
      return (scale == Scale.NONE ? twoDecimals(inverse) : sizeOf(inverse, Scale.SI)) + "s/" + unit;
    }
    return (scale == Scale.NONE ? twoDecimals(rate) : sizeOf(rate, scale)) + unit + "/s";
  }

  private static String twoDecimals(double value) {
    return String.format(Locale.ROOT, "%5.2f", value);
  }

  private String count(long value) {
    return scale == Scale.NONE ? Long.toString(value) : sizeOf(value, scale);
  }

  /**
   * tqdm's {@code format_sizeof}: three significant digits and a prefix, {@code 9.99k}, {@code
   * 100k}, {@code 1.00M}.
   */
  static String sizeOf(double value, Scale scale) {
    String[] prefixes = {"", "k", "M", "G", "T", "P", "E", "Z"};
    double num = value;
    for (String prefix : prefixes) {
      if (Math.abs(num) < 999.5) {
        String unitPrefix =
            prefix.isEmpty() ? "" : (scale == Scale.BINARY && prefix.equals("k") ? "K" : prefix);
        String infix = prefix.isEmpty() ? "" : scale.infix;
        String pattern =
            Math.abs(num) < 9.995 ? "%1.2f" : Math.abs(num) < 99.95 ? "%2.1f" : "%3.0f";
        return String.format(Locale.ROOT, pattern, num) + unitPrefix + infix;
      }
      num /= scale.divisor;
    }
    return String.format(Locale.ROOT, "%3.1f", num) + "Y" + scale.infix;
  }

  /** tqdm's {@code format_interval}: {@code MM:SS}, or {@code H:MM:SS} from an hour. */
  static String interval(long seconds) {
    String sign = seconds < 0 ? "-" : "";
    long t = Math.abs(seconds);
    long hours = t / 3600;
    long minutes = t / 60 % 60;
    long secs = t % 60;
    return hours > 0
        ? String.format(Locale.ROOT, "%s%d:%02d:%02d", sign, hours, minutes, secs)
        : String.format(Locale.ROOT, "%s%02d:%02d", sign, minutes, secs);
  }

  /** tqdm's {@code Bar}: full cells, one partial cell, blanks; exactly {@code cells} long. */
  String cells(double fraction, int cells) {
    String charset = ascii ? ASCII : UNICODE;
    int symbols = charset.length() - 1;
    long steps = (long) (Math.max(0, Math.min(1, fraction)) * cells * symbols);
    int full = (int) Math.min(cells, steps / symbols);
    StringBuilder bar = new StringBuilder(cells);
    bar.append(String.valueOf(charset.charAt(symbols)).repeat(full));
    if (full < cells) {
      bar.append(charset.charAt((int) (steps % symbols)));
      bar.append(" ".repeat(cells - full - 1));
    }
    return bar.toString();
  }
}
