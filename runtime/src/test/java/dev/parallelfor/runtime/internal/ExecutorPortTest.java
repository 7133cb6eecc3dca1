package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the run asks of an executor beyond execute: is it ours, is it shut down, take back. */
class ExecutorPortTest {
  @Test
  void onlyTheElasticPoolIsTheSharedPool() {
    ElasticPool pool = new ElasticPool("port-test-", 1, TimeUnit.SECONDS);
    try {
      assertThat(new ExecutorPort(pool).isSharedPool()).isTrue();
      assertThat(new ExecutorPort(Runnable::run).isSharedPool()).isFalse();
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void aRunsOwnTaskGoesOnlyToASharedPoolThatTakesIt() throws Exception {
    ElasticPool pool = new ElasticPool("port-test-", 1, TimeUnit.SECONDS);
    CountDownLatch ran = new CountDownLatch(1);
    assertThat(new ExecutorPort(pool).executeOnSharedPool(ran::countDown)).isTrue();
    assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();

    pool.shutdown(); // released: the task goes to a thread of its own instead
    assertThat(new ExecutorPort(pool).executeOnSharedPool(() -> {})).isFalse();
    // The caller's executor is never asked: its execute is the caller's code (here it would run
    // the task on the calling thread, a shared one).
    Runnable[] ranInline = new Runnable[1];
    assertThat(new ExecutorPort(task -> ranInline[0] = task).executeOnSharedPool(() -> {}))
        .isFalse();
    assertThat(ranInline[0]).isNull();
  }

  @Test
  void anExecutorServiceTellsWhetherItWasShutDownAndAnythingElseIsNot() {
    ExecutorService service = Executors.newSingleThreadExecutor();
    ExecutorPort port = new ExecutorPort(service);
    assertThat(port.shutDown()).isFalse();
    service.shutdown();
    assertThat(port.shutDown()).isTrue();

    assertThat(new ExecutorPort(Runnable::run).shutDown()).isFalse();
    ExecutorService broken =
        new java.util.concurrent.AbstractExecutorService() {
          @Override
          public boolean isShutdown() {
            throw new IllegalStateException("cannot tell");
          }

          @Override
          public void shutdown() {}

          @Override
          public java.util.List<Runnable> shutdownNow() {
            return java.util.List.of();
          }

          @Override
          public boolean isTerminated() {
            return false;
          }

          @Override
          public boolean awaitTermination(long timeout, TimeUnit unit) {
            return false;
          }

          @Override
          public void execute(Runnable command) {
            command.run();
          }
        };
    assertThat(new ExecutorPort(broken).shutDown()).isFalse();
  }

  @Test
  void queuedTasksAreTakenBackFromPoolsThatQueueThem() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ThreadPoolExecutor queue =
        new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
    try {
      queue.execute(
          () -> {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      Runnable queued = () -> {};
      queue.execute(queued);
      ExecutorPort port = new ExecutorPort(queue);

      assertThat(port.withdraw(queued)).isTrue();
      assertThat(port.withdraw(queued)).isFalse();
      assertThat(new ExecutorPort(Runnable::run).withdraw(queued)).isFalse();
      Executor throwing =
          new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>()) {
            @Override
            public boolean remove(Runnable task) {
              throw new UnsupportedOperationException("no");
            }
          };
      assertThat(new ExecutorPort(throwing).withdraw(queued)).isFalse();
      ((ExecutorService) throwing).shutdown();
    } finally {
      release.countDown();
      queue.shutdownNow();
    }
  }

  @Test
  void queuedTasksAreTakenBackFromTheSharedPool() {
    ElasticPool pool = new ElasticPool("port-withdraw-", 1, TimeUnit.SECONDS);
    CountDownLatch ending = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    try {
      Runnable[] self = new Runnable[1];
      self[0] =
          () -> {
            pool.taskEnding(self[0]); // counts idle: the next task is queued for this thread
            ending.countDown();
            try {
              finish.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          };
      pool.execute(self[0]);
      try {
        ending.await();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      Runnable queued = () -> {};
      pool.execute(queued);

      assertThat(new ExecutorPort(pool).withdraw(queued)).isTrue();
    } finally {
      finish.countDown();
      pool.shutdown();
    }
  }
}
