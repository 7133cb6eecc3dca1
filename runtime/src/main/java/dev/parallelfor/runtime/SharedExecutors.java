package dev.parallelfor.runtime;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.internal.SharedPools;

/**
 * The executors that drivers use when given none: one per mode, shared by all runs, created on
 * first use. CPU mode runs on daemon platform threads named {@code parallelfor-cpu-N}; IO mode on
 * virtual threads named {@code parallelfor-io-N} where the JVM has them (Java 21+) and on daemon
 * platform threads of that name otherwise, which an IO run adds beyond the core count only while
 * its items block. Idle platform threads end after a minute (CPU) or a few seconds (IO).
 */
public final class SharedExecutors {
  private SharedExecutors() {}

  /**
   * The parallelism a driver of the mode uses when neither its annotation nor {@code
   * parallelism(int)} sets one: the core count for CPU; 1,024 for IO (on platform threads, reached
   * only while items block).
   *
   * @param mode the mode
   * @return the default number of items in flight
   */
  public static int defaultParallelism(Mode mode) {
    return SharedPools.defaultParallelism(mode);
  }

  /**
   * Whether IO mode runs on virtual threads in this JVM.
   *
   * @return true on Java 21 and later
   */
  public static boolean virtualThreads() {
    return SharedPools.virtualThreads();
  }

  /**
   * Releases the shared threads: idle ones end at once, busy ones when their run is done. Runs
   * started later create new executors, so calling this is always safe, for example when an
   * application or a test container shuts down.
   */
  public static void release() {
    SharedPools.release();
  }
}
