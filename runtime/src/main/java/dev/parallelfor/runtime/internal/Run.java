package dev.parallelfor.runtime.internal;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.ContextPropagator;
import dev.parallelfor.runtime.Ending;
import dev.parallelfor.runtime.IndexedItemFunction;
import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.spi.Cluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * One execution of a loop: a few long-lived workers (at most the parallelism) that claim chunks of
 * consecutive items, run them, and store each result at its index.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>The run is put together from parts that each own one concern and its state:
 *
 * <ul>
 *   <li>{@link Lifecycle}: stopped, quiescent (every worker left) and finished; the failure and the
 *       deadline. Its flags are volatile; the failure and deadline are guarded by its lock.
 *   <li>{@link WorkerSet}: slots against the parallelism, the tasks handed to the executor, the
 *       workers inside the run. Guarded by its lock; the only code that calls the executor.
 *   <li>{@link ChunkDispenser}: which items the next chunk holds and how many. Guarded by the input
 *       lock, under which a lazy input is read.
 *   <li>{@link ChunkRunner}: runs a chunk's items and classifies failures. The seam where a backend
 *       that runs chunks elsewhere plugs in: {@link ItemLoop} runs them on the worker's thread,
 *       {@link ClusterChunkRunner} ships them to a {@link Cluster} and waits for their outcomes, so
 *       everything else here works the same for a run on a cluster. The cluster is asked nothing
 *       that can outlast the run's deadline: the deadline counts from when the run is made, its
 *       parallelism is asked on a thread of its own and waited for at most until that deadline
 *       ({@link ClusterParallelism}), and every later wait is a worker's, which a stop interrupts.
 *       A remote chunk comes back short only when its member cancelled it; anything an item throws
 *       uncancelled is that item's failure, whatever its class.
 *   <li>{@link Outcomes}: where results go (an array by index, chunks joined at the end, nothing,
 *       or the {@link StreamWindow} of a streaming run).
 *   <li>{@link ProgressReporter}: counts, and listener calls that never overlap.
 * </ul>
 *
 * <p>Lock order: input lock, then the window's lock; the worker set's and the lifecycle's locks are
 * never held while another lock is taken. No lock is held while user code runs, except the input
 * lock around calls into a lazy input (which nothing on the stopping path needs: workers wait for
 * it interruptibly, and a stopped run does not wait for a worker stuck in its input).
 *
 * <p>Stopping. The first failure, the deadline, a caller interrupt, {@code cancel} or closing a
 * result stream calls {@link #stop}: the lifecycle records the cause (later real failures become
 * suppressed), then the worker set interrupts every worker inside the run. Workers read the
 * volatile stopped flag before each item. What an interrupted item throws in answer is the run's
 * own doing and is dropped; each worker clears that interrupt before giving its thread back. Every
 * request to stop interrupts again, even when the run had stopped already: a worker's {@code
 * close()} starts with the run's interrupt cleared (a clean chance to close), and an item may
 * swallow an interrupt, so the next request (the caller interrupted again, a cancel) reaches them.
 * Every wait of a caller answers each of its interrupts that way and restores the flag.
 *
 * <p>What stopped a run. Only the run's own signals, recognised by identity ({@link
 * Lifecycle#stopBySignal}), are not failures: its deadline (the run timed out) and its caller's
 * interrupt (it was cancelled). A failure of no item whose cause is a {@code TimeoutException} or
 * an {@code InterruptedException} thrown by user code (a close, a state factory, a wrapper) is a
 * failure like any other; the listener's {@link Ending} and the flight recorder both say so.
 *
 * <p>Ending. The run is quiescent when the worker set counts no worker inside it and the input is
 * exhausted or the run stopped; the deadline leaves the shared queue before anyone can see that.
 * Then it is finished exactly once: unstarted tasks are withdrawn, the input closed, {@code
 * onFinish} called, the outcome published. A synchronous run is finished by its calling thread,
 * which waits for quiescence (so listeners run on the caller's thread and no pool thread ever runs
 * them); an asynchronous or streaming run by whichever thread made it quiescent: its last worker
 * (once its context wrapper returned), or the thread that cancelled or closed it. No user code runs
 * on a thread that the runtime shares between runs: the deadline's thread (which also times items
 * out) and the cleaner's (abandoned streams) only stop a run; when that leaves an asynchronous or
 * streaming run to finish, a task on the shared pool or a short-lived thread of its own finishes it
 * ({@link #finishElsewhere}). Workers queued on a busy executor that start after the end find the
 * run over and return.
 *
 * <p>Context. Each worker task runs inside the wrapper captured from the run's caller, and leaves
 * the run only after the wrapper has returned: what the wrapper throws after its task is recorded
 * while the run cannot have ended. A thread that helps a run it did not start (joining its future,
 * reading its stream from inside another run's item) helps inside that run's wrapper too; the
 * caller of a nested run, which made the capture, helps as it is.
 *
 * <p>Happens-before. A worker writes an item's result into the outcome array, then leaves through
 * the worker set's lock; the thread that sees the run quiescent took that lock after it (or the
 * lifecycle's lock, released after it), so every result written happens-before {@link #outcomes()}.
 * Streaming chunks are published through the window's lock, failures through the lifecycle's lock.
 *
 * <p>Nested runs. A thread that is itself a worker and starts a run, waits for a streamed result or
 * joins an asynchronous run helps it ({@link #help()}), as {@code ForkJoinPool}'s join does, so
 * nested runs progress even when every thread of the executor waits for them. A synchronous run
 * nested deeper than {@link SharedPools#MAX_DEPTH_ADDING_THREADS} on a shared pool starts no
 * worker: its calling thread runs every item, so the threads nesting takes are bounded by the
 * parallelism of the outer levels. A run nested deeper than {@link #MAX_NESTING_DEPTH} fails at
 * once with a {@link StackOverflowError}, which every enclosing run passes on as the error it is:
 * so a method that calls its own driver without end ends as plain recursion does, on a few threads,
 * and with the stack room the runtime needs to end each run.
 *
 * <p>Slots. A worker holds one slot from the moment it enters until it leaves, and a worker that
 * waits (an item's backoff, a rate-limit permit, a nested run it helps or joins) keeps it: nothing
 * ever waits for a slot, since on a caller's pool that cannot grow the one to return it could be a
 * task queued behind the waiter ({@link WorkerSet}). A worker that gives its slot up closes its
 * state first. So at most the parallelism of workers, and of the state they make, exist at once. To
 * keep the cores busy in CPU mode, an item that must back off is deferred to the end of its
 * worker's chunk instead ({@link Attempts}); at a parallelism of 1 it is tried again before the
 * next item, as in a {@code for} loop.
 *
 * <p>Whose interrupt. What an item throws is the run's own cancellation only when that thread was
 * interrupted by this run, or, for a thread that works for a nested run (a helping caller, or a
 * worker that a direct executor runs inline on an enclosing worker's thread), by an enclosing run
 * or by the item timer of the enclosing attempt ({@link Worker#enclosingRunInterrupted}): the
 * nested run is then cancelled, not failed by an item that never started. Never by the type of the
 * exception alone, so a {@code SocketTimeoutException} is an item's failure like any other and is
 * retried when the policy lists it. An item timeout that fires while its attempt helps a nested run
 * thereby cancels that run, as the enclosing run's stop would.
 *
 * <p>Streaming runs. Results are handed over chunk by chunk through the {@link StreamWindow}; a
 * completion-order run's chunks hold one item each, so each result is handed over when its own item
 * is done. At parallelism 1 a lazy input is read one item at a time ({@link ChunkDispenser}).
 */
final class Run {
  /** What the run keeps of each item's outcome. */
  enum Kind {
    /** Values, fail-fast. */
    LIST,
    /** Nothing, fail-fast (void methods). */
    VOID,
    /** Values and failures; every item is attempted. */
    ALL,
    /** Values handed to a consumer in order while the run goes on, fail-fast. */
    STREAM,
    /** Values handed to a consumer as they are done, with their index, fail-fast. */
    COMPLETED
  }

  private final Lifecycle lifecycle = new Lifecycle();
  private final Source source;
  private final long size;
  private final Outcomes outcomes;
  private final StreamWindow window;
  private final WorkerSet workers;
  private final ChunkDispenser dispenser;
  private final ChunkRunner runner;
  private final ProgressReporter progress;
  private final WorkerLoop workerLoop;

  /** True when the calling thread waits for the run and finishes it (synchronous runs). */
  private final boolean callerFinishes;

  /** How deeply this run is nested in items of other runs: 1 for a run started outside any. */
  private final int nestingDepth = Worker.nestingDepth();

  /**
   * True when this synchronous nested run is too deep to add threads to the shared pool: its
   * calling thread, which helps, is its only worker.
   */
  private final boolean callerRunsAlone;

  /** Asynchronous runs: completes the future; set before {@link #start}. */
  private Runnable whenFinished;

  /**
   * Wraps each worker task in the context captured from the thread that made the run, or null.
   * Captured once, here, because workers are also started later from other workers' threads.
   */
  private final UnaryOperator<Runnable> context;

  /** The flight recorder's event of this run, begun when it was made; null when not recording. */
  private final RunEvent event;

  private final RunOptions options;
  private final int parallelism;
  private final IndexedItemFunction<Object, Object> call;

  /**
   * When the run was made, as {@link System#nanoTime()} reads it: its deadline counts from here, so
   * that the time spent asking a cluster for its parallelism is part of the run's time.
   */
  private final long madeNanos = System.nanoTime();

  Run(
      RunOptions options,
      Source source,
      IndexedItemFunction<Object, Object> call,
      Kind kind,
      boolean callerFinishes) {
    if (nestingDepth > MAX_NESTING_DEPTH) {
      throw nestedTooDeep(source);
    }
    RunEvent recording = new RunEvent();
    if (recording.isEnabled()) {
      recording.begin();
      this.event = recording;
    } else {
      this.event = null;
    }
    this.context = capture(options.context(), source);
    this.options = options;
    this.call = call;
    Cluster cluster = options.cluster();
    if (cluster != null) {
      if (call instanceof PerWorkerCall) {
        throw new IllegalArgumentException(
            "state per worker (@WorkerLocal, loopPerWorker) does not apply to a run on a cluster"
                + " yet: its workers only wait for the members, which run the items");
      }
      ClusterChunkRunner.requireSerializable(call);
      if (!options.resilience().none()) {
        // Members run chunks with their own item loop, which knows nothing of these options yet:
        // refuse them rather than ignore them.
        throw new IllegalArgumentException(
            "itemTimeout, retry and rateLimit do not apply to a run on a cluster yet, were"
                + options.resilience().toString().substring(1));
      }
    }
    int parallelism =
        options.parallelism() > 0
            ? options.parallelism()
            : cluster != null
                ? ClusterParallelism.ask(cluster, options.timeout(), madeNanos)
                : SharedPools.defaultParallelism(options.mode());
    // A cluster's workers only wait for their members: IO threads suit them whatever the mode.
    Executor executor =
        options.executor() != null
            ? options.executor()
            : SharedPools.executor(cluster != null ? Mode.IO : options.mode());
    RunOptions.requireUsable(executor);
    this.parallelism = parallelism;
    this.source = source;
    this.size = source.size();
    this.callerFinishes = callerFinishes;
    this.callerRunsAlone =
        callerFinishes
            && nestingDepth > SharedPools.MAX_DEPTH_ADDING_THREADS
            && options.executor() == null
            && cluster == null;
    this.window =
        kind == Kind.STREAM || kind == Kind.COMPLETED
            ? new StreamWindow(parallelism, kind == Kind.COMPLETED)
            : null;
    this.outcomes =
        switch (kind) {
          case STREAM, COMPLETED -> window;
          case VOID -> new Outcomes.None();
          case LIST, ALL -> source.indexed() ? new Outcomes.Indexed(size) : new Outcomes.Chunked();
        };
    this.workers = new WorkerSet(executor, parallelism, lifecycle);
    this.dispenser = new ChunkDispenser(source, parallelism, outcomes, this);
    this.runner =
        cluster != null
            ? new ClusterChunkRunner(this, source, call, kind != Kind.ALL, cluster)
            : new ItemLoop(this, source, call, kind != Kind.ALL, options);
    this.progress =
        new ProgressReporter(options.listener(), size, System.nanoTime(), f -> stop(f, true));
    this.workerLoop = new WorkerLoop(this, dispenser, runner, outcomes, window, progress);
  }

  /**
   * A run nested in more than this many runs' items is taken for a method that calls its own loop
   * without end: it fails at once with the {@link StackOverflowError} such a recursion ends in
   * anyway, while the stack still has room for the runs it is nested in to end cleanly (an overflow
   * inside the runtime's own code could leave a class unusable for the rest of the JVM's life).
   */
  static final int MAX_NESTING_DEPTH = 128;

  private static StackOverflowError nestedTooDeep(Source source) {
    StackOverflowError tooDeep =
        new StackOverflowError(
            "runs nested more than "
                + MAX_NESTING_DEPTH
                + " deep: does an item call its own loop without end?");
    try {
      source.close();
    } catch (Throwable alsoThrown) {
      tooDeep.addSuppressed(alsoThrown);
    }
    return tooDeep;
  }

  /**
   * Calls the propagator's capture on the calling thread. What it throws reaches the caller as it
   * is, before any item starts; a stream input is closed first.
   */
  private static UnaryOperator<Runnable> capture(ContextPropagator propagator, Source source) {
    if (propagator == null) {
      return null;
    }
    try {
      return Objects.requireNonNull(
          propagator.capture(), "ContextPropagator.capture() returned null");
    } catch (Throwable thrown) {
      try {
        source.close();
      } catch (Throwable alsoThrown) {
        thrown.addSuppressed(alsoThrown);
      }
      throw thrown;
    }
  }

  Lifecycle lifecycle() {
    return lifecycle;
  }

  WorkerSet workers() {
    return workers;
  }

  long total() {
    return size;
  }

  StreamWindow window() {
    return window;
  }

  int nestingDepth() {
    return nestingDepth;
  }

  void whenFinished(Runnable action) {
    this.whenFinished = action;
  }

  /**
   * Starts the run: reports the start, arms the deadline and hands out the first workers. When
   * {@code callerHelps} (the calling thread is itself a worker of another run), the calling thread
   * then works on the items too, until none is left for it.
   */
  void start(boolean callerHelps, Duration timeout) {
    progress.start();
    if (timeout != null) {
      lifecycle.armDeadline(
          timeLeft(timeout),
          () -> stopOnSharedThread(Failures.timeout(timeout, progressText()), true));
    }
    if (dispenser.exhausted()) {
      if (workers.quiesceIfIdle(() -> true)) {
        onQuiescent(null);
      }
      return;
    }
    Worker helper = null;
    if (callerHelps) {
      helper = new Worker(null);
      if (!workers.enter(helper)) {
        helper = null;
      }
    }
    int wanted = size >= 0 ? (int) Math.min(workers.parallelism(), size) : 1;
    // A helper holds a slot too: reserveSlot never lets the total pass the parallelism.
    for (int i = helper != null ? 1 : 0; i < wanted && !lifecycle.stopped(); i++) {
      if (!addWorkerIfUseful()) {
        break;
      }
    }
    if (helper != null) {
      workerLoop.run(helper);
    }
  }

  /** What is left of {@code timeout} since the run was made; zero once it has passed. */
  private Duration timeLeft(Duration timeout) {
    Duration spent = Duration.ofNanos(System.nanoTime() - madeNanos);
    return timeout.compareTo(spent) > 0 ? timeout.minus(spent) : Duration.ZERO;
  }

  /**
   * Lets the current thread, a worker of another run that waits for this one (joins its future,
   * reads its stream), work on this run's items until none is left for it. It does so inside this
   * run's context wrapper: the thread has the context of the run it works for, not this one's.
   * Returns whether it ran any item.
   */
  boolean help() {
    if (lifecycle.stopped()) {
      return false;
    }
    if (context != null) {
      return new InContext(true).help();
    }
    Worker helper = new Worker(null);
    if (!workers.enter(helper)) {
      return false;
    }
    return workerLoop.run(helper) > 0;
  }

  /** Starts one more worker if it would find work and the parallelism has room; true if so. */
  boolean addWorkerIfUseful() {
    if (callerRunsAlone
        || !workers.reserveSlot(size, dispenser.remaining(), dispenser.exhausted())) {
      return false;
    }
    spawnWorker();
    return true;
  }

  private void spawnWorker() {
    workers.spawn(
        context == null
            ? new Runnable() {
              @Override
              public void run() {
                Worker worker = new Worker(this);
                if (workers.enter(worker)) {
                  workerLoop.run(worker);
                }
              }
            }
            : new InContext(false),
        this::spawnFailed);
  }

  /**
   * A worker run inside the caller's context: a worker task, or a thread that helps this run while
   * it waits for it ({@link #help()}). The wrapper is the caller's code: whatever it throws fails
   * the run, and a wrapper that never runs the task cannot leave the run waiting for a worker that
   * never comes.
   *
   * <p>The worker leaves the run only once the wrapper has returned: what the wrapper throws after
   * its task is recorded while the worker still counts as inside, so before the run can be
   * quiescent and its outcome settled. (A wrapper that runs the task on another thread, which the
   * contract forbids, gets a worker that leaves on that thread as soon as its task is done.)
   */
  private final class InContext implements Runnable {
    private final boolean helps;

    /** Set by the first run of the task, or once the wrapper returned without running it. */
    private final AtomicBoolean taken = new AtomicBoolean();

    /** The worker that entered on the wrapper's own thread, to leave once the wrapper returned. */
    private Worker stayed; // confined to that thread

    private volatile int chunks;

    InContext(boolean helps) {
      this.helps = helps;
    }

    @Override
    public void run() {
      Throwable thrown = runWrapped();
      if (taken.compareAndSet(false, true)) { // never ran: a later run of the task enters nothing
        boolean heldSlot = workers.abandon(this);
        if (heldSlot || thrown != null) {
          workerCloseOrContextFailed(Failures.context(thrown));
        }
        if (workers.quiesceIfIdle(dispenser::exhausted)) {
          onQuiescent(null);
        }
        return;
      }
      afterWrapper(thrown);
    }

    boolean help() {
      Throwable thrown = runWrapped();
      if (taken.compareAndSet(false, true)) {
        // The wrapper returned without running the helper: the run fails, as when it drops a
        // worker task, rather than leave the waiting thread waiting for workers that may be
        // queued behind it.
        workerCloseOrContextFailed(Failures.context(thrown));
        return false;
      }
      afterWrapper(thrown);
      return chunks > 0;
    }

    private Throwable runWrapped() {
      Thread wrapperThread = Thread.currentThread();
      try {
        context.apply(() -> enterAndWork(wrapperThread)).run();
        return null;
      } catch (Throwable t) {
        return t;
      }
    }

    private void enterAndWork(Thread wrapperThread) {
      if (!taken.compareAndSet(false, true)) {
        return; // a wrapper that runs its task twice: once is all a worker may
      }
      Worker worker = new Worker(helps ? null : this);
      if (!workers.enter(worker)) {
        return;
      }
      if (Thread.currentThread() == wrapperThread) {
        chunks = workerLoop.work(worker);
        stayed = worker;
      } else {
        chunks = workerLoop.run(worker);
      }
    }

    private void afterWrapper(Throwable thrown) {
      if (thrown != null) {
        workerCloseOrContextFailed(Failures.context(thrown));
      }
      Worker worker = stayed;
      if (worker != null) {
        stayed = null;
        workerLoop.leave(worker);
      }
    }
  }

  /** A worker's close of its own state threw: the run fails, or the failure is kept on it. */
  void workerCloseFailed(Throwable thrown) {
    workerCloseOrContextFailed(Failures.workerClose(thrown));
  }

  private void workerCloseOrContextFailed(Throwable failure) {
    if (!lifecycle.stop(failure, true)) {
      // Already stopped: kept for the end (attached to the failure, or logged), unless the outcome
      // is settled (a worker that was stuck in the input and came back after the end).
      if (!lifecycle.keepForLog(failure)) {
        log(failure);
      }
    }
    interruptWorkers(false);
  }

  void spawnFailed(Throwable thrown, boolean noWorkerLeft) {
    if (thrown instanceof RejectedExecutionException rejected) {
      if (noWorkerLeft) { // else the run goes on with the workers it has
        stop(Failures.rejected(rejected), true);
      }
    } else {
      stop(Failures.executorFailed(thrown), true);
    }
  }

  /**
   * The thread of a helping caller was interrupted (by its own caller, or by the run it works for):
   * the run is cancelled as when a waiting caller is interrupted, and the flag stays set.
   */
  void callerInterrupted() {
    Thread.currentThread().interrupt();
    waitInterrupted();
  }

  /**
   * A thread waiting for the run (its caller, a stream's reader) was interrupted: the run is
   * cancelled, and its workers are interrupted again, however often that comes.
   */
  void waitInterrupted() {
    lifecycle.stopBySignal(Failures.interrupted(progressText()));
    interruptWorkers(false);
  }

  /**
   * Stops the run with a cause (null for a plain cancel): no item starts any more and the user code
   * the run is in (items, a worker's close, a wrapper, helpers) is interrupted. Every call
   * interrupts again, even when the run had stopped already: code that cleared the first interrupt
   * (a close) or ignored it gets another one with each new request to stop.
   *
   * @param keepIfLate whether the cause is kept as suppressed if the run already stopped
   */
  void stop(Throwable cause, boolean keepIfLate) {
    lifecycle.stop(cause, keepIfLate);
    interruptWorkers(false);
  }

  /** Cancels the run without a failure and without waiting: a closed result stream, a future. */
  void cancel() {
    stop(null, false);
  }

  /**
   * Cancels the run of a result stream dropped unclosed, on the cleaner's thread, which every run
   * shares: like {@link #cancel()}, but the run's end is finished elsewhere.
   */
  void cancelAbandoned() {
    stopOnSharedThread(null, false);
  }

  /**
   * Stops the run from a thread that the runtime shares between runs (the deadline's, the
   * cleaner's): runs no user code there, so that one run's slow {@code onFinish} or {@code close()}
   * cannot hold another run's deadline or item timeout. If stopping leaves the run to be finished
   * and no caller waits to finish it, a thread of the run's own does ({@link #finishElsewhere}).
   */
  private void stopOnSharedThread(Throwable cause, boolean signal) {
    if (signal) {
      lifecycle.stopBySignal(cause);
    } else {
      lifecycle.stop(cause, false);
    }
    interruptWorkers(true);
  }

  /**
   * Interrupts every worker inside the run; if none is left, the run is quiescent and is ended:
   * here, or, from a shared thread, by its caller or a thread of its own.
   */
  private void interruptWorkers(boolean onSharedThread) {
    if (window != null) {
      window.wake();
    }
    if (!workers.interruptAll(dispenser::exhausted)) {
      return;
    }
    if (onSharedThread && !callerFinishes) {
      lifecycle.markQuiescent();
      finishElsewhere();
    } else {
      onQuiescent(null);
    }
  }

  /**
   * Finishes a quiescent run on a thread of its own: a task on the shared pool when the run uses it
   * (its {@code execute} runs none of the caller's code, and the pool grows), else a new
   * short-lived thread. Never a task on the caller's executor: its {@code execute} is the caller's
   * code, and a fixed pool might queue the task behind a thread that waits for this very run (an
   * item of another run joining it) and never let it finish.
   */
  private void finishElsewhere() {
    // Once: a pool whose execute threw may have run the task all the same.
    AtomicBoolean once = new AtomicBoolean();
    Runnable finishing =
        () -> {
          if (once.compareAndSet(false, true)) {
            finish(null);
          }
        };
    if (workers.executeOnSharedPool(finishing)) {
      return;
    }
    try {
      SharedPools.startShortLived(finishing);
    } catch (Throwable noThread) { // OutOfMemoryError: better late, here, than never
      finishing.run();
    }
  }

  /**
   * Every worker has left. A synchronous run's caller is woken to finish it; other runs are
   * finished here, by the worker that left last or the thread that stopped the run.
   */
  void onQuiescent(Worker last) {
    if (callerFinishes) {
      if (last != null) {
        workers.taskEnding(last); // idle before the caller can see the end and start another run
      }
      lifecycle.markQuiescent();
      return;
    }
    lifecycle.markQuiescent();
    finish(last);
  }

  /**
   * Ends the run once it is quiescent: withdraws unstarted tasks, closes the input, reports the end
   * and publishes the outcome. Exactly once; nothing it calls can escape.
   */
  private void finish(Worker last) {
    workers.withdrawUnstarted();
    List<Throwable> problems = new ArrayList<>();
    try {
      source.close();
    } catch (Throwable e) {
      problems.add(e);
    }
    progress.finish(ending());
    Throwable listenerFailure = progress.listenerFailure();
    if (listenerFailure != null) {
      problems.add(listenerFailure);
    }
    if (last != null && whenFinished == null) {
      workers.taskEnding(last);
    }
    // Logged and recorded before the run counts as finished, so both happen-before its caller
    // returns (a streaming run's close, an asynchronous run's future).
    for (Throwable unseen : lifecycle.settle(problems)) {
      log(unseen);
    }
    record();
    lifecycle.markFinished();
    if (window != null) {
      window.wake();
    }
    if (whenFinished != null) {
      whenFinished.run();
    }
  }

  /**
   * How the run ended, for the listener's last call. A stream closed after its last item stopped a
   * run that had nothing left to do: that run is done, not cancelled.
   */
  private Ending ending() {
    if (!lifecycle.stopped()) {
      return Ending.done();
    }
    Throwable failure = lifecycle.failure();
    if (failure == null && size >= 0 && progress.completed() >= size) {
      return Ending.done();
    }
    if (failure == null || lifecycle.stoppedBySignal()) {
      return Ending.stoppedBy(failure); // cancelled, or the run's own deadline or interrupt
    }
    // Whatever its cause: a TimeoutException from a worker's close is no deadline of the run.
    long index = failure instanceof ParallelForException pfe ? Math.max(-1, pfe.index()) : -1;
    return new Ending(Ending.Kind.FAILED, index, Optional.of(failure));
  }

  /** Commits the run's flight recorder event, if one is recording; never throws. */
  private void record() {
    RunEvent recording = event;
    if (recording == null) {
      return;
    }
    try {
      recording.end();
      if (!recording.shouldCommit()) {
        return;
      }
      recording.name = options.name();
      recording.method = options.method() != null ? options.method() : functionName(call);
      recording.mode = options.mode().name();
      recording.parallelism = parallelism;
      recording.items = progress.completed();
      recording.failed = progress.failed();
      recording.outcome = outcome(ending(), recording.failed);
      recording.commit();
    } catch (Throwable ignored) {
      // Best effort: the outcome is published already, and recording must not change it.
    }
  }

  private static String functionName(IndexedItemFunction<Object, Object> call) {
    return call instanceof PerWorkerCall perWorker
        ? perWorker.factoryClassName()
        : call.getClass().getName();
  }

  /** The flight recorder's outcome of a run that ended so, told as its listener was told. */
  static String outcome(Ending ending, long failedItems) {
    return switch (ending.kind()) {
      case DONE -> failedItems > 0 ? "ITEMS_FAILED" : "SUCCEEDED";
      case TIMED_OUT -> "TIMED_OUT";
      case CANCELLED -> ending.failure().isPresent() ? "INTERRUPTED" : "CANCELLED";
      case FAILED -> "FAILED";
    };
  }

  private static void log(Throwable problem) {
    try {
      System.getLogger(Run.class.getName())
          .log(
              System.Logger.Level.WARNING,
              "a progress listener, the input's close() or a worker's own state's close() threw"
                  + " after the run was cancelled or had succeeded; the run's results are kept",
              problem);
    } catch (Throwable ignored) {
      // Logging must not break the run either.
    }
  }

  /**
   * The calling thread of a synchronous run: waits until every worker has left, then finishes the
   * run. An interrupt cancels the run, and each further one interrupts its workers again; the wait
   * goes on until they stopped, and the flag is restored.
   */
  void awaitAndFinish() {
    lifecycle.await(false, this::waitInterrupted);
    finish(null);
  }

  /** Waits until the run has finished (streaming and asynchronous runs); as interruptible. */
  void awaitFinished() {
    lifecycle.await(true, this::waitInterrupted);
  }

  /** After the run finished: throws its failure, if any, as the caller should see it. */
  void throwIfFailed() {
    Throwable failure = lifecycle.failure();
    if (failure != null) {
      throw Failures.rethrow(failure);
    }
  }

  Throwable failure() {
    return lifecycle.failure();
  }

  /** After a successful finish: every kept outcome in input order. */
  Object[] outcomes() {
    return outcomes.collect();
  }

  String progressText() {
    return progress.completed() + " of " + (size < 0 ? "?" : Long.toString(size)) + " items done";
  }
}
