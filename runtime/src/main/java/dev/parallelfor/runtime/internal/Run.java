package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.ParallelForException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One execution of a driver: a few long-lived workers (at most the parallelism) that claim chunks
 * of consecutive items, run them, and store each result at its index.
 *
 * <p>Scheduling. A worker is one task on the executor, not one per item; it claims chunks under the
 * run's lock, sized from its own measured time per item so a chunk takes about {@link
 * #TARGET_CHUNK_NANOS} (one item for blocking work, thousands for tiny ones) and never more than a
 * fair share of what is left. The lock is taken once per chunk, so its cost vanishes for tiny items
 * and does not matter for slow ones. Workers start as the input shows there is work for them, never
 * more than the parallelism, so the in-flight cap is exact.
 *
 * <p>Structure. The run ends when every worker that started has left; workers queued on a busy
 * executor that start after that find the run over and return at once, so the caller never waits
 * for a worker that could not start. When the calling thread is itself a worker of another run (a
 * nested run), it works on the items too, so nested runs progress even when every pool thread is
 * busy.
 *
 * <p>Cancellation. The first failure, the deadline, a caller interrupt, or closing a result stream
 * sets {@link #stopped}: no further item starts, and threads running an item are interrupted. Those
 * interrupts are the run's own doing, so what an interrupted item throws in answer (an {@code
 * InterruptedException} or an exception caused by one) is not reported, while anything else it
 * throws is kept as suppressed; each worker clears the interrupt it received before giving its
 * thread back.
 */
final class Run {
  /**
   * How long one chunk should take: short enough to balance and report, long enough to amortise.
   */
  static final long TARGET_CHUNK_NANOS = 200_000;

  static final int MAX_CHUNK = 1 << 14;

  /**
   * How many items a streaming run may hold ahead of its consumer (plus at most one chunk): a few
   * chunks of tiny items, or two items per worker when the parallelism is higher than that.
   */
  static final int WINDOW_ITEMS = 4 * MAX_CHUNK;

  private static final ThreadLocal<int[]> WORKER_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  /** What the run keeps of each item's outcome. */
  enum Kind {
    /** Values, fail-fast. */
    LIST,
    /** Nothing, fail-fast (void methods). */
    VOID,
    /** Values and failures; every item is attempted. */
    ALL,
    /** Values handed to a consumer in order while the run goes on, fail-fast. */
    STREAM
  }

  private final Source source;
  private final ItemTask<Object, Object> call;
  private final Kind kind;
  private final int parallelism;
  private final Executor executor;
  private final long size;
  private final long startNanos;
  private final ProgressReporter progress;
  private final boolean failFast;
  private final int windowChunks;
  private final int windowItems;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  /** Results by index, for indexed sources that keep values; else chunks hold them. */
  private final Object[] results;

  // Guarded by lock.
  private final List<Chunk> chunks;
  private final ArrayDeque<Chunk> window;
  private final Set<Worker> running = Collections.newSetFromMap(new IdentityHashMap<>());
  private long nextIndex;
  private long itemsInWindow;
  private boolean exhausted;
  private int slots;
  private int active;
  private Throwable failure;
  private List<Throwable> laterFailures;
  private boolean finishing;
  private boolean finished;
  private ScheduledFuture<?> deadline;
  private Runnable onFinished;

  /** Read on every item: a plain volatile read, cheap next to any real work. */
  private volatile boolean stopped;

