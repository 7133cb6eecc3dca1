package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parallelfor.runtime.TestBounds;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The run's states, its failure and what is attached to it, its deadline, and waiting on it. */
class LifecycleTest {
  private static final Duration GUARD = TestBounds.HANG;

  @Test
  void onlyTheFirstStopStopsTheRunAndItsCauseIsTheFailure() {
    Lifecycle life = new Lifecycle();
    IllegalStateException first = new IllegalStateException("first");

    assertThat(life.stopped()).isFalse();
    assertThat(life.stop(first, true)).isTrue();
    assertThat(life.stopped()).isTrue();
    assertThat(life.stop(new IllegalStateException("second"), true)).isFalse();
    assertThat(life.stop(null, false)).isFalse();
    assertThat(life.failure()).isSameAs(first);
  }

  @Test
  void aPlainCancelStopsTheRunWithoutAFailure() {
    Lifecycle life = new Lifecycle();

    assertThat(life.stop(null, false)).isTrue();
    assertThat(life.stop(new IllegalStateException("late"), true)).isFalse();
    assertThat(life.failure()).isNull();
  }

  @Test
  void laterFailuresAreSuppressedOnTheFirstButTheRunsOwnSignalsAreNot() {
    Lifecycle life = new Lifecycle();
    RuntimeException first = new RuntimeException("first");
    RuntimeException laterFailure = new RuntimeException("later");
    RuntimeException signal = new RuntimeException("deadline");

    life.stop(first, true);
    life.stop(laterFailure, true);
    life.stop(signal, false);
    life.stop(first, true); // the failure itself is never suppressed on itself
    List<Throwable> unseen = life.settle(List.of());

    assertThat(unseen).isEmpty();
    assertThat(life.failure()).isSameAs(first);
    assertThat(first.getSuppressed()).containsExactly(laterFailure);
  }

  @Test
  void aVirtualMachineErrorTakesThePlaceOfAnEarlierFailureAndCarriesIt() {
    Lifecycle life = new Lifecycle();
    RuntimeException first = new RuntimeException("first");
    OutOfMemoryError error = new OutOfMemoryError("heap");

    life.stop(first, true);
    assertThat(life.stop(error, false)).isFalse();
    assertThat(life.stop(new StackOverflowError(), true)).isFalse(); // a second one does not
    life.settle(List.of());

    assertThat(life.failure()).isSameAs(error);
    assertThat(error.getSuppressed()).hasSize(2);
    assertThat(error.getSuppressed()[0]).isSameAs(first);
    assertThat(error.getSuppressed()[1]).isInstanceOf(StackOverflowError.class);
  }

  @Test
  void aVirtualMachineErrorAfterAPlainCancelBecomesTheFailure() {
    Lifecycle life = new Lifecycle();
    StackOverflowError error = new StackOverflowError();

    life.stop(null, false);
    life.stop(error, true);
    life.settle(List.of());

    assertThat(life.failure()).isSameAs(error);
    assertThat(error.getSuppressed()).isEmpty();
  }

  @Test
  void atMostSixtyFourLaterFailuresAreAttached() {
    Lifecycle life = new Lifecycle();
    RuntimeException first = new RuntimeException("first");
    life.stop(first, true);
    for (int i = 0; i < 65; i++) {
      life.stop(new RuntimeException("later " + i), true);
    }
    life.settle(List.of());

    assertThat(first.getSuppressed()).hasSize(64);
    assertThat(first.getSuppressed()[63]).hasMessage("later 63");
  }

  @Test
  void onceSettledTheOutcomeNoLongerChanges() {
    Lifecycle life = new Lifecycle();
    RuntimeException first = new RuntimeException("first");
    life.stop(first, true);
    life.settle(List.of());

    assertThat(life.stop(new OutOfMemoryError(), true)).isFalse();
    assertThat(life.keepForLog(new RuntimeException("too late"))).isFalse();
    life.markFinished();

    assertThat(life.finished()).isTrue();
    assertThat(life.failure()).isSameAs(first);
    assertThat(first.getSuppressed()).isEmpty();
  }

  @Test
  void aStopAfterTheOutcomeIsSettledDoesNotStopARunThatSucceeded() {
    Lifecycle life = new Lifecycle();
    life.settle(List.of());

    assertThat(life.stop(new RuntimeException("late"), true)).isFalse();
    assertThat(life.stopped()).isFalse();
    assertThat(life.failure()).isNull();
  }

  @Test
  void problemsAfterACancelAreReturnedForLoggingWhenNoFailureCameLater() {
    Lifecycle life = new Lifecycle();
    RuntimeException closeFailed = new RuntimeException("close");
    RuntimeException listenerFailed = new RuntimeException("listener");
    life.stop(null, false);

    assertThat(life.keepForLog(closeFailed)).isTrue();
    assertThat(life.settle(List.of(listenerFailed))).containsExactly(closeFailed, listenerFailed);
    assertThat(life.failure()).isNull();
  }

  @Test
  void problemsAfterACancelAreAttachedToAVirtualMachineErrorFoundWhileFinishing() {
    Lifecycle life = new Lifecycle();
    RuntimeException closeFailed = new RuntimeException("close");
    OutOfMemoryError error = new OutOfMemoryError();
    life.stop(null, false);
    life.keepForLog(closeFailed);

    assertThat(life.settle(List.of(error))).isEmpty();
    assertThat(life.failure()).isSameAs(error);
    assertThat(error.getSuppressed()).containsExactly(closeFailed);
  }

