package dev.parallelfor.processor;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code backoff} of {@code @Retry}: a decimal number of milliseconds or seconds ({@code
 * "200ms"}, {@code "1s"}, {@code "1.5s"}), or an ISO-8601 duration ({@code "PT0.2S"}), never
 * negative, and short enough to count in nanoseconds (about 292 years).
 */
final class BackoffText {
  private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s)");

  private BackoffText() {}

  /** The duration the text stands for; empty if it does not parse or is negative. */
  static Optional<Duration> parse(String text) {
    Matcher m = SHORT.matcher(text);
    try {
      if (m.matches()) {
        BigDecimal amount = new BigDecimal(m.group(1));
        BigDecimal nanos = amount.movePointRight(m.group(2).equals("ms") ? 6 : 9);
        return Optional.of(Duration.ofNanos(nanos.longValueExact()));
      }
      if (text.toUpperCase(Locale.ROOT).startsWith("P")) {
        Duration parsed = Duration.parse(text);
        parsed.toNanos(); // what the driver is given: too long a duration does not fit
        return parsed.isNegative() ? Optional.empty() : Optional.of(parsed);
      }
    } catch (ArithmeticException | DateTimeParseException e) {
      // a fraction of a nanosecond, too long, or not ISO-8601
    }
    return Optional.empty();
  }
}
