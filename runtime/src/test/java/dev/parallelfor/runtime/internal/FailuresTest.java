package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.TestBounds;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The failures a run reports about itself: their messages, positions, items and causes. */
class FailuresTest {
  @Test
  void anItemsFailureNamesItsPositionItsItemAndItsCause() {
    IOException cause = new IOException("disk on fire");

    ParallelForException failure = (ParallelForException) Failures.ofItem(7, "page-7", cause);

    assertThat(failure)
        .hasMessage("item 7 (page-7) failed: java.io.IOException: disk on fire")
        .hasCause(cause);
    assertThat(failure.getCause()).isSameAs(cause);
    assertThat(failure.index()).isEqualTo(7);
    assertThat(failure.item()).isEqualTo("page-7");
  }

  @Test
  void anItemIsDescribedByItsTextUpToTwoHundredCharacters() {
    String exactly200 = "x".repeat(200);
    String text201 = "y".repeat(201);

    assertThat(Failures.describe(null)).isEqualTo("null");
    assertThat(Failures.describe(42)).isEqualTo("42");
    assertThat(Failures.describe(exactly200)).isEqualTo(exactly200);
    assertThat(Failures.describe(text201)).isEqualTo("y".repeat(200) + "... (201 chars)");
    assertThat(Failures.ofItem(0, text201, new RuntimeException()))
        .hasMessage(
            "item 0 (" + "y".repeat(200) + "... (201 chars)) failed: java.lang.RuntimeException");
  }

