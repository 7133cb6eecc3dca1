package dev.parallelfor.runtime.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * Whether a worker that stays RUNNABLE deep into one chunk is blocked in native code (a socket read
 * on a platform thread, say) or computing: {@link Thread#getState()} says RUNNABLE for both. It is
 * blocked when the JVM finds its thread inside a native method and, where the JVM measures threads'
 * CPU time, the thread has spent less than half the time since this chunk was first looked at on a
 * CPU. A thread that runs Java code is never inside a native method, however loaded the machine, so
 * long CPU-bound items never pass for blocked ones; the CPU time keeps a long native computation
 * (compressing a large buffer, say) from passing for one on a quiet machine.
 *
 * <p>One per worker, confined to its run's growth controller ({@link BlockingGrowth}), whose ticks
 * run one after another. The JVM's thread management is loaded only once some worker stalls, so
 * runs whose chunks are short never load it.
 */
final class StallProbe {
  private final Thread thread;

  /** The start of the chunk looked at ({@link Worker#chunkSince}), 0 before the first look. */
  private long chunk;

  /** When that chunk was first looked at. */
  private long firstLook;

  /** The thread's CPU time then, or -1 if unknown. */
  private long cpuAtFirstLook;

  private long nextLook;
  private boolean blocked;

  StallProbe(Thread thread) {
    this.thread = thread;
  }

  /**
   * Whether the worker is blocked in native code in the chunk it began at {@code chunkSince} (0:
   * none). The first look at a chunk only takes note, and says not blocked; the thread is looked at
   * again every {@code interval}, and the last verdict holds in between.
   */
  boolean blockedInNative(long chunkSince, long now, long interval) {
    if (chunkSince == 0) {
      return false;
    }
    if (chunk != chunkSince) {
      chunk = chunkSince;
      firstLook = now;
      cpuAtFirstLook = Threads.cpuNanos(thread);
      nextLook = now + interval;
      blocked = false;
      return false;
    }
    if (now - nextLook >= 0) {
      nextLook = now + interval;
      long cpu = Threads.cpuNanos(thread);
      boolean mostlyOffCpu =
          cpu < 0 || cpuAtFirstLook < 0 || 2 * (cpu - cpuAtFirstLook) < now - firstLook;
      blocked = mostlyOffCpu && Threads.inNative(thread);
    }
    return blocked;
  }

  /** The JVM's thread management, loaded on first use. */
  private static final class Threads {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME =
        MX.isThreadCpuTimeSupported() && MX.isThreadCpuTimeEnabled();

    /** Whether the thread is executing a native method (without stopping it: no stack is taken). */
    static boolean inNative(Thread thread) {
      ThreadInfo info = MX.getThreadInfo(thread.getId());
      return info != null && info.isInNative();
    }

    /** The CPU time the thread has used, or -1 if this JVM does not measure it. */
    static long cpuNanos(Thread thread) {
      return CPU_TIME ? MX.getThreadCpuTime(thread.getId()) : -1;
    }
  }
}
