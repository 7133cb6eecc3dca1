package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parallelfor.Mode;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Spliterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What a result stream tells about itself, and how it ends when its reader is interrupted. */
class ResultStreamTest {
  private static final ParallelLoop<Integer, Integer> SQUARES =
      Parallel.of(Mode.CPU, (Integer n) -> n * n).parallelism(2);

  @Test
  void anInputOrderStreamIsOrderedAndKnowsItsSizeWhenTheInputDoes() {
    try (Stream<Integer> results = SQUARES.stream(List.of(1, 2, 3))) {
      Spliterator<Integer> spliterator = results.spliterator();
      assertThat(spliterator.hasCharacteristics(Spliterator.ORDERED)).isTrue();
      assertThat(spliterator.estimateSize()).isEqualTo(3);
      assertThat(spliterator.trySplit()).isNull();
    }
    Iterable<Integer> unsized = new LinkedList<>(List.of(1, 2, 3))::iterator;
    try (Stream<Integer> results = SQUARES.stream(unsized)) {
      assertThat(results.spliterator().estimateSize()).isEqualTo(Long.MAX_VALUE);
    }
  }

  @Test
  void aCompletionOrderStreamIsNotOrdered() {
    try (Stream<Completed<Integer>> results = SQUARES.asCompleted(List.of(1, 2, 3))) {
      Spliterator<Completed<Integer>> spliterator = results.spliterator();
      assertThat(spliterator.hasCharacteristics(Spliterator.ORDERED)).isFalse();
      assertThat(spliterator.characteristics()).isZero();
    }
  }

  @Test
  void theRunHasFinishedWhenItsStreamEnds() {
    AtomicBoolean finished = new AtomicBoolean();
    ProgressListener slowToFinish =
        new ProgressListener() {
          @Override
          public void onFinish(Progress progress) {
            // Long enough for a reader that did not wait for the finish to get ahead of it.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            finished.set(true);
          }
        };

    List<Integer> squares = SQUARES.onProgress(slowToFinish).stream(List.of(1, 2, 3)).toList();

    assertThat(squares).containsExactly(1, 4, 9);
    assertThat(finished).isTrue();
  }

  @Test
  void anInterruptedReaderStopsTheRunAndKeepsItsInterrupt() throws Exception {
    CountDownLatch itemBlocking = new CountDownLatch(1);
    AtomicBoolean itemInterrupted = new AtomicBoolean();
    ParallelLoop<Integer, Integer> blocking =
        Parallel.of(
                Mode.IO,
                (Integer n) -> {
                  itemBlocking.countDown();
                  try {
                    new CountDownLatch(1).await();
                  } catch (InterruptedException e) {
                    itemInterrupted.set(true);
                    throw e;
                  }
                  return n;
                })
            .parallelism(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flagAfter = new AtomicBoolean();
    Thread reader =
        new Thread(
            () -> {
              try (Stream<Integer> results = blocking.stream(List.of(1, 2))) {
                Iterator<Integer> it = results.iterator();
                thrown.set(catchThrowableOfType(ParallelForException.class, it::next));
              }
              flagAfter.set(Thread.currentThread().isInterrupted());
            });
    reader.start();
    assertThat(itemBlocking.await(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
    reader.interrupt();
    reader.join(TestBounds.HANG.toMillis());

    assertThat(reader.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(ParallelForException.class);
    assertThat(thrown.get().getCause()).isInstanceOf(InterruptedException.class);
    assertThat(flagAfter).isTrue();
    assertThat(itemInterrupted).isTrue();
  }
}
