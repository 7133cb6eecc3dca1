package dev.parallelfor.runtime.internal;

import static dev.parallelfor.runtime.internal.Fixtures.cpu;
import static dev.parallelfor.runtime.internal.Fixtures.lazy;
import static dev.parallelfor.runtime.internal.Fixtures.numbers;
import static dev.parallelfor.runtime.internal.ThreadFixtures.daemonThreads;
import static dev.parallelfor.runtime.internal.ThreadFixtures.fixedDaemonPool;
import static dev.parallelfor.runtime.internal.ThreadFixtures.shutDownAndDrain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.Progress;
import dev.parallelfor.runtime.ProgressListener;
import dev.parallelfor.runtime.SharedExecutors;
import dev.parallelfor.runtime.TestBounds;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every run ends: once a run is stopped (a deadline, an interrupt, an executor that refuses work, a
 * listener that throws) it returns or throws, whatever its input, executor or listener does, and
 * nested runs on a caller's small pool never deadlock.
 */
class RunEndsTest {
  @RegisterExtension final CapturedLog log = new CapturedLog();

  private static final Duration GUARD = TestBounds.HANG;

  // ---------------------------------------------------------------------------------------------
  // An input whose hasNext() blocks

  @ParameterizedTest(name = "{0} items before hasNext() blocks")
  @ValueSource(ints = {0, 3})
  void deadlineEndsARunWhoseInputBlocks(int ready) {
    BlockingInput input = new BlockingInput(ready, false);
    try {
      assertTimeoutPreemptively(
          GUARD,
          () -> {
            Throwable thrown =
                catchThrowable(
                    () -> Runs.run(cpu().withTimeout(Duration.ofMillis(100)), input, (i, x) -> x));
            assertRunLevelFailure(thrown, TimeoutException.class);
          });
    } finally {
      input.release();
    }
  }

  @ParameterizedTest(name = "{0} items before hasNext() blocks")
  @ValueSource(ints = {0, 3})
  void callerInterruptEndsARunWhoseInputBlocks(int ready) {
    BlockingInput input = new BlockingInput(ready, false);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flagAfter = new AtomicBoolean();
    Thread caller =
        new Thread(
            () -> {
              try {
                Runs.run(cpu(), input, (i, x) -> x);
              } catch (Throwable t) {
                thrown.set(t);
              }
              flagAfter.set(Thread.currentThread().isInterrupted());
            },
            "blocked-input-caller");
    caller.setDaemon(true);
    try {
      assertTimeoutPreemptively(
          GUARD,
          () -> {
            caller.start();
            input.blocking.await();
            caller.interrupt();
            caller.join();
            assertRunLevelFailure(thrown.get(), InterruptedException.class);
            assertThat(flagAfter).as("caller's interrupt flag after the run").isTrue();
          });
    } finally {
      input.release();
    }
  }

