package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.Ending;
import dev.parallelfor.runtime.Progress;
import dev.parallelfor.runtime.ProgressListener;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts finished items and hands the counts to the listener without ever calling it from two
 * threads at once: a worker that finds another one reporting leaves it the job (a "work in
 * progress" counter), and the reporter loops until no update is missed. So workers never block on a
 * slow listener, and the last counts are always reported.
 *
 * <p>A listener that throws is not called into again for that call only; its first exception is
 * kept (later ones suppressed on it) for the run to attach to its failure or log. A {@link
 * VirtualMachineError} (a listener's {@code StackOverflowError}, say) stops the run at once, so it
 * reaches the caller; nothing a listener throws escapes into a worker.
 */
final class ProgressReporter {
  private static final int MAX_KEPT_LISTENER_FAILURES = 16;

  private final ProgressListener listener;
  private final long total;
  private final long startNanos;
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicInteger wip = new AtomicInteger();
  private final Stopper run;

  // Written only by the thread that holds wip (or the finishing thread once workers stopped).
  private long reportedCompleted = -1;
  private long reportedFailed = -1;
  private Throwable listenerFailure;
  private int listenerFailures;

  /**
   * A reporter of one run.
   *
   * @param run stopped with a {@link VirtualMachineError} that the listener throws
   */
  ProgressReporter(ProgressListener listener, long total, long startNanos, Stopper run) {
    this.listener = listener;
    this.run = run;
    this.total = total;
    this.startNanos = startNanos;
  }

  void start() {
    if (listener != null) {
      try {
        listener.onStart(total);
      } catch (Throwable e) {
        keep(e);
      }
    }
  }

  /** Adds finished items (failed ones included in {@code done}) and reports them. */
  void add(long done, long failedNow) {
    if (done == 0) {
      return;
    }
    // Order matters: a reader takes failed first, so it never sees failed > completed.
    completed.addAndGet(done);
    if (failedNow != 0) {
      failed.addAndGet(failedNow);
    }
    if (listener != null && wip.getAndIncrement() == 0) {
      drain();
    }
  }

  private void drain() {
    int missed = 1;
    do {
      long f = failed.get();
      long c = completed.get();
      if (c != reportedCompleted || f != reportedFailed) {
        reportedCompleted = c;
        reportedFailed = f;
        try {
          listener.onProgress(snapshot(c, f));
        } catch (Throwable e) {
          keep(e);
        }
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }

  /** Whether the run has a listener, which its end is reported to. */
  boolean listens() {
    return listener != null;
  }

  /** Called once, after every worker has stopped. */
  void finish(Ending ending) {
    if (listener != null) {
      long f = failed.get();
      try {
        listener.onFinish(snapshot(completed.get(), f), ending);
      } catch (Throwable e) {
        keep(e);
      }
    }
  }

  long completed() {
    return completed.get();
  }

  long failed() {
    return failed.get();
  }

  /** The listener's first failure (later ones suppressed on it), or null. */
  Throwable listenerFailure() {
    return listenerFailure;
  }

  private Progress snapshot(long c, long f) {
    return new Progress(c, f, total, Duration.ofNanos(System.nanoTime() - startNanos));
  }

  private void keep(Throwable e) {
    if (e instanceof VirtualMachineError) {
      run.stop(e, true);
      return;
    }
    if (listenerFailure == null) {
      listenerFailure = e;
    } else if (listenerFailures < MAX_KEPT_LISTENER_FAILURES && e != listenerFailure) {
      listenerFailure.addSuppressed(e);
    }
    listenerFailures++;
  }
}
