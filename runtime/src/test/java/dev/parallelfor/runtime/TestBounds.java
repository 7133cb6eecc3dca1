package dev.parallelfor.runtime;

import java.time.Duration;

/**
 * How long a test waits for something that should end (a run, a stream, a thread) before it calls
 * it a hang and fails. Long by default, so a slow machine does not fail a test that is right; the
 * mutation profile makes it short ({@code -Dparallelfor.test.hangSeconds}), so a mutant that parks
 * a run is caught by the test's own bound rather than outlasting it.
 */
public final class TestBounds {
  /** The bound given to {@code assertTimeoutPreemptively} around calls that must return. */
  public static final Duration HANG =
      Duration.ofSeconds(Long.getLong("parallelfor.test.hangSeconds", 30));

  private TestBounds() {}
}
