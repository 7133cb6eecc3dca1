package dev.parallelfor.benchmarks;

import dev.parallelfor.Mode;
import dev.parallelfor.ParallelFor;

/**
 * The single-item methods every contender runs. Each exists twice, annotated for {@link Mode#CPU}
 * and {@link Mode#IO}, so that the processor writes one driver per mode (for example {@code
 * WorkloadsTinyDriver} and {@code WorkloadsTinyIoDriver}). The other contenders call the same
 * static methods through a plain function.
 */
public final class Workloads {
  /** Rounds of {@link #mix(long, int)} for a tiny item: about 20–25 ns on a current x86 core. */
  static final int TINY_ROUNDS = 12;

  /** Rounds of {@link #mix(long, int)} for a medium item: about 50 µs. */
  static final int MEDIUM_ROUNDS = 27_000;

  /** How long a blocking item sleeps, in milliseconds. */
  static final long BLOCK_MILLIS = 100;

  private Workloads() {}

  /**
   * A chain of dependent multiply-xorshift steps: the JIT cannot vectorise it, fold it away or
   * hoist it out of a loop, so its cost grows linearly with {@code rounds}.
   */
  static long mix(long x, int rounds) {
    long h = x;
    for (int i = 0; i < rounds; i++) {
      h = (h ^ (h >>> 31)) * 0x9E3779B97F4A7C15L + i;
    }
    return h;
  }

  /** Workload A: a tiny CPU item. */
  @ParallelFor(mode = Mode.CPU)
  static long tiny(long x) {
    return mix(x, TINY_ROUNDS);
  }

  /** Workload A in IO mode. */
  @ParallelFor(mode = Mode.IO)
  static long tinyIo(long x) {
    return mix(x, TINY_ROUNDS);
  }

  /** Workload B: a medium CPU item. */
  @ParallelFor(mode = Mode.CPU)
  static long medium(long x) {
    return mix(x, MEDIUM_ROUNDS);
  }

  /** Workload B in IO mode. */
  @ParallelFor(mode = Mode.IO)
  static long mediumIo(long x) {
    return mix(x, MEDIUM_ROUNDS);
  }

  /**
   * Workload C: an item that blocks, like a remote call, then returns its input. In CPU mode on
   * purpose, to show what the wrong mode costs, hence the suppressed warning.
   */
  @SuppressWarnings("parallelfor")
  @ParallelFor(mode = Mode.CPU)
  static long block(long x) throws InterruptedException {
    Thread.sleep(BLOCK_MILLIS);
    return x;
  }

  /** Workload C in IO mode, the mode meant for it. */
  @ParallelFor(mode = Mode.IO)
  static long blockIo(long x) throws InterruptedException {
    Thread.sleep(BLOCK_MILLIS);
    return x;
  }

  /** {@link #block(long)} for contenders whose functions cannot throw checked exceptions. */
  static long blockUnchecked(long x) {
    try {
      return block(x);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while blocking", e);
    }
  }
}
