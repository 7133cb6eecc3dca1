package dev.parallelfor.runtime.internal;

/**
 * The life of one worker inside a run: claim a chunk, start another worker if one would find work,
 * run the chunk, report it; until no chunk is left for this worker; then leave, and end the run if
 * it was the last one.
 */
final class WorkerLoop {
  private final RunControl run;
  private final Lifecycle lifecycle;
  private final WorkerSet workers;
  private final ChunkDispenser dispenser;
  private final ChunkRunner runner;
  private final ChunkSizing sizing;
  private final StreamWindow window;
  private final ProgressReporter progress;

  /** How deeply the run is nested in items of other runs ({@link Worker#nestingDepth()}). */
  private final int nestingDepth;

  /** Whether a recording may want chunk events; if not, their class is never loaded. */
  private final boolean recordable;

  /** Whether the run's caller waits for it and finishes it: a synchronous run. */
  private final boolean callerFinishes;

  /**
   * The loop every worker of one run runs.
   *
   * @param window the look-ahead of a streaming run, or null
   * @param recordable whether the flight recorder was initialized when the run was made ({@link
   *     Run#recordingPossible()})
   * @param callerFinishes whether the run's caller waits for it and finishes it
   */
  WorkerLoop(
      RunControl run,
      Lifecycle lifecycle,
      WorkerSet workers,
      ChunkDispenser dispenser,
      ChunkRunner runner,
      ChunkSizing sizing,
      StreamWindow window,
      ProgressReporter progress,
      int nestingDepth,
      boolean recordable,
      boolean callerFinishes) {
    this.run = run;
    this.lifecycle = lifecycle;
    this.workers = workers;
    this.dispenser = dispenser;
    this.runner = runner;
    this.sizing = sizing;
    this.window = window;
    this.progress = progress;
    this.nestingDepth = nestingDepth;
    this.recordable = recordable;
    this.callerFinishes = callerFinishes;
  }

  /** A worker inside the run claims and runs chunks until none is left for it, then leaves. */
  int run(Worker worker) {
    int chunks = work(worker);
    leave(worker);
    return chunks;
  }

  /**
   * Everything but leaving: claims and runs chunks, then closes the worker's state; the worker
   * still counts as inside the run, and {@link #leave} must follow on the same thread. A worker
   * started inside a context wrapper leaves only once the wrapper has returned, so that what the
   * wrapper throws after its task is recorded while the run cannot have ended yet. The run's
   * interrupt is cleared on the way out of here: what runs between this and leaving (the rest of
   * the wrapper) gets a clean chance, as a close does; a later stop interrupts it again.
   */
  int work(Worker worker) {
    int chunks = 0;
    worker.runDepth = nestingDepth;
    worker.enterThread();
    try {
      int[] why = new int[1];
      while (true) {
        Chunk chunk = dispenser.claim(worker, why);
        if (chunk == null) {
          if (why[0] == ChunkDispenser.FULL && !worker.helper()) {
            // Leave the slot to a worker the consumer starts; unless there is room again already.
            // A worker that retakes its slot makes its state again on its next item.
            giveUpSlot(worker);
            if (!window.full() && workers.retakeSlot(worker)) {
              continue;
            }
          } else if (why[0] == ChunkDispenser.INTERRUPTED) {
            interruptedWhileClaiming(worker);
          }
          break;
        }
        run.addWorkerIfUseful();
        ChunkEvent event = recordable ? ChunkEvent.begun() : null;
        long begin = System.nanoTime();
        worker.chunkSince = begin == 0 ? 1 : begin;
        runner.run(chunk, worker);
        worker.chunkSince = 0;
        long took = chunk.busyNanos >= 0 ? chunk.busyNanos : System.nanoTime() - begin;
        if (event != null) {
          event.endAndCommit(chunk);
        }
        sizing.adapt(worker, took, chunk.attempted);
        chunks++;
        if (window != null) {
          window.done(chunk);
        }
        progress.add(chunk.finished, chunk.failed, chunk.restored);
        if (worker.helper() && !worker.interruptedByRun && Thread.currentThread().isInterrupted()) {
          run.callerInterrupted();
        }
      }
    } catch (Throwable unexpected) {
      // Not an item's failure (those are caught per item) but the engine's, for example an
      // OutOfMemoryError while allocating a chunk: the run must fail, not hang or lose results.
      run.stop(Failures.unexpected(unexpected), true);
    } finally {
      closeLocals(worker);
      worker.leaveThread();
      if (worker.interruptedByRun) {
        Thread.interrupted();
      }
    }
    return chunks;
  }

  /**
   * The thread was interrupted while it waited for the input: by the run (it is stopping), by the
   * caller of a nested run this thread helps (the run is cancelled), or by the executor (shutting
   * down): the worker then leaves with its thread's flag kept, and the run goes on without it.
   */
  private void interruptedWhileClaiming(Worker worker) {
    if (lifecycle.stopped()) {
      return; // the run's own interrupt
    }
    if (worker.helper()) {
      run.callerInterrupted();
    } else {
      giveUpSlot(worker);
      Thread.currentThread().interrupt();
      // Someone else will have to run the items left. Started while this thread is still the
      // worker, so that a direct executor, which would run it on this very thread, does not.
      run.addWorkerIfUseful();
    }
  }

  /**
   * The worker gives its slot back while it is still inside the run (it is about to leave, or to
   * retake a slot only if one is free at once). Its state is closed first, so the worker started
   * for the slot never makes its own while this one's is still open: the parallelism bounds the
   * states too.
   */
  private void giveUpSlot(Worker worker) {
    closeLocals(worker);
    workers.releaseSlot(worker);
  }

  /**
   * Closes what the worker made for the run, while it still counts as inside it, so the run ends
   * only after every close. An interrupt the run sent to stop the items is cleared first: it was
   * meant for them, not for the close. Each later stop of the run (its caller interrupted, say)
   * interrupts the close again, so a close that blocks cannot hold a stopped run forever. A close
   * that throws fails the run.
   */
  private void closeLocals(Worker worker) {
    if (worker.locals == null) {
      return;
    }
    if (worker.interruptedByRun) {
      Thread.interrupted();
    }
    Throwable thrown;
    try {
      thrown = worker.closeLocals();
    } catch (Throwable unexpected) { // closeAll catches each close: only the engine's own
      thrown = unexpected;
    }
    if (thrown != null) {
      run.workerCloseFailed(thrown);
    }
  }

  /** The worker leaves the run; the last one out ends it. */
  void leave(Worker worker) {
    if (callerFinishes) {
      // The caller of a synchronous run may start its next run as soon as the last worker is out:
      // each worker's pool thread counts as idle before the worker leaves, so that the next run
      // finds the threads instead of starting new ones. Nothing of the caller's runs on this
      // thread afterwards: the caller finishes the run.
      workers.taskEnding(worker);
    }
    if (workers.exit(worker, dispenser)) {
      run.onQuiescent(worker);
      return;
    }
    Throwable refusal = workers.orphanedBy(dispenser.exhausted());
    if (refusal != null) {
      run.spawnFailed(refusal, true);
    }
    if (!callerFinishes) {
      workers.taskEnding(worker);
    }
  }
}
