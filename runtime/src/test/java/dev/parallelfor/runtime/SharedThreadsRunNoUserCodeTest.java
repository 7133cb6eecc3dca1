package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deadline thread is shared by every run: a run whose deadline passes while no worker is inside
 * it is finished on a thread of its own, so its slow {@code onFinish} holds no other run's deadline
 * or item timeout.
 */
class SharedThreadsRunNoUserCodeTest {
  /** Starts run A in some form; what it returns keeps the run reachable. */
  private void slowFinishDoesNotHoldAnotherRunsItemTimeout(
      Function<ParallelLoop<Integer, Integer>, Object> startA) throws Exception {
    // A's executor runs nothing yet: when its deadline passes, no worker of A is inside it.
    ExecutorService busy = Executors.newSingleThreadExecutor();
    CountDownLatch unblockExecutor = new CountDownLatch(1);
    busy.execute(
        () -> {
          try {
            unblockExecutor.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    CountDownLatch aFinishing = new CountDownLatch(1);
    CountDownLatch releaseA = new CountDownLatch(1);
    AtomicReference<String> aFinishedOn = new AtomicReference<>();
    ParallelLoop<Integer, Integer> a =
        Parallel.io((Integer n) -> n)
            .executor(busy)
            .timeout(Duration.ofMillis(1))
            .onProgress(
                new ProgressListener() {
                  @Override
                  public void onFinish(Progress progress) {
                    aFinishedOn.set(Thread.currentThread().getName());
                    aFinishing.countDown();
                    try {
                      releaseA.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                });
    try {
      Object keep = startA.apply(a);
      assertThat(aFinishing.await(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();

      // A's onFinish is blocked: run B's item timeout must still fire.
      ParallelLoop<Integer, Integer> b =
          Parallel.io(
                  (Integer n) -> {
                    new CountDownLatch(1).await();
                    return n;
                  })
              .itemTimeout(Duration.ofMillis(100));
      ParallelForException timedOut =
          assertTimeoutPreemptively(
              TestBounds.HANG,
              () -> assertThrows(ParallelForException.class, () -> b.run(List.of(1))));
      assertThat(timedOut).hasCauseInstanceOf(TimeoutException.class);
      assertThat(releaseA.getCount()).as("A's onFinish is still blocked").isEqualTo(1);
      assertThat(aFinishedOn.get()).doesNotStartWith("parallelfor-deadline-");
      assertThat(keep).isNotNull();
    } finally {
      releaseA.countDown();
      unblockExecutor.countDown();
      busy.shutdown();
    }
  }

  @Test
  void anAsynchronousRunsSlowFinishHoldsNoOtherRunsItemTimeout() throws Exception {
    slowFinishDoesNotHoldAnotherRunsItemTimeout(a -> a.runAsync(List.of(1, 2, 3)));
  }

  @Test
  void aStreamingRunsSlowFinishHoldsNoOtherRunsItemTimeout() throws Exception {
    slowFinishDoesNotHoldAnotherRunsItemTimeout(
        a -> {
          Stream<Integer> unread = a.stream(List.of(1, 2, 3));
          return unread;
        });
  }
}
