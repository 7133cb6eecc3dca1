package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parallelfor.Mode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Only the run's own deadline is a timeout: a failure of no item whose cause is a {@code
 * TimeoutException} (thrown by a worker's close, its state's factory or a context wrapper) is a
 * failure like any other.
 */
class OnlyTheDeadlineTimesOutTest {
  private static final List<Integer> ITEMS = List.of(1, 2, 3);

  /** The loops whose failure of no item has a {@code TimeoutException} cause. */
  static List<ParallelLoop<Integer, Integer>> timeoutsThatAreNoDeadline() {
    ParallelLoop<Integer, Integer> closeTimesOut =
        Parallel.<Integer, Integer>perWorker(
                Mode.IO,
                worker -> {
                  worker.local(
                      () ->
                          (AutoCloseable)
                              () -> {
                                throw new TimeoutException("close took too long");
                              });
                  return (long index, Integer n) -> n;
                })
            .name("close");
    ParallelLoop<Integer, Integer> factoryTimesOut =
        Parallel.<Integer, Integer>perWorker(
                Mode.IO,
                worker -> {
                  throw new TimeoutException("connecting took too long");
                })
            .name("factory");
    ParallelLoop<Integer, Integer> wrapperTimesOut =
        Parallel.io((Integer n) -> n)
            .propagateContext(
                () ->
                    task ->
                        () -> {
                          task.run();
                          throw OnlyTheDeadlineTimesOutTest.<RuntimeException>sneaky(
                              new TimeoutException("the context service timed out"));
                        })
            .name("wrapper");
    return List.of(closeTimesOut, factoryTimesOut, wrapperTimesOut);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable thrown) throws E {
    throw (E) thrown;
  }

  private static Ending endingOf(ParallelLoop<Integer, Integer> loop) {
    AtomicReference<Ending> ending = new AtomicReference<>();
    ParallelForException thrown =
        assertThrows(
            ParallelForException.class,
            () ->
                loop.parallelism(2)
                    .onProgress(
                        new ProgressListener() {
                          @Override
                          public void onFinish(Progress progress, Ending how) {
                            ending.set(how);
                          }
                        })
                    .run(ITEMS));
    assertThat(thrown.index()).isEqualTo(-1);
    assertThat(thrown).hasCauseInstanceOf(TimeoutException.class);
    return ending.get();
  }

  @Test
  void aTimeoutExceptionFromAWorkersCloseIsAFailure() {
    Ending ending = endingOf(timeoutsThatAreNoDeadline().get(0));
    assertThat(ending.kind()).isEqualTo(Ending.Kind.FAILED);
    assertThat(ending.describe()).isEqualTo("failed");
  }

  @Test
  void aTimeoutExceptionFromAWorkersStateFactoryIsAFailure() {
    assertThat(endingOf(timeoutsThatAreNoDeadline().get(1)).kind()).isEqualTo(Ending.Kind.FAILED);
  }

  @Test
  void aTimeoutExceptionFromAContextWrapperIsAFailure() {
    assertThat(endingOf(timeoutsThatAreNoDeadline().get(2)).kind()).isEqualTo(Ending.Kind.FAILED);
  }

  @Test
  void theRunsOwnDeadlineStillTimesItOut() {
    CountDownLatch never = new CountDownLatch(1);
    Ending ending =
        endingOf(
            Parallel.io(
                    (Integer n) -> {
                      never.await();
                      return n;
                    })
                .timeout(Duration.ofMillis(20)));
    assertThat(ending.kind()).isEqualTo(Ending.Kind.TIMED_OUT);
  }
}
