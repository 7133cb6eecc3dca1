package dev.parallelfor.runtime;

/**
 * A run that did not complete: an item's method threw, the input failed, the deadline passed or the
 * calling thread was interrupted.
 *
 * <p>For an item failure, {@link #index()} and {@link #item()} name the item and {@link
 * #getCause()} is what the method threw. The main failure is the first in time; other failures of
 * the same run are attached as {@linkplain #getSuppressed() suppressed}, while interrupts that the
 * run itself caused in other items (when it cancelled them) are not reported. A deadline or an
 * interrupt of the calling thread gives {@code index() == -1}, {@code item() == null} and a {@link
 * java.util.concurrent.TimeoutException} or {@link InterruptedException} cause. An input iterator
 * that throws gives the position it failed at, {@code item() == null} and its exception. An
 * executor that refuses the run's workers gives {@code index() == -1} and what it threw.
 *
 * <p>The exception a run throws is created on the calling thread, so its stack trace shows the line
 * that called the run (as {@code Future.get}'s {@code ExecutionException} does); the cause keeps
 * the item's own trace. Any {@code Error} an item throws is such a cause; only {@link
 * VirtualMachineError}s ({@code OutOfMemoryError}, {@code StackOverflowError}) propagate unwrapped
 * instead of this exception, wherever they were thrown.
 */
public final class ParallelForException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long index;
  private final transient Object item;

  /**
   * Creates the exception for a failed item or run.
   *
   * @param message what happened
   * @param index the item's position, or -1 when the failure concerns the whole run
   * @param item the item, or null
   * @param cause what was thrown
   */
  public ParallelForException(String message, long index, Object item, Throwable cause) {
    super(message, cause);
    this.index = index;
    this.item = item;
  }

  /**
   * The failed item's 0-based position in the input.
   *
   * @return the position, or -1 when the failure concerns the whole run (deadline, interrupt)
   */
  public long index() {
    return index;
  }

  /**
   * The failed item.
   *
   * @return the item, or null for a run-level failure or a failing input iterator
   */
  public Object item() {
    return item;
  }
}
