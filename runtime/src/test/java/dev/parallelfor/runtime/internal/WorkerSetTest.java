package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelfor.runtime.TestBounds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** A run's workers and slots, driven step by step with an executor that only keeps its tasks. */
class WorkerSetTest {
  private static final BooleanSupplier NOT_EXHAUSTED = () -> false;
  private static final BooleanSupplier EXHAUSTED = () -> true;

  /** Keeps the tasks it is given; runs none. */
  private static final class Holding implements Executor {
    final List<Runnable> tasks = new ArrayList<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }
  }

  private final Lifecycle lifecycle = new Lifecycle();
  private final Holding holding = new Holding();

  private WorkerSet set(int parallelism) {
    return new WorkerSet(holding, parallelism, lifecycle);
  }

  private static Runnable task() {
    return () -> {};
  }

  /** Reserves a slot, spawns a task for it and lets its worker enter; returns the worker. */
  private static Worker started(WorkerSet set) {
    assertThat(set.reserveSlot(-1, -1, NOT_EXHAUSTED)).isTrue();
    Runnable task = task();
    set.spawn(task, (thrown, none) -> {});
    Worker worker = new Worker(task);
    assertThat(set.enter(worker)).isTrue();
    return worker;
  }

  @Test
  void slotsAreCappedByTheParallelismAndByTheInputsSize() {
    WorkerSet unsized = set(3);
    assertThat(unsized.reserveSlot(-1, -1, NOT_EXHAUSTED)).isTrue();
    assertThat(unsized.reserveSlot(-1, -1, NOT_EXHAUSTED)).isTrue();
    assertThat(unsized.reserveSlot(-1, -1, NOT_EXHAUSTED)).isTrue();
    assertThat(unsized.reserveSlot(-1, -1, NOT_EXHAUSTED)).isFalse();

    WorkerSet small = set(3);
    assertThat(small.reserveSlot(2, 2, NOT_EXHAUSTED)).isTrue();
    assertThat(small.reserveSlot(2, 2, NOT_EXHAUSTED)).isTrue();
    assertThat(small.reserveSlot(2, 2, NOT_EXHAUSTED)).isFalse();
  }

  @Test
  void aSlotFreedByAWorkerThatFoundTheInputsEndIsNotHandedOutAgain() {
    // The race this closes: a worker reads "not exhausted" after its claim, another claims the
    // last chunk, runs it and leaves; a check made before the first worker takes the lock would
    // then give the freed slot to a worker that finds nothing.
    WorkerSet set = set(2);
    AtomicBoolean exhausted = new AtomicBoolean();
    BooleanSupplier input = exhausted::get;
    Worker first = started(set);
    started(set);
    exhausted.set(true); // the first worker claimed the last chunk
    set.exit(first, input);

    assertThat(set.reserveSlot(1_000, 10, input)).isFalse();
    assertThat(holding.tasks).hasSize(2);
  }

  @Test
  void noSlotIsReservedWhenNothingIsLeftToRun() {
    WorkerSet set = set(4);
    assertThat(set.reserveSlot(10, 0, NOT_EXHAUSTED)).isTrue(); // the first worker finds the end
    assertThat(set.reserveSlot(10, 0, NOT_EXHAUSTED)).isFalse();
    assertThat(set(4).reserveSlot(10, 5, EXHAUSTED)).isFalse();

    lifecycle.stop(null, false);
    assertThat(set(4).reserveSlot(10, 5, NOT_EXHAUSTED)).isFalse();
  }

  @Test
  void aSpawnedTaskEntersOnceWithTheSlotReservedForIt() {
    WorkerSet set = set(1);
    assertThat(set.reserveSlot(-1, -1, NOT_EXHAUSTED)).isTrue();
    Runnable task = task();
    set.spawn(task, (thrown, none) -> {});

    assertThat(holding.tasks).containsExactly(task);
    Worker worker = new Worker(task);
    assertThat(set.enter(worker)).isTrue();
    assertThat(worker.holdsSlot).isTrue();
    assertThat(set.enter(new Worker(task))).isFalse(); // its slot is taken already
    assertThat(set.reserveSlot(-1, -1, NOT_EXHAUSTED)).isFalse();
  }

  @Test
  void aRefusedTaskGivesItsSlotBackAndSaysWhetherTheRunHasNoWorkerLeft() {
    RejectedExecutionException refused = new RejectedExecutionException("full");
    AtomicBoolean throwNext = new AtomicBoolean();
    Executor refusing =
        task -> {
          if (throwNext.get()) {
            throw refused;
          }
          holding.execute(task);
        };
    WorkerSet set = new WorkerSet(refusing, 2, lifecycle);
    List<Object> told = new ArrayList<>();

    throwNext.set(true);
    assertThat(set.reserveSlot(-1, -1, NOT_EXHAUSTED)).isTrue();
    set.spawn(task(), (thrown, none) -> told.add(List.of(thrown, none)));
    assertThat(told).containsExactly(List.of(refused, true));

    throwNext.set(false);
    Worker worker = started(set); // the slot came back
    throwNext.set(true);
    assertThat(set.reserveSlot(-1, -1, NOT_EXHAUSTED)).isTrue();
    set.spawn(task(), (thrown, none) -> told.add(List.of(thrown, none)));
    assertThat(told).last().isEqualTo(List.of(refused, false));
    assertThat(set.orphanedBy(false)).isNull(); // a worker is still inside

    set.exit(worker, NOT_EXHAUSTED);
    assertThat(set.orphanedBy(true)).isNull(); // nothing left to run: no matter
    assertThat(set.orphanedBy(false)).isSameAs(refused);
    assertThat(set.orphanedBy(false)).isNull(); // told once
  }

  @Test
  void aTakenWorkerClearsAnEarlierRefusal() {
    AtomicBoolean throwNext = new AtomicBoolean();
    Executor refusing =
        task -> {
          if (throwNext.get()) {
            throw new RejectedExecutionException("full");
          }
          holding.execute(task);
        };
    WorkerSet set = new WorkerSet(refusing, 3, lifecycle);
    Worker first = started(set);
    throwNext.set(true);
    set.reserveSlot(-1, -1, NOT_EXHAUSTED);
    set.spawn(task(), (thrown, none) -> {});
    throwNext.set(false);
    Worker second = started(set);

    set.exit(first, NOT_EXHAUSTED);
    set.exit(second, NOT_EXHAUSTED);

    assertThat(set.orphanedBy(false)).isNull();
  }

  @Test
  void aHelperTakesAFreeSlotOrOneOfATaskNotStartedYetButNeverARunningWorkersOne() {
    ThreadPoolExecutor queue =
        new ThreadPoolExecutor(0, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
    queue.execute(blockUntil(new CountDownLatch(1))); // keeps the pool's one thread busy
    try {
      WorkerSet set = new WorkerSet(queue, 2, lifecycle);
      Worker helper = new Worker(null);
      assertThat(set.enter(helper)).isTrue(); // a free slot
      assertThat(helper.holdsSlot).isTrue();

      assertThat(set.reserveSlot(-1, -1, NOT_EXHAUSTED)).isTrue();
      Runnable queued = task();
      set.spawn(queued, (thrown, none) -> {});
      assertThat(queue.getQueue()).contains(queued);
      Worker second = new Worker(null);
      assertThat(set.enter(second)).isTrue(); // displaces the queued task
      assertThat(queue.getQueue()).doesNotContain(queued);
      assertThat(set.enter(new Worker(queued))).isFalse();

      assertThat(set.enter(new Worker(null))).isFalse(); // both slots run items
    } finally {
      queue.shutdownNow();
    }
  }

  private static Runnable blockUntil(CountDownLatch latch) {
    return () -> {
      try {
        latch.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  @Test
  void theRunIsQuiescentWhenTheLastWorkerLeavesAnExhaustedInput() {
    WorkerSet set = set(2);
    Worker first = started(set);
    Worker second = started(set);

    assertThat(set.exit(first, EXHAUSTED)).isFalse(); // the second is still inside
    assertThat(set.exit(second, NOT_EXHAUSTED)).isFalse(); // items are left
    assertThat(set.quiesceIfIdle(EXHAUSTED)).isTrue();
    assertThat(set.quiesceIfIdle(EXHAUSTED)).isFalse(); // only once
    assertThat(set.reserveSlot(-1, -1, NOT_EXHAUSTED)).isFalse();
    assertThat(set.enter(new Worker(null))).isFalse();
  }

  @Test
  void aStoppedRunIsQuiescentWhenEveryWorkerLeftOrIsStuckReadingTheInput() {
    WorkerSet set = set(2);
    Worker reader = started(set);
    Worker other = started(set);
    set.beginRead(); // the reader is inside a call to the input
    lifecycle.stop(null, false);

    assertThat(set.exit(other, NOT_EXHAUSTED)).isTrue();
    set.endRead();
    assertThat(set.exit(reader, NOT_EXHAUSTED)).isFalse(); // quiescent already
  }

  @Test
  void aReaderThatReturnsIsCountedInsideAgain() {
    WorkerSet set = set(2);
    Worker reader = started(set);
    Worker other = started(set);
    set.beginRead();
    set.endRead();
    lifecycle.stop(null, false);

    assertThat(set.exit(other, NOT_EXHAUSTED)).isFalse(); // the reader is inside, not reading
    assertThat(set.exit(reader, NOT_EXHAUSTED)).isTrue();
  }

  @Test
  void aStopInterruptsEveryOtherWorkerAndTheirExitClearsIt() throws Exception {
    WorkerSet set = set(2);
    CountDownLatch interrupted = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    AtomicReference<Boolean> flagAfterExit = new AtomicReference<>();
    assertThat(set.reserveSlot(-1, -1, NOT_EXHAUSTED)).isTrue();
    Runnable task = task();
    set.spawn(task, (thrown, none) -> {});
    Thread thread =
        new Thread(
            () -> {
              Worker worker = new Worker(task);
              set.enter(worker);
              entered.countDown();
              try {
                new CountDownLatch(1).await(); // an item that waits until interrupted
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // as an item that keeps the flag
                interrupted.countDown();
              }
              set.exit(worker, NOT_EXHAUSTED);
              flagAfterExit.set(Thread.currentThread().isInterrupted());
            });
    thread.start();
    assertThat(entered.await(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
    Worker self = started(set);

    lifecycle.stop(null, false);
    assertThat(set.interruptAll(NOT_EXHAUSTED)).isFalse(); // both are still inside
    assertThat(interrupted.await(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
    thread.join(TestBounds.HANG.toMillis());

    assertThat(flagAfterExit.get()).isFalse();
    assertThat(Thread.currentThread().isInterrupted()).isFalse(); // not the calling thread
    assertThat(set.exit(self, NOT_EXHAUSTED)).isTrue();
  }

  /**
   * A worker that gave its slot back (it is leaving) takes one again only if one is free at once:
   * nothing ever waits for a slot that only another worker, perhaps a task queued behind it on a
   * pool that cannot grow, could return.
   */
  @Test
  void aWorkerThatGaveItsSlotBackRetakesOneOnlyIfOneIsFreeAtOnce() {
    WorkerSet set = set(1);
    Worker leaving = started(set);

    set.releaseSlot(leaving);
    assertThat(leaving.holdsSlot).isFalse();
    set.releaseSlot(leaving); // nothing more to give back
    Worker helper = new Worker(null);
    assertThat(set.enter(helper)).isTrue(); // takes the freed slot
    assertThat(set.retakeSlot(leaving)).isFalse(); // answers at once, without waiting
    assertThat(leaving.holdsSlot).isFalse();
    assertThat(set.reserveSlot(-1, -1, NOT_EXHAUSTED))
        .isFalse(); // and the one slot stays given once

    set.exit(helper, NOT_EXHAUSTED);
    assertThat(set.retakeSlot(leaving)).isTrue();
    assertThat(leaving.holdsSlot).isTrue();
    assertThat(set.retakeSlot(new Worker(null))).isFalse(); // the one slot is held
  }

  @Test
  void unstartedTasksAreTakenBackFromAnExecutorThatAllowsIt() {
    ThreadPoolExecutor queue =
        new ThreadPoolExecutor(0, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
    CountDownLatch release = new CountDownLatch(1);
    queue.execute(blockUntil(release));
    try {
      WorkerSet set = new WorkerSet(queue, 2, lifecycle);
      assertThat(set.reserveSlot(-1, -1, NOT_EXHAUSTED)).isTrue();
      Runnable queued = task();
      set.spawn(queued, (thrown, none) -> {});
      lifecycle.stop(null, false);
      assertThat(set.quiesceIfIdle(NOT_EXHAUSTED)).isTrue();

      set.withdrawUnstarted();

      assertThat(queue.getQueue()).doesNotContain(queued);
      assertThat(set.enter(new Worker(queued))).isFalse();
    } finally {
      release.countDown();
      queue.shutdownNow();
    }
  }

  @Test
  void aTaskThatNeverEnteredGivesItsSlotBackOnce() {
    WorkerSet set = set(1);
    assertThat(set.reserveSlot(-1, -1, NOT_EXHAUSTED)).isTrue();
    Runnable task = task();
    set.spawn(task, (thrown, none) -> {});

    assertThat(set.abandon(task)).isTrue();
    assertThat(set.reserveSlot(-1, -1, NOT_EXHAUSTED)).isTrue(); // the slot is free again
    assertThat(set.abandon(task)).isFalse();
    assertThat(set.reserveSlot(-1, -1, NOT_EXHAUSTED)).isFalse(); // and given out once
  }

  @Test
  void aTaskThatNeverEnteredTellsTheSharedPoolItsThreadIsFree() throws Exception {
    ElasticPool pool = new ElasticPool("worker-set-test-", 1, TimeUnit.MINUTES);
    try {
      WorkerSet set = new WorkerSet(pool, 1, lifecycle);
      AtomicReference<Integer> idleAfterAbandon = new AtomicReference<>();
      CountDownLatch done = new CountDownLatch(1);
      Runnable[] self = new Runnable[1];
      self[0] =
          () -> {
            set.abandon(self[0]);
            idleAfterAbandon.set(pool.idleCount());
            done.countDown();
          };
      assertThat(set.reserveSlot(-1, -1, NOT_EXHAUSTED)).isTrue();
      set.spawn(self[0], (thrown, none) -> {});

      assertThat(done.await(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(idleAfterAbandon.get()).isEqualTo(1);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void aTaskRunInlineByOneOfTheRunsWorkersLeavesAndFreesItsSlot() {
    WorkerSet set = set(2);
    Worker running = started(set);
    assertThat(set.reserveSlot(-1, -1, NOT_EXHAUSTED)).isTrue();
    Runnable task = task();
    set.spawn(task, (thrown, none) -> {});
    running.enterThread(); // this thread now works for the run, as a direct executor's would
    try {
      assertThat(set.enter(new Worker(task))).isFalse();
    } finally {
      running.leaveThread();
    }

    assertThat(set.reserveSlot(-1, -1, NOT_EXHAUSTED)).isTrue(); // the task's slot is free again
    assertThat(set.abandon(task)).isFalse();
  }

  @Test
  void aTaskThatStartsAfterTheRunStoppedLeavesAndFreesItsSlot() {
    WorkerSet set = set(1);
    assertThat(set.reserveSlot(-1, -1, NOT_EXHAUSTED)).isTrue();
    Runnable task = task();
    set.spawn(task, (thrown, none) -> {});
    Worker other = new Worker(null);

    lifecycle.stop(null, false);
    assertThat(set.enter(new Worker(task))).isFalse();
    assertThat(set.enter(other)).isFalse();
    assertThat(set.abandon(task)).isFalse(); // it gave its slot back already
  }
}
