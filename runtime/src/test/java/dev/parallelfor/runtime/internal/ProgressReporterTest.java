package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelfor.runtime.Ending;
import dev.parallelfor.runtime.Progress;
import dev.parallelfor.runtime.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reporter alone, driven from the test thread: what reaches the listener, and when. */
class ProgressReporterTest {
  private final List<Throwable> fatal = new ArrayList<>();

  /** Records every call as text, and the counts of each progress. */
  private static class Recorder implements ProgressListener {
    final List<String> calls = new ArrayList<>();
    final List<Progress> progress = new ArrayList<>();

    @Override
    public void onStart(long total) {
      calls.add("start " + total);
    }

    @Override
    public void onProgress(Progress p) {
      progress.add(p);
      calls.add("progress " + p.completed() + "/" + p.failed() + " of " + p.total());
    }

    @Override
    public void onFinish(Progress p) {
      calls.add("one-argument finish");
    }

    @Override
    public void onFinish(Progress p, Ending ending) {
      progress.add(p);
      calls.add(
          "finish "
              + p.completed()
              + "/"
              + p.failed()
              + " of "
              + p.total()
              + " "
              + ending.describe());
    }
  }

  /** The run a reporter stops: keeps what it was stopped with. */
  private final Stopper run =
      new Stopper() {
        @Override
        public void stop(Throwable cause, boolean keepIfLate) {
          assertThat(keepIfLate).isTrue();
          fatal.add(cause);
        }

        @Override
        public void callerInterrupted() {
          throw new AssertionError("a reporter never reports an interrupt");
        }
      };

  private ProgressReporter reporter(ProgressListener listener, long total) {
    return new ProgressReporter(listener, total, System.nanoTime(), run);
  }

  @Test
  void eachAddReportsTheRunningCounts() {
    Recorder recorder = new Recorder();
    ProgressReporter reporter = reporter(recorder, 10);
    reporter.start();
    reporter.add(3, 0, 0);
    reporter.add(2, 1, 0);
    reporter.add(1, 0, 0);
    reporter.finish(Ending.done());

    assertThat(recorder.calls)
        .containsExactly(
            "start 10",
            "progress 3/0 of 10",
            "progress 5/1 of 10",
            "progress 6/1 of 10",
            "finish 6/1 of 10 done");
    assertThat(reporter.completed()).isEqualTo(6);
    assertThat(reporter.failed()).isEqualTo(1);
    assertThat(reporter.listenerFailure()).isNull();
  }

  @Test
  void anUnknownTotalIsPassedOn() {
    Recorder recorder = new Recorder();
    ProgressReporter reporter = reporter(recorder, -1);
    reporter.start();
    reporter.add(4, 4, 0);
    reporter.finish(new Ending(Ending.Kind.FAILED, 3, java.util.Optional.empty()));

    assertThat(recorder.calls)
        .containsExactly("start -1", "progress 4/4 of -1", "finish 4/4 of -1 failed at item 3");
  }

  @Test
  void addingNothingReportsNothing() {
    Recorder recorder = new Recorder();
    ProgressReporter reporter = reporter(recorder, 10);
    reporter.add(0, 0, 0);
    assertThat(recorder.calls).isEmpty();
    assertThat(reporter.completed()).isZero();
  }

  @Test
  void withoutAListenerTheCountsAreStillKept() {
    ProgressReporter reporter = reporter(null, 10);
    reporter.start();
    reporter.add(4, 2, 0);
    reporter.add(1, 0, 0);
    reporter.finish(Ending.done());

    assertThat(reporter.completed()).isEqualTo(5);
    assertThat(reporter.failed()).isEqualTo(2);
    assertThat(reporter.listenerFailure()).isNull();
    assertThat(fatal).isEmpty();
  }

  @Test
  void elapsedTimeCountsFromTheGivenStart() {
    Recorder recorder = new Recorder();
    long start = System.nanoTime();
    ProgressReporter reporter = new ProgressReporter(recorder, 10, start, run);
    reporter.add(1, 0, 0);
    reporter.finish(Ending.done());
    long upperBound = System.nanoTime() - start;

    assertThat(recorder.progress).hasSize(2);
    for (Progress p : recorder.progress) {
      assertThat(p.elapsed().toNanos()).isBetween(0L, upperBound);
    }
  }

  @Test
  void anAddFromInsideTheListenerIsReportedAfterTheCallNotWithinIt() {
    // As a second worker finishing while the first reports: it leaves the report to the first,
    // which reports again once its call returns, so no update is missed and none overlap.
    List<String> calls = new ArrayList<>();
    ProgressReporter[] self = new ProgressReporter[1];
    int[] depth = {0};
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void onProgress(Progress p) {
            depth[0]++;
            calls.add(p.completed() + "/" + p.failed() + " at depth " + depth[0]);
            if (p.completed() < 3) {
              self[0].add(1, 1, 0);
            }
            depth[0]--;
          }
        };
    self[0] = reporter(listener, 10);
    self[0].add(1, 0, 0);

