package dev.parallelfor.runtime.internal;

/**
 * Runs the items of one claimed chunk and records their outcomes in it. This is the seam between
 * the scheduling of a run (which chunk, which worker, when to stop) and where its items execute:
 * {@link ItemLoop} runs them on the worker's own thread; a backend that ships chunks elsewhere
 * implements the same contract.
 *
 * <p>Contract: called by one worker at a time per chunk; stores each item's outcome at {@code
 * chunk.out[chunk.outOffset + i]} when {@code out} is not null; sets {@link Chunk#attempted},
 * {@link Chunk#finished} and {@link Chunk#failed}; stops early once the run is stopped; reports
 * failures to the run (which decides fail-fast) and never throws for an item's failure. May set
 * {@link Chunk#busyNanos} to the time the items themselves took, when that differs from the time
 * the call took (a remote chunk's round trip).
 */
interface ChunkRunner {
  void run(Chunk chunk, Worker worker);
}
