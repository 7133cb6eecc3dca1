package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelfor.Mode;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** How a run that was stopped after its last item is told, and what runAll's results answer. */
class RunEndsTest {
  @Test
  void aStreamClosedAfterItsLastItemWhileTheRunWasStillEndingIsDone() {
    AtomicReference<Ending> ending = new AtomicReference<>();
    CountDownLatch lastReported = new CountDownLatch(1);
    ProgressListener holdsTheLastWorker =
        new ProgressListener() {
          @Override
          public void onProgress(Progress progress) {
            if (progress.completed() == 3) {
              lastReported.countDown();
              try {
                new CountDownLatch(1).await(); // until the stream's close interrupts this worker
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }

          @Override
          public void onFinish(Progress progress, Ending how) {
            ending.set(how);
          }
        };
    Stream<Integer> results =
        Parallel.of(Mode.IO, (Integer n) -> n * 10)
            .parallelism(1)
            .onProgress(holdsTheLastWorker)
            .stream(List.of(1, 2, 3));
    Iterator<Integer> it = results.iterator();

    assertThat(List.of(it.next(), it.next(), it.next())).containsExactly(10, 20, 30);
    await(lastReported); // the run has not ended: its worker is still inside
    results.close();

    assertThat(ending.get()).isEqualTo(Ending.done());
  }

  @Test
  void aStreamClosedBeforeItsLastItemIsCancelled() {
    AtomicReference<Ending> ending = new AtomicReference<>();
    CountDownLatch firstReported = new CountDownLatch(1);
    ProgressListener holdsTheWorker =
        new ProgressListener() {
          @Override
          public void onProgress(Progress progress) {
            firstReported.countDown();
            try {
              new CountDownLatch(1).await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }

          @Override
          public void onFinish(Progress progress, Ending how) {
            ending.set(how);
          }
        };
    Stream<Integer> results =
        Parallel.of(Mode.IO, (Integer n) -> n * 10)
            .parallelism(1)
            .onProgress(holdsTheWorker)
            .stream(List.of(1, 2, 3));
    Iterator<Integer> it = results.iterator();

    assertThat(it.next()).isEqualTo(10);
    await(firstReported);
    results.close();

    assertThat(ending.get().kind()).isEqualTo(Ending.Kind.CANCELLED);
  }

  @Test
  void runAllResultsAnswerOnlyForTheirOwnPositions() {
    Results<Integer> results =
        Parallel.of(
                Mode.CPU,
                (Integer n) -> {
                  if (n == 2) {
                    throw new IllegalStateException("two");
                  }
                  return n;
                })
            .runAll(List.of(1, 2, 3));

    assertThat(results.toString()).isEqualTo("Results[size=3, succeeded=2, failed=1]");
    assertThat(results.isSuccess(0)).isTrue();
    assertThat(results.isSuccess(2)).isTrue();
    assertThat(results.value(2)).isEqualTo(3);
    assertThatThrownBy(() -> results.isSuccess(3))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("index 3 out of bounds for 3");
    assertThatThrownBy(() -> results.value(-1))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("index -1 out of bounds for 3");
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