    assertThat(calls).containsExactly("1/0 at depth 1", "2/1 at depth 1", "3/2 at depth 1");
    assertThat(self[0].completed()).isEqualTo(3);
    assertThat(self[0].failed()).isEqualTo(2);
  }

  @Test
  void severalAddsDuringOneCallAreReportedAsOne() {
    List<Long> reported = new ArrayList<>();
    ProgressReporter[] self = new ProgressReporter[1];
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void onProgress(Progress p) {
            reported.add(p.completed());
            if (p.completed() == 1) {
              self[0].add(1, 0, 0);
              self[0].add(1, 0, 0);
              self[0].add(1, 0, 0);
            }
          }
        };
    self[0] = reporter(listener, 10);
    self[0].add(1, 0, 0);
    self[0].add(1, 0, 0);

    assertThat(reported).containsExactly(1L, 4L, 5L);
  }

  @Test
  void aListenerThatThrowsIsCalledAgainForTheNextCountsAndItsFirstFailureIsKept() {
    IllegalStateException first = new IllegalStateException("first");
    IllegalStateException second = new IllegalStateException("second");
    IllegalStateException third = new IllegalStateException("third");
    List<Long> reported = new ArrayList<>();
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void onProgress(Progress p) {
            reported.add(p.completed());
            throw p.completed() == 1 ? first : second;
          }

          @Override
          public void onFinish(Progress p, Ending ending) {
            throw third;
          }
        };
    ProgressReporter reporter = reporter(listener, 10);
    reporter.add(1, 0, 0);
    reporter.add(1, 0, 0);
    reporter.finish(Ending.done());

    assertThat(reported).containsExactly(1L, 2L);
    assertThat(reporter.listenerFailure()).isSameAs(first);
    assertThat(first.getSuppressed()).containsExactly(second, third);
    assertThat(fatal).isEmpty();
  }

  @Test
  void aFailingStartIsKeptAndTheRunStillReports() {
    IllegalStateException failure = new IllegalStateException("start");
    Recorder recorder =
        new Recorder() {
          @Override
          public void onStart(long total) {
            throw failure;
          }
        };
    ProgressReporter reporter = reporter(recorder, 2);
    reporter.start();
    reporter.add(2, 0, 0);
    reporter.finish(Ending.done());

    assertThat(reporter.listenerFailure()).isSameAs(failure);
    assertThat(recorder.calls).containsExactly("progress 2/0 of 2", "finish 2/0 of 2 done");
  }

  @Test
  void theSameExceptionThrownAgainIsNotSuppressedOnItself() {
    IllegalStateException always = new IllegalStateException("always");
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void onProgress(Progress p) {
            throw always;
          }
        };
    ProgressReporter reporter = reporter(listener, 10);
    reporter.add(1, 0, 0);
    reporter.add(1, 0, 0);
    reporter.add(1, 0, 0);

    assertThat(reporter.listenerFailure()).isSameAs(always);
    assertThat(always.getSuppressed()).isEmpty();
  }

  @Test
  void atMostSixteenListenerFailuresAreKept() {
    List<RuntimeException> thrown = new ArrayList<>();
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void onProgress(Progress p) {
            RuntimeException e = new RuntimeException("call " + p.completed());
            thrown.add(e);
            throw e;
          }
        };
    ProgressReporter reporter = reporter(listener, 100);
    for (int i = 0; i < 20; i++) {
      reporter.add(1, 0, 0);
    }

    assertThat(thrown).hasSize(20);
    assertThat(reporter.listenerFailure()).isSameAs(thrown.get(0));
    assertThat(reporter.listenerFailure().getSuppressed())
        .containsExactlyElementsOf(thrown.subList(1, 16));
  }

  @Test
  void aVirtualMachineErrorGoesToTheFatalHandlerNotToTheKeptFailures() {
    StackOverflowError overflow = new StackOverflowError();
    IllegalStateException later = new IllegalStateException("later");
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void onProgress(Progress p) {
            if (p.completed() == 1) {
              throw overflow;
            }
            throw later;
          }
        };
    ProgressReporter reporter = reporter(listener, 10);
    reporter.add(1, 0, 0);
    assertThat(fatal).containsExactly(overflow);
    assertThat(reporter.listenerFailure()).isNull();

    reporter.add(1, 0, 0);
    assertThat(fatal).containsExactly(overflow);
    assertThat(reporter.listenerFailure()).isSameAs(later);
    assertThat(later.getSuppressed()).isEmpty();
  }

  @Test
  void theFinishIsTheTwoArgumentCall() {
    Recorder recorder = new Recorder();
    ProgressReporter reporter = reporter(recorder, 1);
    reporter.finish(new Ending(Ending.Kind.CANCELLED, -1, java.util.Optional.empty()));
    assertThat(recorder.calls).containsExactly("finish 0/0 of 1 cancelled");
  }
}
