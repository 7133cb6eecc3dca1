package dev.parallelfor.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a run's counts.
 *
 * @param completed items finished so far, failed ones included
 * @param failed the part of {@code completed} that failed
 * @param total the number of items, or -1 when unknown
 * @param elapsed time since the run started
 * @param restored the part of {@code completed} answered from a {@linkplain Checkpoint checkpoint}
 *     without running, at memory speed: left out of the rates and estimates, which tell how fast
 *     items run (as tqdm's {@code initial=})
 */
public record Progress(long completed, long failed, long total, Duration elapsed, long restored) {
  /**
   * Checks the counts.
   *
   * @throws IllegalArgumentException if a count is negative, {@code failed > completed}, {@code
   *     failed + restored > completed}, or the total is below -1
   */
  public Progress {
    Objects.requireNonNull(elapsed, "elapsed");
    if (completed < 0
        || failed < 0
        || restored < 0
        || failed > completed
        || restored > completed - failed
        || total < -1) {
      throw new IllegalArgumentException(
          "invalid progress counts: completed="
              + completed
              + ", failed="
              + failed
              + ", total="
              + total
              + (restored == 0 ? "" : ", restored=" + restored));
    }
  }

  /**
   * Counts of a run without restored items.
   *
   * @param completed items finished so far, failed ones included
   * @param failed the part of {@code completed} that failed
   * @param total the number of items, or -1 when unknown
   * @param elapsed time since the run started
   * @throws IllegalArgumentException if a count is negative, {@code failed > completed}, or the
   *     total is below -1
   */
  public Progress(long completed, long failed, long total, Duration elapsed) {
    this(completed, failed, total, elapsed, 0);
  }

  /**
   * The finished share of the items.
   *
   * @return {@code completed / total} between 0 and 1, or -1 when the total is unknown (1 for an
   *     empty input)
   */
  public double fraction() {
    if (total < 0) {
      return -1;
    }
    return total == 0 ? 1.0 : Math.min(1.0, (double) completed / total);
  }

  /**
   * The average rate so far, of the items that ran (restored ones left out).
   *
   * @return items run per second since the start, 0 before any time has passed
   */
  public double ratePerSecond() {
    long nanos = elapsed.toNanos();
    return nanos <= 0 ? 0 : (completed - restored) * 1e9 / nanos;
  }

  /**
   * The estimated time left at the average rate so far.
   *
   * @return the estimate, or empty when the total is unknown or no item has run yet
   */
  public Optional<Duration> eta() {
    if (total < 0 || completed - restored == 0) {
      return Optional.empty();
    }
    long left = Math.max(0, total - completed);
    double nanosPerItem = (double) elapsed.toNanos() / (completed - restored);
    return Optional.of(Duration.ofNanos((long) (left * nanosPerItem)));
  }

  /** The counts; {@code restored} only when there are any, as in a run without a checkpoint. */
  @Override
  public String toString() {
    return "Progress[completed="
        + completed
        + ", failed="
        + failed
        + ", total="
        + total
        + ", elapsed="
        + elapsed
        + (restored == 0 ? "" : ", restored=" + restored)
        + "]";
  }
}
