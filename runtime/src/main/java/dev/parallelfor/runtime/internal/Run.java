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
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import jdk.jfr.FlightRecorder;

/**
 * One execution of a loop: a few long-lived workers (at most the parallelism) that claim chunks of
 * consecutive items, run them, and store each result at its index. Puts the run's parts together,
 * and owns what belongs to the run as a whole: stopping it, ending it once, and what its caller
 * waits for. How the parts fit, which lock guards what, and how items are scheduled is told in the
 * package's implementation overview ({@code package-info.java}).
 *
 * <p>The parts see the run only through the views it gives them: {@link Stopper} (the dispenser and
 * the chunk runners) and {@link RunControl} (the worker loop and the worker starter).
 */
final class Run implements RunControl {
  // What the run keeps of each item's outcome, its kind: int constants rather than an enum, whose
  // class every program's first run would load and initialize.

  /** Values, fail-fast. */
  static final int LIST = 0;

  /** Nothing, fail-fast (void methods). */
  static final int VOID = 1;

  /** Values and failures; every item is attempted. */
  static final int ALL = 2;

  /** Values handed to a consumer in order while the run goes on, fail-fast. */
  static final int STREAM = 3;

  /** Values handed to a consumer as they are done, with their index, fail-fast. */
  static final int COMPLETED = 4;

  private final Lifecycle lifecycle = new Lifecycle();
  private final Source source;
  private final long size;
  private final Outcomes outcomes;
  private final StreamWindow window;
  private final WorkerSet workers;
  private final ChunkDispenser dispenser;
  private final ProgressReporter progress;
  private final WorkerStarter starter;

  /** Grows the workers of an IO run on platform threads while its items block; else null. */
  private final BlockingGrowth growth;

  /** True when the calling thread waits for the run and finishes it (synchronous runs). */
  private final boolean callerFinishes;

  /** How deeply this run is nested in items of other runs: 1 for a run started outside any. */
  private final int nestingDepth = Worker.nestingDepth();

  /** Asynchronous runs: completes the future; set before {@link #start}. */
  private Runnable whenFinished;

  /**
   * The flight recorder's event of this run, begun when it was made; null when not recording (and
   * then its class is never loaded, see {@link #recordingPossible()}).
   */
  private final RunEvent event;

