package dev.parallelfor.runtime.internal;

/**
 * What a part of a run that meets a failure or an interrupt may do to the run: stop it. The view of
 * the run that its dispenser and chunk runners get, instead of the run itself.
 */
interface Stopper {
  /**
   * Stops the run with a cause (null for a plain cancel): no item starts any more and the user code
   * the run is in is interrupted, again on every call.
   *
   * @param keepIfLate whether the cause is kept as suppressed if the run already stopped
   */
  void stop(Throwable cause, boolean keepIfLate);

  /**
   * The thread that works for the run was interrupted by someone other than the run (the caller of
   * a nested run it helps, an enclosing run, its executor): the run is cancelled as when a waiting
   * caller is interrupted, and the thread's flag stays set.
   */
  void callerInterrupted();
}
