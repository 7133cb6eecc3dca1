package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.ParallelForException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The failures a run reports about itself, and how they reach the caller. Each is a {@link
 * ParallelForException}, declared as the {@code RuntimeException} it is: handing one to a method
 * that takes a {@code Throwable} then does not have the verifier load the exception's class on
 * every program's first run, failure or not.
 */
final class Failures {
  private Failures() {}

  private static final int MAX_ITEM_TEXT = 200;

  /** An item whose method threw: the message names the position, the item and the cause. */
  static RuntimeException ofItem(long index, Object item, Throwable cause) {
    return ofItem(index, item, cause, 1, 0);
  }

  /**
   * An item that failed after {@code attempts} attempts; {@code unkept} of the earlier attempts'
   * failures were not kept (see {@link EarlierFailures}). The message says both when there is
   * anything to say, e.g. "item 7 (x) failed after 5 attempts: ...".
   */
  static RuntimeException ofItem(
      long index, Object item, Throwable cause, int attempts, long unkept) {
    return new ParallelForException(
        "item "
            + index
            + " ("
            + describe(item)
            + ") failed"
            + afterAttempts(attempts, unkept)
            + ": "
            + cause,
        index,
        item,
        cause);
  }

  private static String afterAttempts(int attempts, long unkept) {
    if (attempts <= 1) {
      return "";
    }
    String text = " after " + attempts + " attempts";
    if (unkept > 0) {
      text +=
          " ("
              + unkept
              + " earlier failures dropped; the first and last "
              + EarlierFailures.KEPT_AT_EACH_END
              + " are suppressed)";
    }
    return text;
  }

  /**
   * Renders an item for a message: its {@code toString()}, cut to about 200 characters; a {@code
   * toString()} that throws does not hide the real failure.
   */
  static String describe(Object item) {
    String text;
    try {
      text = String.valueOf(item);
    } catch (Throwable e) { // a cyclic structure's StackOverflowError, say
      text = item.getClass().getName() + " (toString() threw " + e.getClass().getName() + ")";
    }
    if (text.length() > MAX_ITEM_TEXT) {
      text = text.substring(0, MAX_ITEM_TEXT) + "... (" + text.length() + " chars)";
    }
    return text;
  }

  static RuntimeException timeout(Duration timeout, String progress) {
    return new ParallelForException(
        "the run timed out after " + Durations.toText(timeout) + " (" + progress + ")",
        -1,
        null,
        new TimeoutException("deadline of " + Durations.toText(timeout) + " passed"));
  }

  static RuntimeException interrupted(String progress) {
    return new ParallelForException(
        "the calling thread was interrupted; the run was cancelled (" + progress + ")",
        -1,
        null,
        new InterruptedException("run cancelled by an interrupt of the calling thread"));
  }

  static RuntimeException input(long position, Throwable cause) {
    return new ParallelForException(
        "reading the input failed at position " + position + ": " + cause, position, null, cause);
  }

  /** A per-worker function's factory threw. */
  static RuntimeException workerState(Throwable cause) {
    return new ParallelForException(
        "making a worker's own state for the run failed: " + cause, -1, null, cause);
  }

  /** Closing what a worker made for the run threw. */
  static Throwable workerClose(Throwable cause) {
    if (cause instanceof VirtualMachineError) {
      return cause;
    }
    return new ParallelForException(
        "closing a worker's own state after the run failed: " + cause, -1, null, cause);
  }

  /** A context propagator's wrapper threw, or did not run the worker task it was given. */
  static Throwable context(Throwable cause) {
    if (cause instanceof VirtualMachineError) {
      return cause;
    }
    return new ParallelForException(
        cause == null
            ? "the context propagator's wrapper did not run the worker task it was given"
            : "the context propagator's wrapper failed: " + cause,
        -1,
        null,
        cause);
  }

  /** The executor refused a worker when the run had no other one left to go on with. */
  static RuntimeException rejected(RejectedExecutionException cause) {
    return new ParallelForException(
        "the executor rejected the run's workers (was it shut down?): " + cause, -1, null, cause);
  }

  /** The executor's {@code execute} threw something other than a rejection. */
  static Throwable executorFailed(Throwable cause) {
    if (cause instanceof VirtualMachineError) {
      return cause;
    }
    return new ParallelForException(
        "the executor failed to start a worker: " + cause, -1, null, cause);
  }

  /** The cluster could not run a chunk (no member left, a chunk it could not serialise, ...). */
  static Throwable cluster(Throwable cause) {
    if (cause instanceof VirtualMachineError) {
      return cause;
    }
    return new ParallelForException(
        "the cluster could not run a chunk of items: " + cause, -1, null, cause);
  }

  /** Not an item's failure but the engine's own, for example running out of memory. */
  static Throwable unexpected(Throwable cause) {
    if (cause instanceof Error) {
      return cause;
    }
    return new ParallelForException("the run failed unexpectedly: " + cause, -1, null, cause);
  }

  /** Whether a throwable is how code reacts to an interrupt, directly or as a cause. */
  static boolean causedByInterrupt(Throwable thrown) {
    Throwable t = thrown;
    for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
      if (t instanceof InterruptedException
          || t instanceof InterruptedIOException
          || t instanceof ClosedByInterruptException
          || t instanceof CancellationException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The failure as the caller should see it. A {@link ParallelForException} is created again on the
   * calling thread, so its stack trace shows the line that called the run (as {@code Future.get}'s
   * {@code ExecutionException} does), while its cause keeps the item's own trace. Anything else (a
   * {@link VirtualMachineError}) is thrown as it is.
   */
  static RuntimeException rethrow(Throwable failure) {
    if (failure instanceof ParallelForException pfe) {
      throw forCaller(pfe);
    }
    if (failure instanceof Error error) {
      throw error;
    }
    if (failure instanceof RuntimeException re) {
      throw re;
    }
    throw new ParallelForException("the run failed: " + failure, -1, null, failure);
  }

  static ParallelForException forCaller(ParallelForException failure) {
    ParallelForException copy =
        new ParallelForException(
            failure.getMessage(), failure.index(), failure.item(), failure.getCause());
    for (Throwable suppressed : failure.getSuppressed()) {
      copy.addSuppressed(suppressed);
    }
    return copy;
  }
}