  /** The run's hold on its checkpoint, or null when it has none. */
  private final Journaling journaling;

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
      int kind,
      boolean callerFinishes) {
    if (nestingDepth > MAX_NESTING_DEPTH) {
      throw nestedTooDeep(source);
    }
    boolean recordable = recordingPossible();
    this.event = recordable ? RunEvent.begun() : null;
    // Captured once, here, because workers are also started later from other workers' threads.
    UnaryOperator<Runnable> context = capture(options.context(), source);
    this.options = options;
    this.call = call;
    Cluster cluster = options.cluster();
    if (cluster != null) {
      ClusterChunkRunner.requireRunnable(call, options.resilience());
    }
    int parallelism =
        options.parallelism() > 0
            ? options.parallelism()
            : cluster != null
                ? ClusterParallelism.ask(cluster, options.timeout(), madeNanos)
                : SharedPools.defaultParallelism(options.mode());
    // A cluster's workers only wait for their members: IO threads suit them whatever the mode.
    Executor executor;
    if (options.executor() != null) {
      executor = options.executor();
      RunOptions.requireUsable(executor); // its rejection policy may have changed since
    } else { // the shared pools are usable, and asking would load ThreadPoolExecutor for nothing
      executor = SharedPools.executor(cluster != null ? Mode.IO : options.mode());
    }
    this.parallelism = parallelism;
    this.source = source;
    this.size = source.size();
    this.callerFinishes = callerFinishes;
    this.window =
        kind == STREAM || kind == COMPLETED
            ? new StreamWindow(parallelism, kind == COMPLETED)
            : null;
    // Not a switch on the kind: that would load a class of its own (the switch's map) on every
    // first run.
    this.outcomes =
        window != null
            ? window
            : kind == VOID
                ? new Outcomes.None()
                : source.indexed() ? new Outcomes.Indexed(size) : new Outcomes.Chunked();
    ChunkSizing sizing = ChunkSizing.of(parallelism, size, !source.indexed(), kind, cluster);
    this.workers = new WorkerSet(executor, parallelism, lifecycle);
    this.dispenser = new ChunkDispenser(source, sizing, outcomes, lifecycle, workers, this);
    boolean failFast = kind != ALL;
    ChunkRunner runner =
        cluster != null
            ? new ClusterChunkRunner(this, lifecycle, source, call, failFast, cluster)
            : new ItemLoop(this, lifecycle, source, call, failFast, options, parallelism);
    // Checked here so that a run without a checkpoint loads none of its classes.
    this.journaling = options.checkpoint() == null ? null : Journaling.of(options, size);
    if (journaling != null) { // decided once here: a run without a checkpoint pays nothing
      runner = new JournaledChunks(runner, this, lifecycle, source, journaling, kind != VOID);
    }
    this.progress = new ProgressReporter(options.listener(), size, System.nanoTime(), this);
    WorkerLoop loop =
        new WorkerLoop(
            this,
            lifecycle,
            workers,
            dispenser,
            runner,
            sizing,
            window,
            progress,
            nestingDepth,
            recordable,
            callerFinishes);
    boolean callerRunsAlone =
        callerFinishes
            && nestingDepth > SharedPools.MAX_DEPTH_ADDING_THREADS
            && options.executor() == null
            && cluster == null;
    this.starter =
        new WorkerStarter(workers, loop, dispenser, lifecycle, this, context, callerRunsAlone);
    this.growth =
        options.mode() == Mode.IO
                && options.executor() == null
                && cluster == null
                && !callerRunsAlone
                && !SharedPools.virtualThreads()
            ? newBlockingGrowth(sizing)
            : null;
    if (journaling != null) {
      open(journaling, source);
    }
  }

  /**
   * Opens the checkpoint, last, once nothing else can refuse the run: what it throws reaches the
   * caller as it is, before any item starts; the input is closed first.
   */
  private static void open(Journaling journaling, Source source) {
    try {
      journaling.open();
    } catch (Throwable thrown) {
      try {
        source.close();
      } catch (Throwable alsoThrown) {
        thrown.addSuppressed(alsoThrown);
      }
      throw thrown;
    }
  }

  /**
   * Whether the run's flight-recorder events could be wanted at all. No recording can run before
   * the JVM's flight recorder is initialized (a recording started at launch, by {@code jcmd PID
   * JFR.start}, or through the {@code jdk.jfr} API initializes it), and until then the engine does
   * not touch its event classes: loading the first one would initialize the recorder, about 100 ms
   * of a program's first run with no recording anywhere. Asked once per run, so a recording started
   * later sees every run that starts after it.
   */
  private static boolean recordingPossible() {
    return FlightRecorder.isInitialized();
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
    if (growth != null && !dispenser.exhausted()) {
      growth.start();
    }
    if (dispenser.exhausted()) {
      if (workers.quiesceIfIdle(dispenser)) {
        onQuiescent(null);
      }
      return;
    }
    starter.startFirst(callerHelps);
  }

  /** What is left of {@code timeout} since the run was made; zero once it has passed. */
  private Duration timeLeft(Duration timeout) {
    Duration spent = Duration.ofNanos(System.nanoTime() - madeNanos);
    return timeout.compareTo(spent) > 0 ? timeout.minus(spent) : Duration.ZERO;
  }

  /**
   * Lets the current thread, a worker of another run that waits for this one (joins its future,
   * reads its stream), work on this run's items until none is left for it. Returns whether it ran
   * any item.
   */
  boolean help() {
    return starter.help();
  }

  @Override
  public boolean addWorkerIfUseful() {
    return starter.addIfUseful();
  }

  private BlockingGrowth newBlockingGrowth(ChunkSizing sizing) {
    Growth asked = new Growth();
    return new BlockingGrowth(workers, lifecycle, asked, sizing);
  }

  /**
   * The run as its {@link BlockingGrowth} sees it, from the deadline thread: it asks for one more
   * worker ({@code getAsBoolean}, true if one was started). If the executor refuses a worker and no
   * worker is left, the run stops as its deadline stops it, and is ended by its caller or a thread
   * of its own. A class, not method references: an IO run's first call would otherwise pay the
   * JVM's first {@code invokedynamic} bootstrap.
   */
  private final class Growth implements BooleanSupplier, WorkerSet.FailureHandler {
    @Override
    public boolean getAsBoolean() {
      return starter.addIfUseful(this);
    }

    @Override
    public void spawnFailed(Throwable thrown, boolean noWorkerLeft) {
      if (noWorkerLeft) {
        stopOnSharedThread(
            thrown instanceof RejectedExecutionException rejected
                ? Failures.rejected(rejected)
                : Failures.executorFailed(thrown),
            false);
      }
    }
  }

  @Override
  public void workerCloseFailed(Throwable thrown) {
    workerCloseOrContextFailed(Failures.workerClose(thrown));
  }

  @Override
  public void contextFailed(Throwable thrown) {
    workerCloseOrContextFailed(Failures.context(thrown));
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

  @Override
  public void spawnFailed(Throwable thrown, boolean noWorkerLeft) {
    if (thrown instanceof RejectedExecutionException rejected) {
      if (noWorkerLeft) { // else the run goes on with the workers it has
        stop(Failures.rejected(rejected), true);
      }
    } else {
      stop(Failures.executorFailed(thrown), true);
    }
  }

  @Override
  public void callerInterrupted() {
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
  @Override
  public void stop(Throwable cause, boolean keepIfLate) {
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
    if (!workers.interruptAll(dispenser)) {
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
  @Override
  public void onQuiescent(Worker last) {
    if (callerFinishes) {
      lifecycle.markQuiescent(); // its workers' threads count as idle already (WorkerLoop.leave)
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
    if (growth != null) {
      growth.stop();
    }
    workers.withdrawUnstarted();
    List<Throwable> problems = new ArrayList<>();
    try {
      source.close();
    } catch (Throwable e) {
      problems.add(e);
    }
    if (journaling != null) {
      closeJournal();
    }
    if (progress.listens()) { // a run without a listener loads none of the ending's classes
      progress.finish(ending());
    }
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
    if (event != null) {
      event.endAndCommit(options, call, parallelism, progress, this::ending);
    }
    lifecycle.markFinished();
    if (window != null) {
      window.wake();
    }
    if (whenFinished != null) {
      whenFinished.run();
    }
  }

  /**
   * Closes the checkpoint once every worker has left (so after their last append). Unlike the
   * input's close, a failure here fails a run that had succeeded: its results may not all have
   * reached the device. After another failure it is suppressed on it; after a cancel, logged.
   */
  private void closeJournal() {
    Throwable failure = journaling.close();
    if (failure != null && !lifecycle.stop(failure, true) && !lifecycle.keepForLog(failure)) {
      log(failure);
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
    await(false);
    finish(null);
  }

  /** Waits until the run has finished (streaming and asynchronous runs); as interruptible. */
  void awaitFinished() {
    await(true);
  }

  private void await(boolean finishedToo) {
    boolean interrupted = false;
    while (!lifecycle.await(finishedToo)) {
      interrupted = true;
      waitInterrupted();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
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
