package dev.parallelfor.runtime.internal;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Durations in messages as people write them: {@code 250 ms}, {@code 1.5 s}, {@code 2 min}, {@code
 * 1 h 30 min}, not {@code PT0.25S}. Exact: nothing is rounded away, so two different durations
 * never read the same.
 */
public final class Durations {
  private static final long NANOS_PER_MICRO = 1_000;
  private static final long NANOS_PER_MILLI = 1_000_000;
  private static final long NANOS_PER_SECOND = 1_000_000_000;
  private static final Duration MOST_NEGATIVE = Duration.ofSeconds(Long.MIN_VALUE);

  /** 2^63 seconds, one more than the longest positive duration. */
  private static final String MOST_NEGATIVE_MAGNITUDE = "2562047788015215 h 30 min 8 s";

  private Durations() {}

  /**
   * The duration in the largest unit that keeps it short: nanoseconds, microseconds, milliseconds
   * or seconds below a minute (with decimals where needed), then hours, minutes and seconds.
   *
   * @param duration any duration; a negative one gets a minus sign
   * @return the text, for example {@code 250 ms}
   */
  public static String toText(Duration duration) {
    if (duration.isNegative()) {
      if (duration.equals(MOST_NEGATIVE)) {
        return "-" + MOST_NEGATIVE_MAGNITUDE; // the one value whose negation does not exist
      }
      return "-" + toText(duration.negated());
    }
    if (duration.isZero()) {
      return "0 s";
    }
    long seconds = duration.getSeconds();
    int nanos = duration.getNano();
    if (seconds == 0) {
      if (nanos < NANOS_PER_MICRO) {
        return nanos + " ns";
      }
      if (nanos < NANOS_PER_MILLI) {
        return decimal(nanos, 3) + " \u00b5s";
      }
      return decimal(nanos, 6) + " ms";
    }
    if (seconds < 60) {
      return decimal(seconds * NANOS_PER_SECOND + nanos, 9) + " s";
    }
    StringBuilder text = new StringBuilder();
    append(text, seconds / 3600, "h");
    append(text, seconds / 60 % 60, "min");
    long restSeconds = seconds % 60;
    if (restSeconds != 0 || nanos != 0) {
      text.append(text.length() == 0 ? "" : " ")
          .append(decimal(restSeconds * NANOS_PER_SECOND + nanos, 9))
          .append(" s");
    }
    return text.toString();
  }

  private static void append(StringBuilder text, long amount, String unit) {
    if (amount != 0) {
      text.append(text.length() == 0 ? "" : " ").append(amount).append(' ').append(unit);
    }
  }

  /** {@code value / 10^scale} without trailing zeros: 1500 at scale 3 is {@code 1.5}. */
  private static String decimal(long value, int scale) {
    return BigDecimal.valueOf(value, scale).stripTrailingZeros().toPlainString();
  }
}
