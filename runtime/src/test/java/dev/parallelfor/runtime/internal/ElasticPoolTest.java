package dev.parallelfor.runtime.internal;

import static dev.parallelfor.runtime.internal.RegressionFixtures.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelfor.runtime.TestBounds;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The growing pool's threads and its counts, on pools of the tests' own. */
class ElasticPoolTest {
  private static final long WAIT = TestBounds.HANG.toSeconds();

  private final ElasticPool pool = new ElasticPool("elastic-test-", 1, TimeUnit.MINUTES);

  @AfterEach
  void release() {
    pool.shutdown();
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(WAIT, TimeUnit.SECONDS)) {
        throw new AssertionError("latch not reached");
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Polls a count that settles once threads reach their wait; never orders two events. */
  private static boolean settles(java.util.function.BooleanSupplier condition) {
    try {
      return eventually(condition, WAIT, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Runs a task on the pool and returns the thread it ran on, once it has run. */
  private Thread runOnPool() {
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    CountDownLatch ran = new CountDownLatch(1);
    pool.execute(
        () -> {
          ranOn.set(Thread.currentThread());
          ran.countDown();
        });
    await(ran);
    return ranOn.get();
  }

  @Test
  void aTaskRunsOnANamedDaemonThreadOfThePool() {
    Thread ranOn = runOnPool();

    assertThat(ranOn.getName()).isEqualTo("elastic-test-1");
    assertThat(ranOn.isDaemon()).isTrue();
    assertThat(pool.threadCount()).isEqualTo(1);
  }

  @Test
  void busyThreadsMakeThePoolGrowAndIdleOnesAreReused() {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(3);
    for (int i = 0; i < 3; i++) {
      pool.execute(
          () -> {
            started.countDown();
            await(release);
          });
    }
    await(started);
    assertThat(pool.threadCount()).isEqualTo(3);
    assertThat(pool.idleCount()).isZero();

    release.countDown();
    assertThat(settles(() -> pool.idleCount() == 3)).isTrue();
    CountDownLatch again = new CountDownLatch(3);
    for (int i = 0; i < 3; i++) {
      pool.execute(again::countDown);
    }
    await(again);

    assertThat(pool.threadCount()).isEqualTo(3);
  }

  @Test
  void aTaskThatSaysItIsEndingLetsTheNextTaskWaitForItsThread() {
    CountDownLatch ending = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    AtomicReference<Thread> first = new AtomicReference<>();
    AtomicReference<Thread> second = new AtomicReference<>();
    CountDownLatch secondRan = new CountDownLatch(1);
    AtomicInteger idleSeenInside = new AtomicInteger(-1);
    Runnable[] self = new Runnable[1];
    self[0] =
        () -> {
          first.set(Thread.currentThread());
          pool.taskEnding(self[0]);
          pool.taskEnding(self[0]); // counted once
          idleSeenInside.set(pool.idleCount());
          ending.countDown();
          await(finish);
        };

    pool.execute(self[0]);
    await(ending);
    pool.execute(
        () -> {
          second.set(Thread.currentThread());
          secondRan.countDown();
        });
    assertThat(pool.threadCount()).isEqualTo(1); // no thread started for the second task
    finish.countDown();
    await(secondRan);

    assertThat(idleSeenInside).hasValue(1);
    assertThat(second.get()).isSameAs(first.get());
  }

  @Test
  void onlyThePoolThreadRunningThatVeryTaskCanCountItselfIdle() {
    CountDownLatch checked = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    AtomicInteger idleInside = new AtomicInteger(-1);
    Runnable other = () -> {};
    ElasticPool otherPool = new ElasticPool("elastic-other-", 1, TimeUnit.MINUTES);
    Runnable[] self = new Runnable[1];
    self[0] =
        () -> {
          pool.taskEnding(other); // not the task this thread runs
          otherPool.taskEnding(self[0]); // not this thread's pool
          idleInside.set(pool.idleCount() + otherPool.idleCount());
          checked.countDown();
          await(finish);
        };
    try {
      pool.execute(self[0]);
      await(checked);
      pool.taskEnding(self[0]); // not a pool thread at all

      assertThat(idleInside).hasValue(0);
      assertThat(pool.idleCount()).isZero();
    } finally {
      finish.countDown();
      otherPool.shutdown();
    }
  }

  @Test
  void aQueuedTaskCanBeWithdrawnOnceAndThenNeverRuns() {
    CountDownLatch ending = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Runnable[] self = new Runnable[1];
    self[0] =
        () -> {
          pool.taskEnding(self[0]);
          ending.countDown();
          await(finish);
        };
    AtomicBoolean withdrawnRan = new AtomicBoolean();
    Runnable withdrawn = () -> withdrawnRan.set(true);
    CountDownLatch laterRan = new CountDownLatch(1);

    pool.execute(self[0]);
    await(ending);
    pool.execute(withdrawn);
    assertThat(pool.withdraw(withdrawn)).isTrue();
    assertThat(pool.withdraw(withdrawn)).isFalse();
    finish.countDown();
    pool.execute(laterRan::countDown);
    await(laterRan);

    assertThat(withdrawnRan).isFalse();
    assertThat(pool.threadCount()).isEqualTo(1);
  }

  @Test
  void aTaskThatThrowsLeavesItsThreadServingAndALateInterruptStaysWithIt() {
    AtomicReference<Thread> first = new AtomicReference<>();
    CountDownLatch threw = new CountDownLatch(1);
    Thread.UncaughtExceptionHandler quiet = (t, e) -> threw.countDown();
    AtomicReference<Thread> second = new AtomicReference<>();
    AtomicBoolean interruptedOnArrival = new AtomicBoolean(true);
    CountDownLatch secondRan = new CountDownLatch(1);

    pool.execute(
        () -> {
          first.set(Thread.currentThread());
          Thread.currentThread().setUncaughtExceptionHandler(quiet);
          Thread.currentThread().interrupt();
          throw new IllegalStateException("thrown by a task");
        });
    await(threw);
    assertThat(settles(() -> pool.idleCount() == 1)).isTrue();
    pool.execute(
        () -> {
          second.set(Thread.currentThread());
          interruptedOnArrival.set(Thread.currentThread().isInterrupted());
          secondRan.countDown();
        });
    await(secondRan);

    assertThat(second.get()).isSameAs(first.get());
    assertThat(interruptedOnArrival).isFalse();
  }

  @Test
  void anInterruptedIdleThreadKeepsWaitingForWork() {
    Thread first = runOnPool();
    assertThat(settles(() -> pool.idleCount() == 1)).isTrue();

    first.interrupt();

    assertThat(runOnPool()).isSameAs(first);
    assertThat(pool.threadCount()).isEqualTo(1);
  }

  @Test
  void idleThreadsEndAfterTheKeepAlive() {
    ElasticPool brief = new ElasticPool("elastic-brief-", 20, TimeUnit.MILLISECONDS);
    CountDownLatch ran = new CountDownLatch(2);
    CountDownLatch bothStarted = new CountDownLatch(2);
    for (int i = 0; i < 2; i++) {
      brief.execute(
          () -> {
            bothStarted.countDown();
            await(bothStarted);
            ran.countDown();
          });
    }
    await(ran);

    assertThat(settles(() -> brief.threadCount() == 0)).isTrue();
    assertThat(brief.idleCount()).isZero();
  }

  @Test
  void shutdownEndsIdleThreadsRunsWhatWasQueuedAndRejectsNewTasks() {
    CountDownLatch ending = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Runnable[] self = new Runnable[1];
    self[0] =
        () -> {
          pool.taskEnding(self[0]);
          ending.countDown();
          await(finish);
        };
    CountDownLatch queuedRan = new CountDownLatch(1);
    pool.execute(self[0]);
    await(ending);
    pool.execute(queuedRan::countDown);

    pool.shutdown();
    finish.countDown();
    await(queuedRan);

    assertThat(settles(() -> pool.threadCount() == 0)).isTrue();
    assertThat(pool.idleCount()).isZero();
    assertThatThrownBy(() -> pool.execute(() -> {}))
        .isInstanceOf(RejectedExecutionException.class)
        .hasMessage("elastic-test-* pool was released");
  }

  @Test
  void aNullTaskIsRefused() {
    assertThatThrownBy(() -> pool.execute(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("task");
    assertThat(pool.threadCount()).isZero();
  }
}
