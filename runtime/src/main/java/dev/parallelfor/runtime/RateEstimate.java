package dev.parallelfor.runtime;

/**
 * The rate a bar shows during a run: tqdm's exponential moving average of the items finished and
 * the time taken between two draws, each weighted by {@value #SMOOTHING} ({@code smoothing=0.3}),
 * so the rate follows a run that speeds up or slows down instead of its average since the start.
 * Not thread-safe: a listener's calls are never concurrent.
 */
final class RateEstimate {
  /** tqdm's default: the weight of the newest step. */
  static final double SMOOTHING = 0.3;

  private final Average items = new Average(SMOOTHING);
  private final Average nanos = new Average(SMOOTHING);
  private long lastCompleted;
  private long lastNanos;

  /** Forgets the last run. */
  void reset() {
    items.reset();
    nanos.reset();
    lastCompleted = 0;
    lastNanos = 0;
  }

  /**
   * Adds the step since the last call and returns the smoothed rate.
   *
   * @param progress the counts now
   * @return items a second; 0 while unknown (no step with both items and time yet)
   */
  double update(Progress progress) {
    long ran = progress.completed() - progress.restored(); // restored items took no time
    long dn = ran - lastCompleted;
    long dt = progress.elapsed().toNanos() - lastNanos;
    if (dn > 0 && dt > 0) { // as tqdm: a step without items or time says nothing of the rate
      items.add(dn);
      nanos.add(dt);
      lastCompleted = ran;
      lastNanos = progress.elapsed().toNanos();
    }
    double time = nanos.value();
    return time > 0 ? items.value() * 1e9 / time : 0;
  }

  /** tqdm's {@code EMA}: a weighted average, corrected for its start at zero. */
  static final class Average {
    private final double alpha;
    private double last;
    private int calls;

    Average(double alpha) {
      this.alpha = alpha;
    }

    void reset() {
      last = 0;
      calls = 0;
    }

    double add(double x) {
      last = alpha * x + (1 - alpha) * last;
      calls++;
      return value();
    }

    double value() {
      return calls == 0 ? last : last / (1 - Math.pow(1 - alpha, calls));
    }
  }
}
