package dev.parallelfor.runtime.internal;

import static dev.parallelfor.runtime.internal.Fixtures.cpu;
import static dev.parallelfor.runtime.internal.Fixtures.lazy;
import static dev.parallelfor.runtime.internal.Fixtures.numbers;
import static dev.parallelfor.runtime.internal.ThreadFixtures.spin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.Progress;
import dev.parallelfor.runtime.ProgressListener;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProgressTest {
  @RegisterExtension final CapturedLog log = new CapturedLog();

  @Test
  void countsAreExactMonotonicAndNeverReportedConcurrently() {
    Fixtures.RecordingListener listener = new Fixtures.RecordingListener();
    Runs.run(cpu().withParallelism(4).withListener(listener), numbers(20_000), (i, x) -> x);
    assertThat(listener.starts).containsExactly(20_000L);
    assertThat(listener.overlapped).isFalse();
    assertThat(listener.progress).isNotEmpty();
    long previous = 0;
    for (Progress p : listener.progress) {
      assertThat(p.completed()).isGreaterThan(previous);
      assertThat(p.total()).isEqualTo(20_000);
      previous = p.completed();
    }
    assertThat(previous).isEqualTo(20_000);
    assertThat(listener.finishes).hasSize(1);
    assertThat(listener.finishes.get(0).completed()).isEqualTo(20_000);
    assertThat(listener.finishes.get(0).failed()).isZero();
  }

  @Test
  void unknownTotalIsMinusOne() {
    Fixtures.RecordingListener listener = new Fixtures.RecordingListener();
    Runs.run(cpu().withListener(listener), lazy(numbers(100)), (i, x) -> x);
    assertThat(listener.starts).containsExactly(-1L);
    assertThat(listener.finishes.get(0).completed()).isEqualTo(100);
    assertThat(listener.finishes.get(0).fraction()).isEqualTo(-1);
  }

  @Test
  void onFinishIsCalledOnceOnFailureWithFailedCounts() {
    Fixtures.RecordingListener listener = new Fixtures.RecordingListener();
    catchThrowableOfType(
        ParallelForException.class,
        () ->
            Runs.run(
                cpu().withParallelism(1).withListener(listener),
                numbers(10),
                (i, x) -> {
                  if (x == 4) {
                    throw new IOException("4");
                  }
                  return x;
                }));
    assertThat(listener.finishes).hasSize(1);
    Progress last = listener.finishes.get(0);
    assertThat(last.completed()).isEqualTo(5);
    assertThat(last.failed()).isEqualTo(1);
  }

  @Test
  void runAllCountsFailures() {
    Fixtures.RecordingListener listener = new Fixtures.RecordingListener();
    Runs.runAll(
        cpu().withListener(listener),
        numbers(100),
        (i, x) -> {
          if (x % 10 == 0) {
            throw new IOException();
          }
          return x;
        });
    Progress last = listener.finishes.get(0);
    assertThat(last.completed()).isEqualTo(100);
    assertThat(last.failed()).isEqualTo(10);
  }

  @Test
  void emptyInputStillStartsAndFinishes() {
    Fixtures.RecordingListener listener = new Fixtures.RecordingListener();
    Runs.run(cpu().withListener(listener), List.of(), (i, x) -> x);
    assertThat(listener.starts).containsExactly(0L);
    assertThat(listener.finishes).hasSize(1);
    assertThat(listener.finishes.get(0).fraction()).isEqualTo(1.0);
  }

  @Test
  void throwingListenerKeepsTheResults() {
    ProgressListener throwing =
        new ProgressListener() {
          @Override
          public void onProgress(Progress p) {
            throw new IllegalStateException("listener bug");
          }
        };
    List<Integer> results = Runs.run(cpu().withListener(throwing), numbers(1000), (i, x) -> x * 2);
    assertThat(results).hasSize(1000);
    assertThat(results.get(999)).isEqualTo(1998);
    // With no failure to attach it to, the listener's exception is logged once (the first; later
    // ones are suppressed on it).
    assertThat(log.thrown())
        .singleElement()
        .satisfies(e -> assertThat(e).hasMessage("listener bug"));
  }

  @Test
  void throwingListenerIsSuppressedOnTheRunsFailure() {
    ProgressListener throwing =
        new ProgressListener() {
          @Override
          public void onFinish(Progress p) {
            throw new IllegalStateException("listener bug");
          }
        };
    ParallelForException e =
        catchThrowableOfType(
            ParallelForException.class,
            () ->
                Runs.run(
                    cpu().withListener(throwing),
                    numbers(10),
                    (i, x) -> {
                      throw new IOException("item");
                    }));
    assertThat(e.getSuppressed()).anySatisfy(s -> assertThat(s).hasMessage("listener bug"));
  }

  @Test
  void aListenerThatAlwaysThrowsKeepsItsFirstFailureWithABoundedNumberOfLaterOnes() {
    AtomicInteger thrown = new AtomicInteger();
    ProgressListener failing =
        new ProgressListener() {
          @Override
          public void onProgress(Progress progress) {
            throw new IllegalStateException("listener failure " + thrown.incrementAndGet());
          }
        };
    // Items of about 300 µs keep every chunk at one item, so each item is one onProgress call.
    List<Integer> items = IntStream.range(0, 60).boxed().toList();
    ParallelForException failure =
        assertThrows(
            ParallelForException.class,
            () ->
                Runs.run(
                    RunOptions.of(Mode.CPU, 0).withParallelism(1).withListener(failing),
                    items,
                    (index, item) -> {
                      spin(300_000);
                      if (item == 59) {
                        throw new IllegalArgumentException("last item");
                      }
                      return item;
                    }));
    assertTrue(thrown.get() > 20, "listener threw only " + thrown.get() + " times");
    Throwable first = null;
    for (Throwable suppressed : failure.getSuppressed()) {
      if (suppressed.getMessage().equals("listener failure 1")) {
        first = suppressed;
      }
    }
    assertNotNull(first, "the listener's first failure is attached to the run's");
    assertEquals(15, first.getSuppressed().length, "sixteen listener failures kept in all");
    assertEquals("listener failure 2", first.getSuppressed()[0].getMessage());
  }

  @Test
  void progressArithmetic() {
    Progress p = new Progress(250, 5, 1000, java.time.Duration.ofSeconds(5));
    assertThat(p.fraction()).isEqualTo(0.25);
    assertThat(p.ratePerSecond()).isEqualTo(50.0);
    assertThat(p.eta()).contains(java.time.Duration.ofSeconds(15));
    assertThat(new Progress(0, 0, 1000, java.time.Duration.ofSeconds(1)).eta()).isEmpty();
    assertThat(new Progress(10, 0, -1, java.time.Duration.ofSeconds(1)).eta()).isEmpty();
  }

  @Test
  void theElapsedTimeReportedIsTheRunsOwn() {
    AtomicReference<Progress> last = new AtomicReference<>();
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void onFinish(Progress progress) {
            last.set(progress);
          }
        };
    long before = System.nanoTime();
    Runs.run(RunOptions.of(Mode.CPU, 0).withListener(listener), numbers(10), (index, item) -> item);
    long wall = System.nanoTime() - before;
    Duration elapsed = last.get().elapsed();
    assertFalse(elapsed.isNegative(), elapsed.toString());
    assertTrue(elapsed.toNanos() <= wall, elapsed + " > " + Duration.ofNanos(wall));
  }
}
