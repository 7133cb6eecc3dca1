package dev.parallelfor.runtime.internal;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.IndexedItemFunction;

/**
 * Runs a chunk's items one after the other on the worker's thread, and classifies what they throw:
 * an item's failure, the run's own cancellation answered, or an interrupt of the caller of a nested
 * run. A run with per-item options (item timeout, retry, rate limit) calls each item through its
 * {@link Attempts}; one without calls it directly.
 */
final class ItemLoop implements ChunkRunner {
  private final Run run;
  private final Lifecycle lifecycle;
  private final Source source;
  private final IndexedItemFunction<Object, Object> call;

  /** Set when each worker makes its own function; {@link #call} is then not called. */
  private final PerWorkerCall perWorker;

  private final boolean failFast;

  /** Null when the run has no per-item option. */
  private final Attempts attempts;

  ItemLoop(
      Run run,
      Source source,
      IndexedItemFunction<Object, Object> call,
      boolean failFast,
      RunOptions options) {
    this.run = run;
    this.lifecycle = run.lifecycle();
    this.source = source;
    this.call = call;
    this.perWorker = call instanceof PerWorkerCall p ? p : null;
    this.failFast = failFast;
    this.attempts = Attempts.of(run, options.resilience(), options.mode() == Mode.CPU);
  }

  @Override
  public void run(Chunk chunk, Worker worker) {
    final Object[] items =
        chunk.items != null ? chunk.items : source.slice(chunk.start, chunk.count);
    final Object[] out = chunk.out;
    final int offset = chunk.outOffset;
    final long start = chunk.start;
    final int count = chunk.count;
    final Source src = source;
    final Lifecycle life = lifecycle;
    final IndexedItemFunction<Object, Object> fn =
        perWorker == null ? call : worker.localCall != null ? worker.localCall : forWorker(worker);
    if (fn == null) {
      chunk.attempted = 0; // the run stopped: not a result, not a failure
      chunk.finished = 0;
      chunk.failed = 0;
      return;
    }
    final Attempts guarded = attempts;
    int finished = 0;
    int failed = 0;
    int i = 0;
    for (; i < count; i++) {
      if (life.stoppedSoon()) {
        break;
      }
      long index = start + i;
      Object item;
      if (items != null) {
        item = items[i];
      } else {
        try {
          item = src.get(index);
        } catch (RuntimeException e) { // e.g. a list that shrank while the run read it
          run.stop(Failures.input(index, e), true);
          break;
        }
      }
      Object value;
      try {
        if (guarded == null) {
          value = fn.apply(index, item);
        } else {
          value = guarded.call(fn, index, item, worker);
          if (value == Attempts.STOPPED) {
            break; // the run stopped while the item waited: not a result, not a failure
          }
        }
      } catch (Throwable thrown) {
        if (!itemFailed(worker, index, item, thrown)) {
          break; // the run's own cancellation: not a result, not a failure
        }
        failed++;
        if (failFast) {
          finished++;
          i++;
          break;
        }
        value = new Outcomes.Failure(Failures.ofItem(index, src.item(index, item), thrown));
      }
      if (out != null) {
        out[offset + i] = value;
      }
      finished++;
    }
    chunk.attempted = i;
    chunk.finished = finished;
    chunk.failed = failed;
  }

  /**
   * Makes the worker's own function, lazily (on its first item, unless the run stopped meanwhile).
   * Returns null, having stopped the run unless that throw answered the run's own stop, when the
   * factory threw: a worker without its state cannot run anything, so even {@code runAll} stops.
   */
  private IndexedItemFunction<Object, Object> forWorker(Worker worker) {
    if (lifecycle.stopped()) {
      return null;
    }
    WorkerLocals locals = new WorkerLocals();
    worker.locals = locals; // closed when the worker leaves, even if the factory throws midway
    try {
      IndexedItemFunction<Object, Object> made = perWorker.forWorker(locals);
      worker.localCall = made;
      return made;
    } catch (Throwable thrown) {
      if (thrown instanceof VirtualMachineError) {
        run.stop(thrown, true);
      } else if (Failures.causedByInterrupt(thrown) && worker.interruptedByRun) {
        // the run's own stop, answered
      } else if (Failures.causedByInterrupt(thrown)
          && worker.helper()
          && worker.enclosingRunInterrupted()) {
        run.callerInterrupted();
      } else {
        run.stop(Failures.workerState(thrown), true);
      }
      return null;
    }
  }

  /**
   * Classifies what an item threw. Returns false when the throw answers a cancellation (it is then
   * dropped, or turned into the run's interrupt); otherwise records it (fail-fast runs stop) and
   * returns true.
   */
  private boolean itemFailed(Worker worker, long index, Object item, Throwable thrown) {
    if (thrown instanceof VirtualMachineError) {
      run.stop(thrown, true);
      return false;
    }
    boolean answersInterrupt = Failures.causedByInterrupt(thrown);
    if (answersInterrupt && worker.interruptedByRun) {
      return false;
    }
    if (answersInterrupt && worker.helper() && worker.enclosingRunInterrupted()) {
      // The item of an enclosing run that called this one is being cancelled: so is this run.
      run.callerInterrupted();
      return false;
    }
    if (failFast || lifecycle.stopped()) {
      run.stop(Failures.ofItem(index, source.item(index, item), thrown), true);
    }
    return true;
  }
}