  @ParameterizedTest(name = "{0} items before hasNext() blocks")
  @ValueSource(ints = {0, 3})
  void deadlineEndsARunWhoseInputBlocksAndIgnoresInterrupts(int ready) {
    BlockingInput input = new BlockingInput(ready, true);
    // The thread stuck in the input belongs to this pool, not to the shared ones.
    ExecutorService pool = Executors.newCachedThreadPool(daemonThreads("stuck-input-"));
    Fixtures.RecordingListener listener = new Fixtures.RecordingListener();
    try {
      assertTimeoutPreemptively(
          GUARD,
          () -> {
            Throwable thrown =
                catchThrowable(
                    () ->
                        Runs.run(
                            cpu()
                                .withExecutor(pool)
                                .withListener(listener)
                                .withTimeout(Duration.ofMillis(100)),
                            input,
                            (i, x) -> x));
            assertRunLevelFailure(thrown, TimeoutException.class);
            assertThat(listener.finishes).as("onFinish calls before the run returned").hasSize(1);
          });
    } finally {
      input.release();
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Nested runs on a caller's small pool

  /** The forms an item can use to run a nested loop. */
  enum NestedForm {
    STREAM {
      @Override
      List<Integer> run(RunOptions options, List<Integer> items, int x) {
        try (Stream<Integer> results = Runs.stream(options, items, (j, y) -> x * 10 + y)) {
          return results.collect(Collectors.toList());
        }
      }
    },
    RUN_ASYNC_JOIN {
      @Override
      List<Integer> run(RunOptions options, List<Integer> items, int x) {
        return Runs.<Integer, Integer>runAsync(options, items, (j, y) -> x * 10 + y).join();
      }
    },
    RUN_ALL {
      @Override
      List<Integer> run(RunOptions options, List<Integer> items, int x) {
        return Runs.<Integer, Integer>runAll(options, items, (j, y) -> x * 10 + y).values();
      }
    },
    RUN {
      @Override
      List<Integer> run(RunOptions options, List<Integer> items, int x) {
        return Runs.run(options, items, (j, y) -> x * 10 + y);
      }
    };

    abstract List<Integer> run(RunOptions options, List<Integer> items, int x);
  }

  @ParameterizedTest
  @EnumSource(NestedForm.class)
  void nestedRunsOfEveryFormCompleteOnTheCallersFixedPool(NestedForm form) {
    ExecutorService pool = fixedDaemonPool(2, "caller-fixed-");
    try {
      RunOptions onPool = cpu().withParallelism(2).withExecutor(pool);
      List<List<Integer>> results =
          assertTimeoutPreemptively(
              GUARD, () -> Runs.run(onPool, numbers(4), (i, x) -> form.run(onPool, numbers(5), x)));
      List<List<Integer>> expected = new ArrayList<>();
      for (int x = 0; x < 4; x++) {
        int outer = x;
        expected.add(numbers(5).stream().map(y -> outer * 10 + y).collect(Collectors.toList()));
      }
      assertThat(results).isEqualTo(expected);
    } finally {
      shutDownAndDrain(pool);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // A result stream whose executor goes away while it is read

  @ParameterizedTest(name = "shutdownNow: {0}")
  @ValueSource(booleans = {false, true})
  void resultStreamEndsWhenItsPoolIsShutDownWhileRead(boolean now) {
    ExecutorService pool = fixedDaemonPool(1, "stream-pool-");
    try {
      assertTimeoutPreemptively(
          GUARD,
          () ->
              assertStreamEndsWhenItsExecutorGoesAway(
                  cpu().withParallelism(1).withExecutor(pool),
                  () -> {
                    if (now) {
                      pool.shutdownNow();
                    } else {
                      pool.shutdown();
                    }
                  }));
    } finally {
      shutDownAndDrain(pool);
    }
  }

  @Test
  void resultStreamEndsWhenTheSharedPoolsAreReleasedWhileRead() {
    assertTimeoutPreemptively(
        GUARD,
        () ->
            assertStreamEndsWhenItsExecutorGoesAway(
                cpu().withParallelism(1), SharedExecutors::release));
  }

  /**
   * Reads one result, makes the executor go away, then reads on: a parallelism-1 stream over more
   * items than its look-ahead holds needs new workers later, which the executor refuses.
   */
  private static void assertStreamEndsWhenItsExecutorGoesAway(RunOptions options, Runnable goAway) {
    int size = 100_000;
    List<Integer> read = new ArrayList<>();
    Throwable thrown;
    try (Stream<Integer> results = Runs.stream(options, numbers(size), (i, x) -> x)) {
      Iterator<Integer> iterator = results.iterator();
      read.add(iterator.next());
      goAway.run();
      thrown = catchThrowable(() -> iterator.forEachRemaining(read::add));
    }
    if (thrown == null) {
      assertThat(read).isEqualTo(numbers(size));
    } else {
      assertThat(thrown)
          .isInstanceOf(ParallelForException.class)
          .hasCauseInstanceOf(RejectedExecutionException.class);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // A listener that throws

  /** The listener method that throws. */
  enum Callback {
    ON_START,
    ON_PROGRESS,
    ON_FINISH
  }

  /** A listener whose one method throws the given error each time it is called. */
  private static final class ThrowingListener implements ProgressListener {
    final Callback where;
    final Error error;
    final CountDownLatch threw = new CountDownLatch(1);

    ThrowingListener(Callback where, Error error) {
      this.where = where;
      this.error = error;
    }

    @Override
    public void onStart(long total) {
      maybeThrow(Callback.ON_START);
    }

    @Override
    public void onProgress(Progress progress) {
      maybeThrow(Callback.ON_PROGRESS);
    }

    @Override
    public void onFinish(Progress progress) {
      maybeThrow(Callback.ON_FINISH);
    }

    private void maybeThrow(Callback here) {
      if (here == where) {
        threw.countDown();
        throw error;
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Callback.class)
  void listenerThrowingStackOverflowErrorReachesTheCallerUnwrapped(Callback where) {
    StackOverflowError error = new StackOverflowError("thrown by the listener");
    ThrowingListener listener = new ThrowingListener(where, error);
    Throwable thrown =
        assertTimeoutPreemptively(
            GUARD,
            () ->
                catchThrowable(
                    () ->
                        Runs.run(
                            cpu().withParallelism(2).withListener(listener),
                            numbers(100),
                            (i, x) -> x)));
    assertThat(thrown).isSameAs(error);
  }

  @ParameterizedTest
  @EnumSource(Callback.class)
  void listenerThrowingAssertionErrorKeepsTheResults(Callback where) {
    ThrowingListener listener = new ThrowingListener(where, new AssertionError("listener"));
    List<Integer> results =
        assertTimeoutPreemptively(
            GUARD,
            () ->
                Runs.run(
                    cpu().withParallelism(2).withListener(listener), numbers(100), (i, x) -> x));
    assertThat(results).isEqualTo(numbers(100));
    assertThat(listener.threw.getCount()).as("the listener threw").isZero();
    assertThat(log.thrown()).singleElement().isSameAs(listener.error);
  }

  @ParameterizedTest
  @EnumSource(Callback.class)
  void listenerThrowingAssertionErrorIsSuppressedOnTheItemFailure(Callback where) {
    AssertionError error = new AssertionError("listener");
    ThrowingListener listener = new ThrowingListener(where, error);
    Throwable thrown =
        assertTimeoutPreemptively(
            GUARD,
            () ->
                catchThrowable(
                    () ->
                        Runs.run(
                            cpu().withParallelism(2).withListener(listener),
                            numbers(100),
                            (i, x) -> {
                              if (x == 50) {
                                // onStart and onProgress have thrown before the item fails.
                                if (where != Callback.ON_FINISH) {
                                  listener.threw.await(5, TimeUnit.SECONDS);
                                }
                                throw new IOException("item 50");
                              }
                              return x;
                            })));
    assertThat(thrown).isInstanceOf(ParallelForException.class);
    ParallelForException e = (ParallelForException) thrown;
    assertThat(e.index()).isEqualTo(50);
    assertThat(e.getCause()).isInstanceOf(IOException.class);
    assertThat(e.getSuppressed()).contains(error);
  }

  // ---------------------------------------------------------------------------------------------
  // Parallelism near the int range

  @ParameterizedTest
  @ValueSource(ints = {Integer.MAX_VALUE, (1 << 30) - 1})
  void resultStreamWithAHugeParallelismReturnsEveryResultInOrder(int parallelism) {
    try {
      List<Integer> results =
          assertTimeoutPreemptively(
              GUARD,
              () -> {
                try (Stream<Integer> stream =
                    Runs.stream(cpu().withParallelism(parallelism), numbers(1000), (i, x) -> x)) {
                  return stream.collect(Collectors.toList());
                }
              });
      assertThat(results).isEqualTo(numbers(1000));
    } finally {
      SharedExecutors.release(); // the test may have grown the shared pool a lot
    }
  }

  // ---------------------------------------------------------------------------------------------
  // An executor that throws something other than RejectedExecutionException

  /**
   * Accepts its first {@code accepts} tasks (each on a new daemon thread), then throws an
   * IllegalStateException; counts the accepted tasks that have returned.
   */
  private static final class ThrowingExecutor implements Executor {
    final IllegalStateException failure = new IllegalStateException("executor is closing");
    final AtomicInteger accepted = new AtomicInteger();
    final Semaphore returned = new Semaphore(0);
    private final int accepts;
    private final ThreadFactory threads = daemonThreads("throwing-executor-");

    ThrowingExecutor(int accepts) {
      this.accepts = accepts;
    }

    @Override
    public void execute(Runnable task) {
      if (accepted.get() >= accepts) {
        throw failure;
      }
      accepted.incrementAndGet();
      threads
          .newThread(
              () -> {
                try {
                  task.run();
                } finally {
                  returned.release();
                }
              })
          .start();
    }
  }

  @ParameterizedTest(name = "accepts {0} task(s), lazy input: {1}")
  @CsvSource({"0, false", "1, false", "1, true"})
  void executorThrowingIllegalStateFailsTheRunAndNoItemStartsAfterwards(
      int accepts, boolean lazyInput) {
    ThrowingExecutor executor = new ThrowingExecutor(accepts);
    Fixtures.RecordingListener listener = new Fixtures.RecordingListener();
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger starts = new AtomicInteger();
    try {
      assertTimeoutPreemptively(
          GUARD,
          () -> {
            Iterable<Integer> items = lazyInput ? lazy(numbers(100)) : numbers(100);
            Throwable thrown =
                catchThrowable(
                    () ->
                        Runs.run(
                            cpu().withParallelism(4).withExecutor(executor).withListener(listener),
                            items,
                            (i, x) -> {
                              starts.incrementAndGet();
                              release.await(); // until the run interrupts it, or the test ends
                              return x;
                            }));
            int startsAtReturn = starts.get();
            int finishesAtReturn = listener.finishes.size();
            // Let any item still there go on, and wait until every accepted task has returned.
            release.countDown();
            boolean allReturned =
                executor.returned.tryAcquire(executor.accepted.get(), 5, TimeUnit.SECONDS);

            assertAll(
                () ->
                    assertThat(thrown)
                        .isInstanceOf(ParallelForException.class)
                        .extracting(Throwable::getCause)
                        .isSameAs(executor.failure),
                () ->
                    assertThat(finishesAtReturn)
                        .as("onFinish calls when run returned")
                        .isEqualTo(1),
                () -> assertThat(allReturned).as("every accepted task returned").isTrue(),
                () ->
                    assertThat(starts.get())
                        .as("items started, compared with %d when run returned", startsAtReturn)
                        .isEqualTo(startsAtReturn));
          });
    } finally {
      release.countDown();
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** A deadline or caller interrupt: index -1, no item, the expected cause. */
  private static void assertRunLevelFailure(Throwable thrown, Class<? extends Throwable> cause) {
    assertThat(thrown).isInstanceOf(ParallelForException.class);
    ParallelForException e = (ParallelForException) thrown;
    assertThat(e.getCause()).isInstanceOf(cause);
    assertThat(e.index()).isEqualTo(-1);
    assertThat(e.item()).isNull();
  }

  /**
   * An input that hands out {@code ready} items and then blocks in {@code hasNext()} until released
   * (and then ends). Interruptible, the blocked call throws an IllegalStateException caused by the
   * InterruptedException; otherwise it ignores interrupts and keeps waiting.
   */
  private static final class BlockingInput implements Iterable<Integer> {
    /** Counted down when a {@code hasNext()} starts to block. */
    final CountDownLatch blocking = new CountDownLatch(1);

    private final CountDownLatch released = new CountDownLatch(1);
    private final int ready;
    private final boolean ignoreInterrupts;

    BlockingInput(int ready, boolean ignoreInterrupts) {
      this.ready = ready;
      this.ignoreInterrupts = ignoreInterrupts;
    }

    void release() {
      released.countDown();
    }

    @Override
    public Iterator<Integer> iterator() {
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          if (next < ready) {
            return true;
          }
          blocking.countDown();
          awaitRelease();
          return false;
        }

        @Override
        public Integer next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return next++;
        }
      };
    }

    private void awaitRelease() {
      while (true) {
        try {
          released.await();
          return;
        } catch (InterruptedException e) {
          if (!ignoreInterrupts) {
            throw new IllegalStateException("interrupted while waiting for input", e);
          }
        }
      }
    }
  }
}