  @Test
  void anItemWhoseToStringThrowsIsDescribedByItsClass() {
    Object item =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("no text");
          }
        };

    assertThat(Failures.describe(item))
        .isEqualTo(
            item.getClass().getName() + " (toString() threw java.lang.IllegalStateException)");
  }

  @Test
  void aDeadlineSaysHowLongItWasAndHowFarTheRunGot() {
    ParallelForException failure =
        (ParallelForException) Failures.timeout(Duration.ofMillis(1500), "3 of 10 done");

    assertThat(failure).hasMessage("the run timed out after 1.5 s (3 of 10 done)");
    assertThat(failure.index()).isEqualTo(-1);
    assertThat(failure.item()).isNull();
    assertThat(failure.getCause())
        .isExactlyInstanceOf(TimeoutException.class)
        .hasMessage("deadline of 1.5 s passed");
  }

  @Test
  void anInterruptOfTheCallerSaysTheRunWasCancelled() {
    ParallelForException failure = (ParallelForException) Failures.interrupted("4 of 9 done");

    assertThat(failure)
        .hasMessage("the calling thread was interrupted; the run was cancelled (4 of 9 done)");
    assertThat(failure.index()).isEqualTo(-1);
    assertThat(failure.item()).isNull();
    assertThat(failure.getCause())
        .isExactlyInstanceOf(InterruptedException.class)
        .hasMessage("run cancelled by an interrupt of the calling thread");
  }

  @Test
  void anInputFailureNamesThePositionButNoItem() {
    IllegalStateException cause = new IllegalStateException("iterator broke");

    ParallelForException failure = (ParallelForException) Failures.input(12, cause);

    assertThat(failure)
        .hasMessage("reading the input failed at position 12: " + cause)
        .hasCause(cause);
    assertThat(failure.index()).isEqualTo(12);
    assertThat(failure.item()).isNull();
  }

  @Test
  void runLevelFailuresSayWhatFailedAndKeepTheCause() {
    RuntimeException cause = new RuntimeException("boom");
    RejectedExecutionException rejected = new RejectedExecutionException("shut down");

    assertRunLevel(
        Failures.workerState(cause),
        "making a worker's own state for the run failed: " + cause,
        cause);
    assertRunLevel(
        Failures.workerClose(cause),
        "closing a worker's own state after the run failed: " + cause,
        cause);
    assertRunLevel(
        Failures.context(cause), "the context propagator's wrapper failed: " + cause, cause);
    assertRunLevel(
        Failures.rejected(rejected),
        "the executor rejected the run's workers (was it shut down?): " + rejected,
        rejected);
    assertRunLevel(
        Failures.executorFailed(cause), "the executor failed to start a worker: " + cause, cause);
    assertRunLevel(
        Failures.cluster(cause), "the cluster could not run a chunk of items: " + cause, cause);
    assertRunLevel(Failures.unexpected(cause), "the run failed unexpectedly: " + cause, cause);
  }

  @Test
  void aWrapperThatDidNotRunTheTaskIsReportedWithoutACause() {
    Throwable failure = Failures.context(null);

    assertThat(failure)
        .isExactlyInstanceOf(ParallelForException.class)
        .hasMessage("the context propagator's wrapper did not run the worker task it was given")
        .hasNoCause();
  }

  private static void assertRunLevel(Throwable failure, String message, Throwable cause) {
    assertThat(failure).isExactlyInstanceOf(ParallelForException.class).hasMessage(message);
    assertThat(failure.getCause()).isSameAs(cause);
    assertThat(((ParallelForException) failure).index()).isEqualTo(-1);
    assertThat(((ParallelForException) failure).item()).isNull();
  }

  @Test
  void aVirtualMachineErrorIsPassedOnAsItIs() {
    OutOfMemoryError error = new OutOfMemoryError("heap");

    for (Function<Throwable, Throwable> wrap :
        java.util.List.<Function<Throwable, Throwable>>of(
            Failures::workerClose,
            Failures::context,
            Failures::executorFailed,
            Failures::cluster,
            Failures::unexpected)) {
      assertThat(wrap.apply(error)).isSameAs(error);
    }
  }

  @Test
  void anErrorThatIsNoVirtualMachineErrorIsWrappedExceptWhenUnexpected() {
    AssertionError error = new AssertionError("broken");

    assertThat(Failures.unexpected(error)).isSameAs(error);
    assertThat(Failures.workerClose(error))
        .isInstanceOf(ParallelForException.class)
        .hasCause(error);
    assertThat(Failures.context(error)).isInstanceOf(ParallelForException.class).hasCause(error);
    assertThat(Failures.executorFailed(error))
        .isInstanceOf(ParallelForException.class)
        .hasCause(error);
    assertThat(Failures.cluster(error)).isInstanceOf(ParallelForException.class).hasCause(error);
  }

  @Test
  void theWaysCodeAnswersAnInterruptAreRecognisedDirectlyOrAsACause() {
    assertThat(Failures.causedByInterrupt(new InterruptedException())).isTrue();
    assertThat(Failures.causedByInterrupt(new InterruptedIOException())).isTrue();
    assertThat(Failures.causedByInterrupt(new ClosedByInterruptException())).isTrue();
    assertThat(Failures.causedByInterrupt(new CancellationException())).isTrue();
    assertThat(Failures.causedByInterrupt(new RuntimeException(new InterruptedException())))
        .isTrue();
    assertThat(
            Failures.causedByInterrupt(
                new IOException(new RuntimeException(new CancellationException()))))
        .isTrue();

    assertThat(Failures.causedByInterrupt(null)).isFalse();
    assertThat(Failures.causedByInterrupt(new IOException())).isFalse();
    assertThat(Failures.causedByInterrupt(new RuntimeException(new TimeoutException()))).isFalse();
  }

  @Test
  void anInterruptIsLookedForSixteenCausesDeepAndNoDeeper() {
    assertThat(Failures.causedByInterrupt(wrapped(new InterruptedException(), 15)))
        .as("the 16th throwable of the chain")
        .isTrue();
    assertThat(Failures.causedByInterrupt(wrapped(new InterruptedException(), 16)))
        .as("the 17th throwable of the chain")
        .isFalse();
  }

  @Test
  void aCycleOfCausesEnds() {
    RuntimeException first = new RuntimeException("first");
    RuntimeException second = new RuntimeException("second", first);
    first.initCause(second);

    assertThat(Failures.causedByInterrupt(first)).isFalse();
  }

  private static Throwable wrapped(Throwable innermost, int times) {
    Throwable t = innermost;
    for (int i = 0; i < times; i++) {
      t = new RuntimeException("wrapper " + i, t);
    }
    return t;
  }

  @Test
  void aRunsFailureReachesTheCallerAsACopyThrownFromTheCallersLine() throws Exception {
    IOException cause = new IOException("disk on fire");
    // Made on another thread, as a worker would: its trace does not show this test's line.
    FutureTask<ParallelForException> onWorker =
        new FutureTask<>(() -> (ParallelForException) Failures.ofItem(3, "c", cause));
    Thread worker = new Thread(onWorker, "failures-test-worker");
    worker.start();
    ParallelForException original = onWorker.get(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS);
    IOException earlier = new IOException("attempt 1");
    original.addSuppressed(earlier);

    Throwable thrown = catchThrowable(() -> Failures.rethrow(original));

    assertThat(thrown)
        .isExactlyInstanceOf(ParallelForException.class)
        .isNotSameAs(original)
        .hasMessage(original.getMessage());
    ParallelForException copy = (ParallelForException) thrown;
    assertThat(copy.getCause()).isSameAs(cause);
    assertThat(copy.index()).isEqualTo(3);
    assertThat(copy.item()).isEqualTo("c");
    assertThat(copy.getSuppressed()).containsExactly(earlier);
    String thisTest = "aRunsFailureReachesTheCallerAsACopyThrownFromTheCallersLine";
    assertThat(original.getStackTrace()).noneMatch(e -> e.getMethodName().equals(thisTest));
    assertThat(copy.getStackTrace()).anyMatch(e -> e.getMethodName().equals(thisTest));
  }

  @Test
  void forCallerCopiesEveryPart() {
    RuntimeException cause = new RuntimeException();
    ParallelForException original = new ParallelForException("m", 5, 6, cause);
    Exception first = new Exception("1");
    Exception second = new Exception("2");
    original.addSuppressed(first);
    original.addSuppressed(second);

    ParallelForException copy = Failures.forCaller(original);

    assertThat(copy).isNotSameAs(original).hasMessage("m");
    assertThat(copy.index()).isEqualTo(5);
    assertThat(copy.item()).isEqualTo(6);
    assertThat(copy.getCause()).isSameAs(cause);
    assertThat(copy.getSuppressed()).containsExactly(first, second);
  }

  @Test
  void errorsAndUncheckedExceptionsAreThrownAsTheyAre() {
    OutOfMemoryError error = new OutOfMemoryError();
    IllegalStateException unchecked = new IllegalStateException();

    assertThat(catchThrowable(() -> Failures.rethrow(error))).isSameAs(error);
    assertThat(catchThrowable(() -> Failures.rethrow(unchecked))).isSameAs(unchecked);
  }

  @Test
  void aCheckedExceptionIsWrappedSoItCanBeThrown() {
    Exception checked = new Exception("checked");

    Throwable thrown = catchThrowable(() -> Failures.rethrow(checked));

    assertThat(thrown)
        .isExactlyInstanceOf(ParallelForException.class)
        .hasMessage("the run failed: java.lang.Exception: checked");
    assertThat(thrown.getCause()).isSameAs(checked);
    assertThat(((ParallelForException) thrown).index()).isEqualTo(-1);
  }
}
