package dev.parallelfor.runtime.internal;

/**
 * What the workers' side of a run (the {@link WorkerLoop} and the {@link WorkerStarter}) may tell
 * the run: the view of the run they get, instead of the run itself. Everything here may be called
 * from any worker's thread, without locks held.
 */
interface RunControl extends Stopper, WorkerSet.FailureHandler {
  /** Starts one more worker if it would find work and the parallelism has room; true if so. */
  boolean addWorkerIfUseful();

  /** A worker's close of its own state threw: the run fails, or the failure is kept on it. */
  void workerCloseFailed(Throwable thrown);

  /**
   * The caller's context wrapper threw (null: it returned without running its task, which then held
   * a slot): the run fails, or the failure is kept on it.
   */
  void contextFailed(Throwable thrown);

  /**
   * The executor did not take a worker.
   *
   * @param noWorkerLeft whether the run is then left without any worker to run its items
   */
  @Override
  void spawnFailed(Throwable thrown, boolean noWorkerLeft);

  /**
   * Every worker has left: the run is ended, here or by its waiting caller.
   *
   * @param last the worker that left last, or null when no worker made the run quiescent
   */
  void onQuiescent(Worker last);
}
