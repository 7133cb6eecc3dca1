package dev.parallelfor.runtime.internal;

import static dev.parallelfor.runtime.internal.Fixtures.cpu;
import static dev.parallelfor.runtime.internal.Fixtures.lazy;
import static dev.parallelfor.runtime.internal.Fixtures.numbers;
import static dev.parallelfor.runtime.internal.ThreadFixtures.eventually;
import static dev.parallelfor.runtime.internal.ThreadFixtures.liveThreads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.SharedExecutors;
import dev.parallelfor.runtime.TestBounds;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The growing pool's threads and its counts: on pools of the tests' own, and on the shared pool
 * after many runs.
 */
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

  /**
   * The shared pool's idle count counts exactly the threads that wait for a task, however many runs
   * came before. Counted too high, the pool queues work for threads that do not exist (a run then
   * gets fewer threads than its parallelism, or none); counted too low, it starts a thread for
   * every task and the threads pile up. Each test starts and ends with fresh shared pools, so a
   * pool spoiled by one test cannot fail another.
   */
  @Nested
  class TheSharedPoolAfterManyRuns {
    private static final Duration GUARD = TestBounds.HANG;
    private static final long BARRIER_SECONDS = 10;
    private static final String CPU_PREFIX = "parallelfor-cpu-";

    @BeforeEach
    @AfterEach
    void freshSharedPools() throws InterruptedException {
      SharedExecutors.release();
      // Released idle threads end at once; wait (bounded) so thread counts start from a clean
      // slate.
      eventually(() -> liveThreads(CPU_PREFIX).isEmpty(), 5, TimeUnit.SECONDS);
    }

    @Test
    void nestedRunsLeaveThePoolAbleToGiveFourThreadsToAParallelismFourRun() {
      assertTimeoutPreemptively(
          GUARD,
          () -> {
            for (int round = 0; round < 300; round++) {
              nestedRound(cpu());
            }
            assertPoolAccountsForItsThreads(sharedCpuPool());
          });
    }

    @Test
    void runsEndedByAnImmediateDeadlineLeaveThePoolAbleToGiveFourThreads() {
      assertTimeoutPreemptively(
          GUARD,
          () -> {
            runsWithAnImmediateDeadline(20_000);
            assertPoolAccountsForItsThreads(sharedCpuPool());
          });
    }

    @Test
    void aPoolWhoseIdleThreadsExpiredStillRunsALazyInput() throws Exception {
      ElasticPool pool = new ElasticPool("test-pool-", 50, TimeUnit.MILLISECONDS);
      try {
        RunOptions onPool = cpu().withExecutor(pool);
        assertTimeoutPreemptively(
            GUARD,
            () -> {
              for (int round = 0; round < 300; round++) {
                nestedRound(onPool);
              }
            });
        // Every thread of the pool ends after 50 ms without work.
        eventually(() -> pool.threadCount() == 0, 10, TimeUnit.SECONDS);
        assertThat(pool.threadCount()).as("live threads once idle ones expired").isZero();
        int idleAfterExpiry = pool.idleCount();
        // A lazy input asks for a single worker first: it must get a thread.
        List<Integer> results =
            assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> Runs.run(onPool, lazy(numbers(100)), (i, x) -> x),
                () -> "run on a pool with no thread left, whose idle count was " + idleAfterExpiry);
        assertThat(results).isEqualTo(numbers(100));
        assertThat(idleAfterExpiry).as("idle count of a pool with no live thread").isZero();
      } finally {
        pool.shutdown();
      }
    }

    @Test
    void runsEndedByAnImmediateDeadlineLeaveNoThreadsBehind() {
      assertTimeoutPreemptively(
          GUARD,
          () -> {
            int before = liveThreads(CPU_PREFIX).size();
            runsWithAnImmediateDeadline(20_000);
            int after = liveThreads(CPU_PREFIX).size();
            int allowed = Math.max(before, Runtime.getRuntime().availableProcessors()) + 4;
            assertThat(after)
                .as("live %s* threads after 20,000 timed-out runs (before: %d)", CPU_PREFIX, before)
                .isLessThanOrEqualTo(allowed);
          });
    }

    /**
     * Checks, once no run is going on, that the idle count never exceeds the live threads, that
     * every live thread ends up counted idle, and that a parallelism-4 run gets 4 threads at once.
     */
    private static void assertPoolAccountsForItsThreads(ElasticPool pool) throws Exception {
      int idle = pool.idleCount();
      int threads = pool.threadCount();
      // Runs are over: every live thread is (or soon is) waiting for a task.
      boolean settled =
          eventually(() -> pool.idleCount() == pool.threadCount(), 5, TimeUnit.SECONDS);
      int idleLater = pool.idleCount();
      int threadsLater = pool.threadCount();
      String state = "idle=" + idle + ", threads=" + threads;
      assertAll(
          () ->
              assertThat(idle)
                  .as("idle count right after the runs (live threads: %d)", threads)
                  .isLessThanOrEqualTo(threads),
          () ->
              assertThat(settled)
                  .as(
                      "idle count reaches the live threads once no run goes on"
                          + " (idle=%d, threads=%d)",
                      idleLater, threadsLater)
                  .isTrue(),
          () -> assertFourItemsMeet(cpu(), state));
    }

    /** One run whose items each run a nested run of their own on the same options. */
    private static void nestedRound(RunOptions options) {
      List<Integer> sums =
          Runs.run(
              options,
              numbers(8),
              (i, x) ->
                  Runs.run(options, numbers(8), (j, y) -> x + y).stream()
                      .mapToInt(Integer::intValue)
                      .sum());
      assertThat(sums.get(7)).isEqualTo(7 * 8 + 28);
    }

    private static void runsWithAnImmediateDeadline(int runs) {
      RunOptions options = cpu().withTimeout(Duration.ofNanos(1));
      for (int r = 0; r < runs; r++) {
        try {
          Runs.run(options, numbers(4), (i, x) -> x);
        } catch (ParallelForException e) {
          assertThat(e.getCause()).isInstanceOf(TimeoutException.class);
        }
      }
    }

    /** A parallelism-4 run whose four items wait for each other: it needs four threads at once. */
    private static void assertFourItemsMeet(RunOptions options, String state) {
      CyclicBarrier barrier = new CyclicBarrier(4);
      List<Integer> results;
      try {
        results =
            Runs.run(
                options.withParallelism(4),
                numbers(4),
                (i, x) -> {
                  barrier.await(BARRIER_SECONDS, TimeUnit.SECONDS);
                  return x;
                });
      } catch (ParallelForException e) {
        throw new AssertionError(
            "the 4 items of a parallelism-4 run did not all run at once (" + state + ")", e);
      }
      assertThat(results).containsExactly(0, 1, 2, 3);
    }

    private static ElasticPool sharedCpuPool() {
      return (ElasticPool) SharedPools.executor(Mode.CPU);
    }
  }
}
