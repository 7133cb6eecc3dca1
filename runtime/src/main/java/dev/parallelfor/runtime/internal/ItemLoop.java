package dev.parallelfor.runtime.internal;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.IndexedItemFunction;
import java.util.Queue;

/**
 * Runs a chunk's items one after the other on the worker's thread, and classifies what they throw:
 * an item's failure, the run's own cancellation answered, or an interrupt of the caller of a nested
 * run. A run with per-item options (item timeout, retry, rate limit) calls each item through its
 * {@link Attempts}; one without calls it directly, items copied out of the input in small batches
 * ({@link #BATCH}) whose loop the JIT compiles early in a fresh JVM, and anything else item by
 * item.
 *
 * <p>With attempts, an item that backs off in CPU mode (at a parallelism above 1) is deferred
 * within its chunk: the chunk's other items run first, then the deferred ones as their backoffs
 * end, and the chunk is reported once every item is done. The worker keeps its slot, its thread and
 * its state throughout; results still go to their own index.
 */
final class ItemLoop implements ChunkRunner {
  private final Stopper run;
  private final Lifecycle lifecycle;
  private final Source source;
  private final IndexedItemFunction<Object, Object> call;

  /** Set when each worker makes its own function; {@link #call} is then not called. */
  private final PerWorkerCall perWorker;

  private final boolean failFast;

  /** Null when the run has no per-item option. */
  private final Attempts attempts;

  ItemLoop(
      Stopper run,
      Lifecycle lifecycle,
      Source source,
      IndexedItemFunction<Object, Object> call,
      boolean failFast,
      RunOptions options,
      int parallelism) {
    this.run = run;
    this.lifecycle = lifecycle;
    this.source = source;
    this.call = call;
    this.perWorker = call instanceof PerWorkerCall p ? p : null;
    this.failFast = failFast;
    // Checked here, not only by Attempts.of: a run without per-item options loads none of them.
    this.attempts =
        options.resilience().none()
            ? null
            : Attempts.of(
                lifecycle, options.resilience(), options.mode() == Mode.CPU && parallelism > 1);
  }

  @Override
  public void run(Chunk chunk, Worker worker) {
    final Object[] items = chunk.items != null ? chunk.items : slice(chunk, worker);
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
    if (attempts != null) {
      runWithAttempts(chunk, worker, fn, items);
      return;
    }
    int finished = 0;
    int failed = 0;
    int i = 0;
    while (i < count) {
      long index = start + i;
      Object item;
      Object value;
      boolean threw = false;
      if (items != null) {
        // The items run in batches, each ended by a stop, a throw or its last item.
        int end = Math.min(count, i + BATCH);
        int reached = runBatch(items, out, offset, start, i, end, fn, life, worker);
        if (reached >= 0) {
          finished += reached - i;
          i = reached;
          if (i < end) {
            break; // the run stopped
          }
          continue;
        }
        int at = -reached - 1; // the item at this position threw; those before it are done
        finished += at - i;
        i = at;
        index = start + i;
        item = items[i];
        Throwable thrown = worker.thrown;
        worker.thrown = null;
        threw = true;
        value = failedItem(worker, index, item, thrown);
      } else {
        // A plain volatile read: free in compiled code, and one field access in the interpreter,
        // where a fresh JVM runs most of a first run's tiny items. An opaque read through a
        // VarHandle cost several times the item there.
        if (life.stopped()) {
          break;
        }
        try {
          item = src.get(index);
        } catch (RuntimeException e) { // e.g. a list that shrank while the run read it
          run.stop(Failures.input(index, e), true);
          break;
        }
        try {
          value = fn.apply(index, item);
        } catch (Throwable thrown) {
          threw = true;
          value = failedItem(worker, index, item, thrown);
        }
      }
      if (threw) {
        if (value == STOP_CHUNK) {
          break; // the run's own cancellation: not a result, not a failure
        }
        failed++;
        if (value == FAIL_FAST) {
          finished++;
          i++;
          break;
        }
      }
      if (out != null) {
        out[offset + i] = value;
      }
      finished++;
      i++;
    }
    chunk.attempted = i;
    chunk.finished = finished;
    chunk.failed = failed;
  }

  /**
   * Items per call of {@link #runBatch}. A chunk's own loop is entered once per chunk, too rarely
   * for the JIT to compile it early in a fresh JVM: only its on-stack replacement is, which the
   * chunk's next call does not use. A batch is entered often enough for a standard compile, with
   * the item inlined, after some 20,000 items, before its loop's back edges would ask for an
   * on-stack replacement of its own. In compiled code a call per batch costs nothing next to its
   * items.
   */
  static final int BATCH = 32;

  /**
   * Runs the items {@code [from, to)} of a chunk copied out of the input. Returns the position of
   * the first item not run: {@code to} when all ran, less when the run stopped first; or, when an
   * item threw, {@code -(its position) - 1}, with what it threw in {@code worker.thrown}. Nothing
   * else: a small method is what the JIT compiles early.
   */
  private static int runBatch(
      Object[] items,
      Object[] out,
      int offset,
      long start,
      int from,
      int to,
      IndexedItemFunction<Object, Object> fn,
      Lifecycle life,
      Worker worker) {
    int i = from;
    try {
      for (; i < to; i++) {
        // A plain volatile read: free in compiled code, and one field access in the interpreter.
        if (life.stopped()) {
          return i;
        }
        Object value = fn.apply(start + i, items[i]);
        if (out != null) {
          out[offset + i] = value;
        }
      }
      return to;
    } catch (Throwable thrown) {
      worker.thrown = thrown;
      return -i - 1;
    }
  }

