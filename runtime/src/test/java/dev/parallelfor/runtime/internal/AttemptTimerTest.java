package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelfor.runtime.TestBounds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The timeout of one attempt. The time-up is either waited for with a bounded blocking call that
 * only the timer's interrupt ends, or simulated by calling {@link AttemptTimer#run()} directly.
 */
class AttemptTimerTest {
  private static final long AN_HOUR = TimeUnit.HOURS.toNanos(1);

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void anAttemptThatEndsInTimeIsNotTimedOutNorInterrupted() {
    AttemptTimer timer = AttemptTimer.start(new Worker(null), AN_HOUR);

    assertThat(timer.end()).isFalse();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void anAttemptStillRunningWhenTheTimeIsUpIsInterrupted() {
    AttemptTimer timer = AttemptTimer.start(new Worker(null), TimeUnit.MILLISECONDS.toNanos(1));

    assertThatThrownBy(
            () -> {
              boolean released =
                  new CountDownLatch(1).await(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS);
              throw new AssertionError("not interrupted; the latch wait returned " + released);
            })
        .isInstanceOf(InterruptedException.class);
    assertThat(timer.end()).as("end() after the time-up").isTrue();
    assertThat(timer.end()).as("a second end()").isFalse();
  }

  @Test
  void theTimeUpInterruptsTheRunningAttemptOnceAndEndSaysSo() {
    AttemptTimer timer = AttemptTimer.start(new Worker(null), AN_HOUR);

    timer.run();
    assertThat(Thread.interrupted()).as("interrupted by the time-up").isTrue();
    timer.run();
    assertThat(Thread.interrupted()).as("interrupted by a second time-up").isFalse();

    assertThat(timer.end()).isTrue();
  }

  /**
   * A nested run that the timed-out attempt helps learns of the time-up through its worker's
   * enclosing one, as it learns of the enclosing run's own interrupt; the mark ends with the
   * attempt.
   */
  @Test
  void theTimeUpMarksTheWorkerForTheRunsNestedInTheAttemptUntilItEnds() {
    Worker outer = new Worker(null);
    outer.enterThread();
    Worker nested = new Worker(null);
    nested.enterThread();
    try {
      AttemptTimer timer = AttemptTimer.start(outer, AN_HOUR);
      assertThat(nested.enclosingRunInterrupted()).isFalse();

      timer.run();
      assertThat(outer.interruptedByTimer).isTrue();
      assertThat(nested.enclosingRunInterrupted()).isTrue();

      assertThat(timer.end()).isTrue();
      assertThat(outer.interruptedByTimer).isFalse();
      assertThat(nested.enclosingRunInterrupted()).isFalse();
    } finally {
      nested.leaveThread();
      outer.leaveThread();
    }
  }

  @Test
  void aTimeUpAfterTheAttemptEndedInterruptsNothing() {
    AttemptTimer timer = AttemptTimer.start(new Worker(null), AN_HOUR);

    assertThat(timer.end()).isFalse();
    timer.run();

    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(timer.end()).isFalse();
  }

  @Test
  void anAttemptThatEndsInTimeLeavesNothingInTheSchedulersQueue() {
    Set<Runnable> before = Collections.newSetFromMap(new IdentityHashMap<>());
    before.addAll(SharedPools.deadlines().getQueue());

    AttemptTimer timer = AttemptTimer.start(new Worker(null), AN_HOUR);
    // What starting the timer scheduled (a run left over from another test may add its own).
    List<Future<?>> added = new ArrayList<>();
    for (Runnable queued : SharedPools.deadlines().getQueue()) {
      if (!before.contains(queued)) {
        added.add((Future<?>) queued);
      }
    }
    assertThat(added).isNotEmpty().noneMatch(Future::isDone);

    assertThat(timer.end()).isFalse();

    assertThat(added).anyMatch(Future::isCancelled);
    for (Future<?> cancelled : added) {
      if (cancelled.isCancelled()) {
        assertThat(SharedPools.deadlines().getQueue()).doesNotContain((Runnable) cancelled);
      }
    }
  }
}
