package dev.parallelfor.runtime;

/**
 * Receives the progress of one run. All methods have empty defaults, so a listener implements only
 * what it needs.
 *
 * <p>Guarantees: {@link #onStart} is called once, before any item starts; {@link #onProgress} as
 * items finish (several finished items may be reported by one call, but the counts are exact and
 * never go back); {@link #onFinish(Progress, Ending)} exactly once with the final counts and how
 * the run ended, also when it fails, times out or is cancelled. Calls are never concurrent, each
 * call happens-before the next, and every call happens-before the run returns. Calls may come from
 * any thread of the run.
 *
 * <p>A listener that throws does not break the run: its exception is added as suppressed to the
 * run's failure if there is one, and otherwise logged through {@link System.Logger}; the results
 * are kept. Listeners should be quick: a slow listener delays the worker that reports.
 */
public interface ProgressListener {
  /**
   * Called once before any item starts.
   *
   * @param total the number of items, or -1 when the input does not know its size (the input is
   *     never drained to find it)
   */
  default void onStart(long total) {}

  /**
   * Called as items finish, with the counts so far.
   *
   * @param progress the counts at the moment of the call
   */
  default void onProgress(Progress progress) {}

  /**
   * Called exactly once when the run ends, on every path, unless {@link #onFinish(Progress,
   * Ending)} is overridden not to call it.
   *
   * @param progress the final counts
   */
  default void onFinish(Progress progress) {}

  /**
   * Called exactly once when the run ends, on every path, with how it ended: the run calls this
   * method, whose default calls {@link #onFinish(Progress)}. Override it for a last word that says
   * whether the run was done, failed (and at which item), timed out or was cancelled.
   *
   * @param progress the final counts
   * @param ending how the run ended
   */
  default void onFinish(Progress progress, Ending ending) {
    onFinish(progress);
  }

  /**
   * A listener that ignores every call.
   *
   * @return the no-op listener
   */
  static ProgressListener none() {
    return NoProgress.INSTANCE;
  }
}