  /** {@link #failedItem}: the chunk ends here, and the item neither succeeded nor failed. */
  private static final Object STOP_CHUNK = new Object();

  /** {@link #failedItem}: the item failed in a fail-fast run, which stops; the chunk ends. */
  private static final Object FAIL_FAST = new Object();

  /**
   * What an item that threw comes to: {@link #STOP_CHUNK} when the throw answers a cancellation,
   * {@link #FAIL_FAST} in a fail-fast run, else its failure as its outcome.
   */
  private Object failedItem(Worker worker, long index, Object item, Throwable thrown) {
    if (!itemFailed(worker, index, item, thrown, 1, 0)) {
      return STOP_CHUNK;
    }
    if (failFast) {
      return FAIL_FAST;
    }
    return Outcomes.failed(Failures.ofItem(index, source.item(index, item), thrown));
  }

  /**
   * The items of a chunk of an indexed input, in the worker's reused array; null as in {@link
   * Source#slice(long, int)}.
   */
  private Object[] slice(Chunk chunk, Worker worker) {
    Object[] items =
        worker.items == null
            ? source.slice(chunk.start, chunk.count)
            : source.slice(chunk.start, chunk.count, worker.items);
    if (items != null) {
      worker.items = items;
    }
    return items;
  }

  /**
   * The chunk's items through the run's {@link Attempts}: first each in turn, then those deferred
   * to back off, earliest moment first (a deferred item may be deferred again). Counts are kept in
   * the chunk as they come.
   */
  private void runWithAttempts(
      Chunk chunk, Worker worker, IndexedItemFunction<Object, Object> fn, Object[] items) {
    Queue<Attempts.Tries> later = attempts.deferredQueue();
    chunk.finished = 0;
    chunk.failed = 0;
    boolean goOn = true;
    int i = 0;
    while (goOn && i < chunk.count) {
      if (lifecycle.stopped()) {
        goOn = false;
        break;
      }
      long index = chunk.start + i;
      Object item;
      if (items != null) {
        item = items[i];
      } else {
        try {
          item = source.get(index);
        } catch (RuntimeException e) { // e.g. a list that shrank while the run read it
          run.stop(Failures.input(index, e), true);
          goOn = false;
          break;
        }
      }
      goOn = attempt(chunk, worker, fn, index, item, i, null, later);
      i++;
    }
    chunk.attempted = i;
    while (goOn && later != null && !later.isEmpty()) {
      Attempts.Tries next = later.poll();
      goOn = attempt(chunk, worker, fn, next.index, next.item, next.position, next, later);
    }
  }

  /**
   * Runs an item's attempts (its first, or a deferred item's next) and records what they came to.
   * Returns false when the chunk ends here: the run stopped, or a fail-fast run failed.
   */
  private boolean attempt(
      Chunk chunk,
      Worker worker,
      IndexedItemFunction<Object, Object> fn,
      long index,
      Object item,
      int position,
      Attempts.Tries deferred,
      Queue<Attempts.Tries> later) {
    Object value;
    try {
      value =
          deferred == null
              ? attempts.call(fn, index, item, position, worker, later)
              : attempts.resume(fn, deferred, worker, later);
      if (value == Attempts.STOPPED) {
        return false; // the run stopped while the item waited: not a result, not a failure
      }
      if (value == Attempts.DEFERRED) {
        return true;
      }
    } catch (Throwable thrown) {
      int made = 1;
      long dropped = 0;
      if (thrown instanceof Attempts.GaveUp gaveUp) {
        thrown = gaveUp.last;
        made = gaveUp.attempts;
        dropped = gaveUp.dropped;
      }
      if (!itemFailed(worker, index, item, thrown, made, dropped)) {
        return false; // the run's own cancellation: not a result, not a failure
      }
      chunk.failed++;
      if (failFast) {
        chunk.finished++;
        return false;
      }
      value =
          Outcomes.failed(Failures.ofItem(index, source.item(index, item), thrown, made, dropped));
    }
    if (chunk.out != null) {
      chunk.out[chunk.outOffset + position] = value;
    }
    chunk.finished++;
    return true;
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
      } else if (Failures.causedByInterrupt(thrown) && worker.enclosingRunInterrupted()) {
        run.callerInterrupted();
      } else {
        run.stop(Failures.workerState(thrown), true);
      }
      return null;
    }
  }

  /**
   * Classifies what an item threw, after {@code made} attempts ({@code dropped} earlier failures
   * not kept). Returns false when the throw answers a cancellation: one that this run, or for a
   * thread that works for a nested run an enclosing run or its item timer, sent to this very thread
   * (it is then dropped, or turned into the run's interrupt); otherwise records it (fail-fast runs
   * stop) and returns true.
   */
  private boolean itemFailed(
      Worker worker, long index, Object item, Throwable thrown, int made, long dropped) {
    if (thrown instanceof VirtualMachineError) {
      run.stop(thrown, true);
      return false;
    }
    boolean answersInterrupt = Failures.causedByInterrupt(thrown);
    if (answersInterrupt && worker.interruptedByRun) {
      return false;
    }
    if (answersInterrupt && worker.enclosingRunInterrupted()) {
      // The item of an enclosing run that called this one is being cancelled: so is this run.
      run.callerInterrupted();
      return false;
    }
    if (failFast || lifecycle.stopped()) {
      run.stop(Failures.ofItem(index, source.item(index, item), thrown, made, dropped), true);
    }
    return true;
  }
}