  @Test
  void problemsWhileFinishingARunThatFailedAreSuppressedOnItsFailure() {
    Lifecycle life = new Lifecycle();
    RuntimeException first = new RuntimeException("first");
    RuntimeException listenerFailed = new RuntimeException("listener");
    life.stop(first, true);

    assertThat(life.settle(List.of(listenerFailed))).isEmpty();
    assertThat(first.getSuppressed()).containsExactly(listenerFailed);
  }

  @Test
  void aFinishedRunsDeadlineLeavesTheDeadlineQueue() {
    int before = DeadlineQueueTest.queued();
    AtomicInteger fired = new AtomicInteger();
    Lifecycle life = new Lifecycle();

    life.armDeadline(DeadlineQueueTest.FAR, fired::incrementAndGet);
    assertThat(DeadlineQueueTest.queued()).isEqualTo(before + 1);
    onAnotherThread(life::markQuiescent); // arming left the lock free

    assertThat(DeadlineQueueTest.queued()).isEqualTo(before);
    assertThat(fired).hasValue(0);
  }

  @Test
  void whoeverSeesTheWorkersGoneFindsTheDeadlineOutOfTheQueueAlready() throws Exception {
    // The order a run's caller relies on: it returns once it sees the run quiescent, and by then
    // the run holds no place in the deadline queue (markQuiescent cancels first, then tells).
    int before = DeadlineQueueTest.queued();
    java.util.concurrent.ExecutorService marker =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      for (int i = 0; i < 2_000; i++) {
        Lifecycle life = new Lifecycle();
        life.armDeadline(DeadlineQueueTest.FAR, () -> {});
        marker.execute(life::markQuiescent);
        assertThat(life.await(false)).isTrue();
        assertThat(DeadlineQueueTest.queued()).as("try " + i).isEqualTo(before);
      }
    } finally {
      marker.shutdownNow();
    }
  }

  @Test
  void aDeadlineArmedAfterTheWorkersLeftIsCancelledAtOnce() {
    int before = DeadlineQueueTest.queued();
    Lifecycle life = new Lifecycle();
    life.markQuiescent();

    life.armDeadline(DeadlineQueueTest.FAR, () -> {});

    assertThat(DeadlineQueueTest.queued()).isEqualTo(before);
  }

  @Test
  void aDeadlineTooFarToCountIsNoDeadline() {
    int before = DeadlineQueueTest.queued();
    Lifecycle life = new Lifecycle();

    life.armDeadline(Duration.ofSeconds(Long.MAX_VALUE), () -> {});

    assertThat(DeadlineQueueTest.queued()).isEqualTo(before);
  }

  @Test
  void aDeadlineThatPassesRunsItsAction() throws InterruptedException {
    CountDownLatch fired = new CountDownLatch(1);
    new Lifecycle().armDeadline(Duration.ofNanos(1), fired::countDown);

    assertThat(fired.await(GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void eachInterruptOfAWaiterEndsItsWaitWithTheFlagClearAndTheLockFree() throws Exception {
    Lifecycle life = new Lifecycle();
    AtomicInteger onInterrupt = new AtomicInteger();
    CountDownLatch stopAsked = new CountDownLatch(1);
    CountDownLatch askedAgain = new CountDownLatch(2);
    AtomicReference<Boolean> flagAfter = new AtomicReference<>();
    AtomicReference<Boolean> flagInWait = new AtomicReference<>(false);
    Thread waiter =
        new Thread(
            () -> {
              // As a run's caller waits: each interrupt is answered, then the wait goes on.
              boolean interrupted = false;
              while (!life.await(false)) {
                interrupted = true;
                flagInWait.compareAndSet(false, Thread.currentThread().isInterrupted());
                onInterrupt.incrementAndGet();
                life.stop(null, false); // the lock is free once await returned
                stopAsked.countDown();
                askedAgain.countDown();
              }
              if (interrupted) {
                Thread.currentThread().interrupt();
              }
              flagAfter.set(Thread.currentThread().isInterrupted());
            });
    waiter.start();
    waiter.interrupt();
    assertThat(stopAsked.await(GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    // A second interrupt asks again: the run's stop interrupts its workers once more, reaching
    // code that cleared or ignored the first interrupt (a worker's close).
    waiter.interrupt();
    assertThat(askedAgain.await(GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(waiter.isAlive()).isTrue();

    assertTimeoutPreemptively(GUARD, life::markQuiescent);
    waiter.join(GUARD.toMillis());

    assertThat(waiter.isAlive()).isFalse();
    assertThat(onInterrupt).hasValue(2);
    assertThat(flagInWait.get()).as("the flag is clear when await returns false").isFalse();
    assertThat(flagAfter.get()).isTrue();
    assertThat(life.stopped()).isTrue();
    onAnotherThread(life::failure); // the waiter left the lock free
  }

  /** Runs {@code action} on a new thread and fails if it does not end within the bound. */
  private static void onAnotherThread(Runnable action) {
    Thread thread = new Thread(action);
    thread.setDaemon(true);
    thread.start();
    try {
      thread.join(GUARD.toMillis());
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    assertThat(thread.isAlive()).as("blocked on the lifecycle's lock").isFalse();
  }

  @Test
  void aWaiterForTheFinishLeavesTheLockFreeForOthers() throws Exception {
    Lifecycle life = new Lifecycle();
    Thread waiter = new Thread(() -> life.await(true));
    waiter.start();
    life.markQuiescent();
    assertThat(waiter.isAlive()).isTrue(); // waits for finished, not for quiescent
    life.settle(List.of());
    life.markFinished();
    waiter.join(GUARD.toMillis());
    assertThat(waiter.isAlive()).isFalse();

    onAnotherThread(() -> life.stop(new RuntimeException(), true)); // the waiter freed the lock
  }
}
