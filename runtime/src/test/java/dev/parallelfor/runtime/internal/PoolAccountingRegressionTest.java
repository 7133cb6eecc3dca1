package dev.parallelfor.runtime.internal;

import static dev.parallelfor.runtime.internal.Fixtures.cpu;
import static dev.parallelfor.runtime.internal.Fixtures.lazy;
import static dev.parallelfor.runtime.internal.Fixtures.numbers;
import static dev.parallelfor.runtime.internal.RegressionFixtures.eventually;
import static dev.parallelfor.runtime.internal.RegressionFixtures.liveThreads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.SharedExecutors;
import dev.parallelfor.runtime.TestBounds;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for the bookkeeping of {@link ElasticPool}: its idle count must count exactly
 * the threads that wait for a task. Counted too high, the pool queues work for threads that do not
 * exist (a run then gets fewer threads than its parallelism, or none); counted too low, it starts a
 * thread for every task and the threads pile up. Each test starts and ends with fresh shared pools,
 * so a pool spoiled by one test cannot fail another.
 */
class PoolAccountingRegressionTest {
  private static final Duration GUARD = TestBounds.HANG;
  private static final long BARRIER_SECONDS = 10;
  private static final String CPU_PREFIX = "parallelfor-cpu-";

  @BeforeEach
  @AfterEach
  void freshSharedPools() throws InterruptedException {
    SharedExecutors.release();
    // Released idle threads end at once; wait (bounded) so thread counts start from a clean slate.
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
   * Checks, once no run is going on, that the idle count never exceeds the live threads, that every
   * live thread ends up counted idle, and that a parallelism-4 run gets 4 threads at once.
   */
  private static void assertPoolAccountsForItsThreads(ElasticPool pool) throws Exception {
    int idle = pool.idleCount();
    int threads = pool.threadCount();
    // Runs are over: every live thread is (or soon is) waiting for a task.
    boolean settled = eventually(() -> pool.idleCount() == pool.threadCount(), 5, TimeUnit.SECONDS);
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
