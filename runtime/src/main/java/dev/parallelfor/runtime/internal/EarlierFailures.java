package dev.parallelfor.runtime.internal;

/**
 * The failures of an item's earlier attempts, as many as are worth keeping: the first few and the
 * last few. An item may be tried a million times (with no backoff, that is quick), and keeping
 * every failure, each with its stack trace, would run the JVM out of memory; the ones in between
 * are only counted, and the item's message says how many were dropped. Confined to the worker's
 * thread.
 */
final class EarlierFailures {
  /** How many failures are kept from the start, and how many from the end. */
  static final int KEPT_AT_EACH_END = 3;

  private final Throwable[] first = new Throwable[KEPT_AT_EACH_END];

  /** The latest failures after the first ones, a ring written at {@code (added - K) % K}. */
  private final Throwable[] last = new Throwable[KEPT_AT_EACH_END];

  private long added;

  void add(Throwable failure) {
    if (added < KEPT_AT_EACH_END) {
      first[(int) added] = failure;
    } else {
      last[(int) ((added - KEPT_AT_EACH_END) % KEPT_AT_EACH_END)] = failure;
    }
    added++;
  }

  /** How many failures were added but not kept. */
  long dropped() {
    return Math.max(0, added - 2L * KEPT_AT_EACH_END);
  }

  /** Attaches the kept failures to {@code failure} as suppressed, oldest first. */
  void attachTo(Throwable failure) {
    for (int i = 0; i < Math.min(added, KEPT_AT_EACH_END); i++) {
      attach(failure, first[i]);
    }
    long inRing = added - KEPT_AT_EACH_END; // how many were ever written to the ring
    for (long j = Math.max(0, inRing - KEPT_AT_EACH_END); j < inRing; j++) {
      attach(failure, last[(int) (j % KEPT_AT_EACH_END)]);
    }
  }

  private static void attach(Throwable to, Throwable earlier) {
    if (earlier != to) { // an item that throws the same instance every time
      to.addSuppressed(earlier);
    }
  }
}
