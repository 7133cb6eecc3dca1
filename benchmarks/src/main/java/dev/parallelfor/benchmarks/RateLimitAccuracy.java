package dev.parallelfor.benchmarks;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.Parallel;
import dev.parallelfor.runtime.ParallelLoop;
import dev.parallelfor.runtime.Range;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How closely {@code rateLimit(perSecond)} keeps its rate: not a JMH benchmark, because what it
 * measures is when items start, not how long a call takes. For each rate and parallelism it runs
 * {@code 2 × rate + 1} trivial items (two seconds of starts), records each item's start, and prints
 * the rate achieved between the first and the last start, and the most starts seen in any 100 ms
 * and any 1 s sliding window against what the rate allows there.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.parallelfor.benchmarks.RateLimitAccuracy
 * }</pre>
 */
public final class RateLimitAccuracy {
  private static final int[] RATES = {100, 10_000};
  private static final int[] PARALLELISMS = {16, 1024};
  private static final int REPEATS = 5;

  private RateLimitAccuracy() {}

  /**
   * Prints one line per rate, mode and parallelism.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    System.out.printf(
        Locale.ROOT,
        "%-6s %-4s %11s %11s %13s %13s %13s%n",
        "rate/s",
        "mode",
        "parallelism",
        "runs",
        "achieved/s",
        "max in 100ms",
        "max in 1s");
    for (int rate : RATES) {
      for (Mode mode : Mode.values()) {
        for (int parallelism : PARALLELISMS) {
          measure(rate, mode, parallelism);
        }
      }
    }
  }

  private static void measure(int rate, Mode mode, int parallelism) {
    int n = 2 * rate + 1;
    double minRate = Double.MAX_VALUE;
    double maxRate = 0;
    int worst100ms = 0;
    int worst1s = 0;
    for (int repeat = 0; repeat <= REPEATS; repeat++) {
      long[] starts = new long[n];
      AtomicInteger next = new AtomicInteger();
      ParallelLoop<Integer, Integer> loop =
          Parallel.<Integer, Integer>of(
                  mode,
                  item -> {
                    starts[next.getAndIncrement()] = System.nanoTime();
                    return item;
                  })
              .parallelism(parallelism)
              .rateLimit(rate);
      loop.forEach(Range.of(0, n));
      if (repeat == 0) {
        continue; // warm-up
      }
      Arrays.sort(starts);
      double achieved = (n - 1) / ((starts[n - 1] - starts[0]) / 1e9);
      minRate = Math.min(minRate, achieved);
      maxRate = Math.max(maxRate, achieved);
      worst100ms = Math.max(worst100ms, mostStartsWithin(starts, 100_000_000L));
      worst1s = Math.max(worst1s, mostStartsWithin(starts, 1_000_000_000L));
    }
    System.out.printf(
        Locale.ROOT,
        "%-6d %-4s %11d %11d %6.0f–%-6.0f %6d (%4d) %6d (%5d)%n",
        rate,
        mode,
        parallelism,
        REPEATS,
        minRate,
        maxRate,
        worst100ms,
        rate / 10,
        worst1s,
        rate);
  }

  /** The most starts within any window of {@code nanos} (sorted start times). */
  private static int mostStartsWithin(long[] sorted, long nanos) {
    int most = 0;
    int from = 0;
    for (int to = 0; to < sorted.length; to++) {
      while (sorted[to] - sorted[from] >= nanos) {
        from++;
      }
      most = Math.max(most, to - from + 1);
    }
    return most;
  }
}
