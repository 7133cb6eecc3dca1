package dev.parallelfor.runtime;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * How a run ended, as the last call of a {@link ProgressListener} tells it: {@link
 * ProgressListener#onFinish(Progress, Ending)}.
 *
 * @param kind what happened
 * @param index the 0-based position of the item (or input element) whose failure stopped the run,
 *     or -1 when no item is at fault: a run that was done, timed out or cancelled, or that the
 *     engine itself could not go on with
 * @param failure what stopped the run, as the caller sees its cause: empty when the run was done or
 *     cancelled without a failure (an abandoned result stream, {@code cancel} on the future of
 *     {@code runAsync})
 */
public record Ending(Ending.Kind kind, long index, Optional<Throwable> failure) {
  /** What happened to a run. */
  public enum Kind {
    /**
     * Every item was attempted. With {@code runAll} some may have failed: {@link Progress#failed()}
     * counts them.
     */
    DONE,
    /** A failure stopped the run (fail-fast): an item, the input or the engine. */
    FAILED,
    /** The whole-run deadline ({@code timeout}) passed. */
    TIMED_OUT,
    /**
     * The run was cancelled: its calling thread interrupted, its future cancelled or its result
     * stream closed before the end.
     */
    CANCELLED
  }

  private static final Ending DONE = new Ending(Kind.DONE, -1, Optional.empty());

  /**
   * Checks the parts.
   *
   * @throws NullPointerException if {@code kind} or {@code failure} is null
   * @throws IllegalArgumentException if {@code index < -1}, or if an index is given for a run that
   *     did not fail
   */
  public Ending {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(failure, "failure");
    if (index < -1 || (index >= 0 && kind != Kind.FAILED)) {
      throw new IllegalArgumentException("index must be -1, or >= 0 for FAILED, was " + index);
    }
  }

  /**
   * A run in which every item was attempted.
   *
   * @return the ending of a run that went to its end
   */
  public static Ending done() {
    return DONE;
  }

  /**
   * How a run that stopped ended, told from what stopped it.
   *
   * @param failure what stopped the run, or null for a cancel without a failure
   * @return the ending: {@link Kind#TIMED_OUT} for a {@link ParallelForException} of no item
   *     ({@code index() == -1}) caused by a {@code TimeoutException}, {@link Kind#CANCELLED} for
   *     one caused by an {@code InterruptedException} or for null, {@link Kind#FAILED} otherwise
   */
  public static Ending stoppedBy(Throwable failure) {
    if (failure == null) {
      return new Ending(Kind.CANCELLED, -1, Optional.empty());
    }
    if (failure instanceof ParallelForException pfe) {
      if (pfe.index() < 0 && pfe.getCause() instanceof TimeoutException) {
        return new Ending(Kind.TIMED_OUT, -1, Optional.of(failure));
      }
      if (pfe.index() < 0 && pfe.getCause() instanceof InterruptedException) {
        return new Ending(Kind.CANCELLED, -1, Optional.of(failure));
      }
      return new Ending(Kind.FAILED, Math.max(-1, pfe.index()), Optional.of(failure));
    }
    return new Ending(Kind.FAILED, -1, Optional.of(failure));
  }

  /**
   * The ending in a few words, as the last line of a progress bar shows it: {@code done}, {@code
   * failed at item 41}, {@code failed}, {@code timed out}, {@code cancelled}.
   *
   * @return the text
   */
  public String describe() {
    switch (kind) {
      case DONE:
        return "done";
      case FAILED:
        return index >= 0 ? "failed at item " + index : "failed";
      case TIMED_OUT:
        return "timed out";
      default:
        return "cancelled";
    }
  }
}
