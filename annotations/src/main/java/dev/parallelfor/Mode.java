package dev.parallelfor;

/** Where and how the items of a {@link ParallelFor} method run. */
public enum Mode {
  /**
   * CPU-bound work: platform threads, one per core by default; tiny items are run in chunks so the
   * per-item overhead stays in the tens of nanoseconds.
   */
  CPU,
  /**
   * Blocking work (files, network, databases): many items in flight at once, on virtual threads
   * when the JVM has them (Java 21 and later) and on a large pool of platform threads otherwise.
   */
  IO
}