  Run(RunOptions options, Source source, ItemTask<Object, Object> call, Kind kind) {
    this.source = source;
    this.call = call;
    this.kind = kind;
    this.parallelism =
        options.parallelism() > 0
            ? options.parallelism()
            : SharedPools.defaultParallelism(options.mode());
    this.executor =
        options.executor() != null ? options.executor() : SharedPools.executor(options.mode());
    this.size = source.size();
    this.failFast = kind != Kind.ALL;
    this.windowChunks = 2 * parallelism + 2;
    this.windowItems = Math.max(WINDOW_ITEMS, 2 * parallelism);
    this.startNanos = System.nanoTime();
    this.progress = new ProgressReporter(options.listener(), size, startNanos);
    boolean keep = kind != Kind.VOID;
    if (source.indexed() && keep && kind != Kind.STREAM) {
      if (size > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            "cannot keep " + size + " results in a list; use the streaming form");
      }
      results = new Object[(int) size];
    } else {
      results = null;
    }
    chunks = keep && !source.indexed() && kind != Kind.STREAM ? new ArrayList<>() : null;
    window = kind == Kind.STREAM ? new ArrayDeque<>() : null;
  }

  static boolean insideWorker() {
    return WORKER_DEPTH.get()[0] > 0;
  }

  /**
   * Starts the run: reports the start, arms the deadline and hands out the first workers.
   *
   * @param callerWorks the calling thread will call {@link #workAsCaller()} next
   * @param whenFinished run by the thread that finishes the run, after {@code onFinish}
   */
  void start(boolean callerWorks, java.time.Duration timeout, Runnable whenFinished) {
    this.onFinished = whenFinished;
    progress.start();
    boolean empty;
    try {
      empty = source.knownEmpty();
    } catch (RuntimeException | Error e) {
      stop(e instanceof VirtualMachineError ? e : inputFailure(0, e));
      return;
    }
    if (empty) {
      lock.lock();
      try {
        exhausted = true;
        markFinishing();
      } finally {
        lock.unlock();
      }
      finish();
      return;
    }
    if (timeout != null) {
      ScheduledFuture<?> timer =
          SharedPools.deadlines()
              .schedule(
                  () -> stop(timeoutFailure(timeout)), timeout.toNanos(), TimeUnit.NANOSECONDS);
      lock.lock();
      try {
        if (finished) {
          timer.cancel(false);
        } else {
          deadline = timer;
        }
      } finally {
        lock.unlock();
      }
    }
    int wanted = size >= 0 ? (int) Math.min(parallelism, size) : 1;
    lock.lock();
    try {
      slots = wanted;
    } finally {
      lock.unlock();
    }
    int others = callerWorks ? wanted - 1 : wanted;
    int started = 0;
    while (started < others && spawn()) {
      started++;
    }
    if (started < others) {
      lock.lock();
      try {
        slots -= others - started - 1; // spawn() freed the rejected one's slot
      } finally {
        lock.unlock();
      }
    }
    if (!callerWorks && started == 0 && others > 0) {
      // The executor took no worker: without one the run could never end.
      stop(
          new ParallelForException(
              "the executor rejected the run's workers",
              -1,
              null,
              new RejectedExecutionException()));
    }
  }

  /** The calling thread works on the items too, until none is left. */
  void workAsCaller() {
    work(new Worker(null));
  }

  /** Starts one more worker on the executor; false (and the slot freed) if it rejected it. */
  private boolean spawn() {
    try {
      executor.execute(
          new Runnable() {
            @Override
            public void run() {
              work(new Worker(this));
            }
          });
      return true;
    } catch (RejectedExecutionException e) {
      lock.lock();
      try {
        slots--;
      } finally {
        lock.unlock();
      }
      return false;
    }
  }

  private void work(Worker worker) {
    if (!enter(worker)) {
      return;
    }
    int[] depth = WORKER_DEPTH.get();
    depth[0]++;
    try {
      Chunk chunk = null;
      while ((chunk = completeAndClaim(worker, chunk)) != null) {
        if (worker.spawnRequested) {
          worker.spawnRequested = false;
          spawn();
        }
        long begin = System.nanoTime();
        int attempted = runChunk(worker, chunk);
        worker.resize(System.nanoTime() - begin, attempted);
        progress.add(worker.finished, worker.failed);
        if (worker.caller && !worker.interruptedByRun && Thread.currentThread().isInterrupted()) {
          stop(interruptFailure());
        }
      }
    } catch (Throwable unexpected) {
      // Not an item's failure (those are caught per item) but the machinery's, for example an
      // OutOfMemoryError while allocating a chunk: the run must fail, not hang or lose results.
      stop(
          unexpected instanceof Error
              ? unexpected
              : new ParallelForException(
                  "the run failed unexpectedly: " + unexpected, -1, null, unexpected));
    } finally {
      depth[0]--;
      exit(worker);
    }
  }

  private boolean enter(Worker worker) {
    lock.lock();
    try {
      if (finishing || stopped) {
        slots--;
        if (finishing) {
          ElasticPool.countedIdleAlready(worker.task); // see markFinishing()
        } else {
          ElasticPool.releasingCurrentThread(worker.task);
        }
        return false;
      }
      active++;
      running.add(worker);
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void exit(Worker worker) {
    boolean finishNow;
    lock.lock();
    try {
      running.remove(worker);
      active--;
      if (worker.holdsSlot) {
        worker.holdsSlot = false;
        slots--;
      }
      if (worker.interruptedByRun) {
        Thread.interrupted(); // the run's own interrupt must not leak into the thread's next task
      }
      finishNow = active == 0 && !finishing && (exhausted || stopped);
      if (finishNow) {
        markFinishing();
      }
      // A pool thread whose work is over counts as idle before anyone can see the run end, so
      // the next run's workers reuse it instead of starting threads (see ElasticPool). Not when
      // it will complete an async run's future: that runs the caller's callbacks.
      if (!(finishNow && onFinished != null)) {
        ElasticPool.releasingCurrentThread(worker.task);
      }
      if (window != null) {
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
    if (finishNow) {
      finish();
    }
  }

  /**
   * Under lock, once every worker has left: the run ends. Workers still queued on the executor will
   * find it over and return at once, so a shared pool may count their threads as idle now, before
   * anyone can see the run end and start the next one.
   */
  private void markFinishing() {
    finishing = true;
    if (slots > 0 && executor instanceof ElasticPool pool) {
      pool.countIdleSoon(slots);
    }
  }

  /** Marks the previous chunk done and claims the next one; null when the worker should leave. */
  private Chunk completeAndClaim(Worker worker, Chunk previous) {
    lock.lock();
    try {
      if (previous != null && window != null) {
        previous.done = true;
        changed.signalAll();
      }
      if (stopped || exhausted || windowFull()) {
        return leave(worker);
      }
      int max = worker.chunkSize;
      if (size >= 0) {
        long fairShare = Math.max(1, (size - nextIndex) / (2L * parallelism));
        max = (int) Math.min(max, fairShare);
      }
      if (window != null) {
        // Chunks small enough that every worker finds room in the look-ahead.
        max = Math.min(max, Math.max(1, windowItems / (2 * parallelism)));
      }
      Chunk chunk;
      if (source.indexed()) {
        long remaining = size - nextIndex;
        int count = (int) Math.min(max, remaining);
        Object[] out = results;
        if (window != null) {
          out = new Object[count];
        }
        chunk = new Chunk(nextIndex, count, null, out, out == results ? (int) nextIndex : 0);
        nextIndex += count;
        exhausted = nextIndex >= size;
      } else {
        Object[] items = new Object[max];
        int count;
        try {
          count = source.pull(items, max);
        } catch (Source.InputFailure e) {
          exhausted = true;
          stop(inputFailure(nextIndex + e.copied, e.getCause()));
          return leave(worker);
        }
        if (count < max) {
          exhausted = true;
        }
        if (count == 0) {
          return leave(worker);
        }
        chunk = new Chunk(nextIndex, count, items, kind == Kind.VOID ? null : items, 0);
        nextIndex += count;
        if (chunks != null) {
          chunks.add(chunk);
        }
      }
      if (window != null) {
        window.addLast(chunk);
        itemsInWindow += chunk.count;
      }
      worker.spawnRequested = claimSlotForAnotherWorker();
      return chunk;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Under lock: the worker will claim nothing more, so its slot is free at once for a worker that
   * the consumer of a streaming run may start (no wake-up can be lost between the two).
   */
  private Chunk leave(Worker worker) {
    if (worker.holdsSlot) {
      worker.holdsSlot = false;
      slots--;
    }
    return null;
  }

  /** Under lock: whether a streaming run's look-ahead is full, in chunks or in items. */
  private boolean windowFull() {
    return window != null && (window.size() >= windowChunks || itemsInWindow >= windowItems);
  }

  /** Under lock: whether one more worker would find work; if so its slot is taken. */
  private boolean claimSlotForAnotherWorker() {
    if (exhausted || stopped || slots >= parallelism) {
      return false;
    }
    // Enough workers for the items left; but with none at all, one must start even when no item
    // is left, to find the end of an input whose size is only a promise.
    if (size >= 0 && slots > 0 && slots >= size - nextIndex) {
      return false;
    }
    if (windowFull()) {
      return false;
    }
    slots++;
    return true;
  }

  /** Runs the items of a chunk; returns how many were attempted. */
  private int runChunk(Worker worker, Chunk chunk) {
    final Object[] items = chunk.items;
    final Object[] out = chunk.out;
    final int offset = chunk.outOffset;
    final long start = chunk.start;
    final Source src = source;
    final ItemTask<Object, Object> fn = call;
    int finishedHere = 0;
    int failedHere = 0;
    int i = 0;
    for (; i < chunk.count; i++) {
      if (stopped) {
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
          stop(inputFailure(index, e));
          break;
        }
      }
      Object value;
      try {
        value = fn.apply(index, item);
      } catch (Throwable thrown) {
        if (!itemFailed(worker, index, item, thrown)) {
          break; // the run's own cancellation: not a result, not a failure
        }
        failedHere++;
        if (failFast) {
          finishedHere++;
          i++;
          break;
        }
        value = new Failure(ParallelForException.ofItem(index, item, thrown));
      }
      if (out != null) {
        out[offset + i] = value;
      }
      finishedHere++;
    }
    worker.finished = finishedHere;
    worker.failed = failedHere;
    return Math.max(1, i);
  }

  /**
   * Classifies what an item threw. Returns false when the throw was caused by the run's own
   * cancellation (it is then dropped); otherwise records it (fail-fast runs stop) and returns true.
   */
  private boolean itemFailed(Worker worker, long index, Object item, Throwable thrown) {
    if (thrown instanceof VirtualMachineError) {
      stop(thrown);
      return false;
    }
    if (worker.interruptedByRun && causedByInterrupt(thrown)) {
      return false;
    }
    if (worker.caller && thrown instanceof InterruptedException) {
      // The calling thread itself was interrupted: cancel, and keep the flag for the caller.
      Thread.currentThread().interrupt();
      stop(interruptFailure());
      return false;
    }
    if (failFast || stopped) {
      stop(ParallelForException.ofItem(index, item, thrown));
    }
    return true;
  }

  /** Whether a throwable is how an item reacts to an interrupt, directly or as a cause. */
  private static boolean causedByInterrupt(Throwable thrown) {
    Throwable t = thrown;
    for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
      if (t instanceof InterruptedException
          || t instanceof java.io.InterruptedIOException
          || t instanceof java.nio.channels.ClosedByInterruptException
          || t instanceof java.util.concurrent.CancellationException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Stops the run with a cause (null for a plain cancel): no item starts any more and running items
   * are interrupted. The first cause wins; later real failures become suppressed.
   */
  void stop(Throwable cause) {
    boolean finishNow;
    lock.lock();
    try {
      if (stopped || finishing) {
        if (cause != null && !finishing && failure != null && cause != failure) {
          if (laterFailures == null) {
            laterFailures = new ArrayList<>();
          }
          if (laterFailures.size() < 64) {
            laterFailures.add(cause);
          }
        }
        return;
      }
      stopped = true;
      failure = cause;
      Thread self = Thread.currentThread();
      for (Worker w : running) {
        if (w.thread != self) {
          w.interruptedByRun = true;
          w.thread.interrupt();
        }
      }
      finishNow = active == 0;
      if (finishNow) {
        markFinishing();
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (finishNow) {
      finish();
    }
  }

  /** Ends the run once every worker has left: closes the input, reports, wakes the waiters. */
  private void finish() {
    ScheduledFuture<?> timer;
    lock.lock();
    try {
      timer = deadline;
    } finally {
      lock.unlock();
    }
    if (timer != null) {
      timer.cancel(false);
    }
    try {
      source.close();
    } catch (RuntimeException | Error e) {
      attachOrLog(e, "closing the input stream failed");
    }
    progress.finish();
    Throwable listenerFailure = progress.listenerFailure();
    if (listenerFailure != null) {
      attachOrLog(listenerFailure, "a progress listener threw; the run's results are kept");
    }
    Runnable then;
    lock.lock();
    try {
      if (failure != null && laterFailures != null) {
        for (Throwable later : laterFailures) {
          failure.addSuppressed(later);
        }
      }
      finished = true;
      changed.signalAll();
      then = onFinished;
    } finally {
      lock.unlock();
    }
    if (then != null) {
      then.run();
    }
  }

  private void attachOrLog(Throwable problem, String what) {
    Throwable main;
    lock.lock();
    try {
      main = failure;
    } finally {
      lock.unlock();
    }
    if (main != null) {
      main.addSuppressed(problem);
    } else {
      System.getLogger(Run.class.getName()).log(System.Logger.Level.WARNING, what, problem);
    }
  }

  /**
   * Waits until every worker has left. An interrupt of the waiting thread cancels the run, the wait
   * goes on until the workers have stopped, and the interrupt flag is restored.
   */
  void awaitFinished() {
    boolean interrupted = false;
    while (true) {
      lock.lock();
      try {
        if (finished) {
          break;
        }
        if (!interrupted) {
          try {
            changed.await();
            continue;
          } catch (InterruptedException e) {
            interrupted = true;
          }
        } else {
          changed.awaitUninterruptibly();
          continue;
        }
      } finally {
        lock.unlock();
      }
      stop(interruptFailure());
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** After {@link #awaitFinished()}: throws the run's failure, if any. */
  void throwIfFailed() {
    Throwable main;
    lock.lock();
    try {
      main = failure;
    } finally {
      lock.unlock();
    }
    if (main instanceof ParallelForException pfe) {
      throw pfe;
    }
    if (main instanceof Error error) {
      throw error;
    }
    if (main instanceof RuntimeException re) {
      throw re;
    }
  }

  /** The run's failure once finished, or null. */
  Throwable failure() {
    lock.lock();
    try {
      return failure;
    } finally {
      lock.unlock();
    }
  }

  /** After a successful finish: every kept outcome in input order. */
  Object[] outcomes() {
    if (results != null) {
      return results;
    }
    if (chunks == null) {
      return new Object[0];
    }
    Object[] all = new Object[Math.toIntExact(nextIndex)];
    for (Chunk chunk : chunks) {
      System.arraycopy(chunk.out, 0, all, (int) chunk.start, chunk.count);
    }
    return all;
  }

  /** The next finished chunk in input order for the streaming form; null at the end. */
  Chunk takeChunk(Chunk consumed) {
    if (consumed != null) {
      boolean spawnOne;
      lock.lock();
      try {
        itemsInWindow -= window.pollFirst().count;
        spawnOne = claimSlotForAnotherWorker();
      } finally {
        lock.unlock();
      }
      if (spawnOne) {
        spawn(); // before waiting: the chunk waited for may need this very worker
      }
    }
    boolean interrupted = false;
    Chunk next = null;
    lock.lock();
    try {
      while (!stopped) {
        Chunk head = window.peekFirst();
        if (head != null && head.done) {
          next = head;
          break;
        }
        if (head == null && finished) {
          break;
        }
        try {
          changed.await();
        } catch (InterruptedException e) {
          interrupted = true;
          break;
        }
      }
    } finally {
      lock.unlock();
    }
    try {
      if (interrupted) {
        stop(interruptFailure());
      }
      if (next == null) {
        awaitFinished();
        throwIfFailed();
      }
      return next;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Cancels the run without a failure and without waiting: an abandoned result stream. */
  void cancel() {
    stop(null);
  }

  long total() {
    return size;
  }

  private ParallelForException timeoutFailure(java.time.Duration timeout) {
    return new ParallelForException(
        "the run timed out after " + timeout + " (" + progressText() + ")",
        -1,
        null,
        new TimeoutException("deadline of " + timeout + " passed"));
  }

  private ParallelForException interruptFailure() {
    return new ParallelForException(
        "the calling thread was interrupted; the run was cancelled (" + progressText() + ")",
        -1,
        null,
        new InterruptedException("run cancelled by an interrupt of the calling thread"));
  }

  private ParallelForException inputFailure(long position, Throwable cause) {
    return new ParallelForException(
        "reading the input failed at position " + position + ": " + cause, position, null, cause);
  }

  private String progressText() {
    return progress.completed() + " of " + (size < 0 ? "?" : Long.toString(size)) + " items done";
  }

  /** One worker's state: its thread, its chunk size and what its last chunk did. */
  private static final class Worker {
    final Thread thread = Thread.currentThread();

    /** The executor task this worker runs as; null for the calling thread. */
    final Runnable task;

    final boolean caller;
    int chunkSize = 1;
    boolean spawnRequested;

    /** Guarded by the run's lock: the worker still counts against the parallelism. */
    boolean holdsSlot = true;

    int finished;
    int failed;

    /** Written under the run's lock, before the interrupt it describes. */
    volatile boolean interruptedByRun;

    Worker(Runnable task) {
      this.task = task;
      this.caller = task == null;
    }

    /** Sizes the next chunk to take about the target time, growing at most fourfold a step. */
    void resize(long nanos, int items) {
      long perItem = Math.max(1, nanos / items);
      long wanted = TARGET_CHUNK_NANOS / perItem;
      wanted = Math.min(wanted, 4L * chunkSize);
      chunkSize = (int) Math.max(1, Math.min(wanted, MAX_CHUNK));
    }
  }

  /** A failed item's outcome in {@link Kind#ALL} runs. */
  record Failure(ParallelForException exception) {}
}
