package dev.parallelfor.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parallelfor.runtime.ItemFunction;
import dev.parallelfor.runtime.Parallel;
import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.ParallelLoop;
import dev.parallelfor.runtime.Progress;
import dev.parallelfor.runtime.ProgressListener;
import dev.parallelfor.runtime.Results;
import dev.parallelfor.runtime.TestBounds;
import dev.parallelfor.runtime.spi.Cluster;
import dev.parallelfor.runtime.spi.ClusterChunk;
import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a worker records what a {@link Cluster} answered for a chunk: with fake clusters that answer
 * for part of a chunk, with failures, with nothing, or not at all.
 */
class ClusterChunkRunnerTest {
  interface Fn extends ItemFunction<Integer, Object>, Serializable {}

  private static final Fn TEN_TIMES = n -> 10 * n;

  private static List<Integer> numbers(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toCollection(ArrayList::new));
  }

  private static List<Object> tenTimes(int n) {
    return IntStream.range(0, n).mapToObj(i -> (Object) (10 * i)).toList();
  }

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted(); // a test that makes the run see a caller's interrupt leaves none behind
  }

  /** One call of the cluster as the fake saw it. */
  record Call(long firstIndex, int count, List<Object> items) {}

  /** A cluster in this thread: runs the first items of a chunk as {@link #answer} says. */
  abstract static class FakeCluster implements Cluster {
    final List<Call> calls = new CopyOnWriteArrayList<>();

    @Override
    public int parallelism() {
      return 1;
    }

    @Override
    public long targetChunkNanos() {
      return 1_000_000_000L;
    }

    @Override
    public ClusterChunk.Result run(ClusterChunk chunk) throws InterruptedException {
      Object[] items = chunk.items();
      calls.add(
          new Call(
              chunk.firstIndex(),
              chunk.count(),
              items == null ? null : Arrays.asList(Arrays.copyOf(items, chunk.count()))));
      return answer(chunk);
    }

    abstract ClusterChunk.Result answer(ClusterChunk chunk) throws InterruptedException;

    /** The values of the chunk's first {@code n} items, in an array {@code length} long. */
    static Object[] values(ClusterChunk chunk, int n, int length) {
      Object[] values = new Object[length];
      for (int i = 0; i < n; i++) {
        try {
          values[i] =
              chunk
                  .function()
                  .apply(chunk.firstIndex() + i, chunk.items() == null ? null : chunk.items()[i]);
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }
      return values;
    }

    /** The first {@code n} items ran without failure, taking 1 ns. */
    static ClusterChunk.Result ran(ClusterChunk chunk, int n) {
      return new ClusterChunk.Result(n, values(chunk, n, n), new int[0], new Throwable[0], 1);
    }
  }

  /** Records the progress a run finished with. */
  static final class LastProgress implements ProgressListener {
    final AtomicReference<Progress> last = new AtomicReference<>();

    @Override
    public void onFinish(Progress progress) {
      last.set(progress);
    }
  }

  @Test
  void theRestOfAChunkAnsweredInPartIsShippedFromItsFirstItemWithoutAnOutcome() {
    FakeCluster oneAtATime =
        new FakeCluster() {
          @Override
          ClusterChunk.Result answer(ClusterChunk chunk) {
            return ran(chunk, 1);
          }
        };
    List<Integer> input = numbers(30);
    LastProgress progress = new LastProgress();
    List<Object> results =
        assertTimeoutPreemptively(
            TestBounds.HANG,
            () -> Parallel.cpu(TEN_TIMES).on(oneAtATime).onProgress(progress).run(input));
    assertEquals(tenTimes(30), results);
    // One call per item, each for the items from the first one not answered yet to the chunk's end.
    assertEquals(30, oneAtATime.calls.size());
    for (int c = 0; c < oneAtATime.calls.size(); c++) {
      Call call = oneAtATime.calls.get(c);
      assertEquals(c, call.firstIndex());
      assertEquals(input.subList(c, c + call.count()), call.items());
      if (c > 0 && oneAtATime.calls.get(c - 1).count() > 1) {
        assertEquals(oneAtATime.calls.get(c - 1).count() - 1, call.count(), "call " + c);
      }
    }
    // A chunk of four items followed the first one: its rest was shipped three times.
    assertEquals(
        List.of(1, 4, 3, 2, 1), oneAtATime.calls.subList(0, 5).stream().map(Call::count).toList());
    assertEquals(30, progress.last.get().completed());
    assertEquals(0, progress.last.get().failed());
  }

  @Test
  void aMemberThatAnswersForMoreItemsThanTheChunkHoldsIsHeldToTheChunk() {
    FakeCluster overAnswering =
        new FakeCluster() {
          boolean partDone;

          @Override
          ClusterChunk.Result answer(ClusterChunk chunk) {
            if (!partDone && chunk.count() > 1) {
              partDone = true;
              return ran(chunk, 1);
            }
            partDone = false;
            int claimed = chunk.count() + 3;
            Object[] values = values(chunk, chunk.count(), claimed);
            Arrays.fill(values, chunk.count(), claimed, "not an item");
            return new ClusterChunk.Result(claimed, values, new int[0], new Throwable[0], 1);
          }
        };
    LastProgress progress = new LastProgress();
    List<Object> results =
        assertTimeoutPreemptively(
            TestBounds.HANG,
            () -> Parallel.cpu(TEN_TIMES).on(overAnswering).onProgress(progress).run(numbers(21)));
    assertEquals(tenTimes(21), results);
    assertEquals(21, progress.last.get().completed());
    Call last = overAnswering.calls.get(overAnswering.calls.size() - 1);
    assertEquals(21, last.firstIndex() + last.count());
  }

  @Test
  void failuresOfAChunkAreKeptAtTheirItemsIndexesAndCounted() {
    FakeCluster failingSome =
        new FakeCluster() {
          boolean partDone;

          @Override
          ClusterChunk.Result answer(ClusterChunk chunk) {
            // Half of a chunk first, then its rest; items n % 7 == 3 failed.
            int n = !partDone && chunk.count() > 1 ? chunk.count() / 2 : chunk.count();
            partDone = n < chunk.count();
            Object[] values = values(chunk, n, n);
            List<Integer> at = new ArrayList<>();
            List<Throwable> thrown = new ArrayList<>();
            for (int i = 0; i < n; i++) {
              int item = (Integer) chunk.items()[i];
              if (item % 7 == 3) {
                at.add(i);
                thrown.add(new IllegalStateException("no " + item));
                values[i] = "failed";
              }
            }
            return new ClusterChunk.Result(
                n,
                values,
                at.stream().mapToInt(Integer::intValue).toArray(),
                thrown.toArray(new Throwable[0]),
                1);
          }
        };
    LastProgress progress = new LastProgress();
    Results<Object> results =
        assertTimeoutPreemptively(
            TestBounds.HANG,
            () -> Parallel.cpu(TEN_TIMES).on(failingSome).onProgress(progress).runAll(numbers(40)));
    assertEquals(
        List.of(3L, 10L, 17L, 24L, 31L, 38L),
        results.failures().stream().map(ParallelForException::index).toList());
    for (ParallelForException failure : results.failures()) {
      assertEquals((int) failure.index(), failure.item());
      assertEquals("no " + failure.index(), failure.getCause().getMessage());
    }
    for (int i = 0; i < 40; i++) {
      if (i % 7 == 3) {
        assertFalse(results.isSuccess(i), "item " + i);
      } else {
        assertEquals(10 * i, results.value(i), "item " + i);
      }
    }
    assertEquals(6, results.failed());
    assertEquals(40, progress.last.get().completed());
    assertEquals(6, progress.last.get().failed());
  }

  @Test
  void aFatalErrorOfAnItemOnAMemberEndsTheRunWithIt() {
    StackOverflowError fatal = new StackOverflowError("deep");
    FakeCluster fatalAtFive =
        new FakeCluster() {
          @Override
          ClusterChunk.Result answer(ClusterChunk chunk) {
            long first = chunk.firstIndex();
            int n = chunk.count();
            if (first <= 5 && 5 < first + n) {
              int at = (int) (5 - first);
              return new ClusterChunk.Result(
                  n, values(chunk, n, n), new int[] {at}, new Throwable[] {fatal}, 1);
            }
            return ran(chunk, n);
          }
        };
    ParallelLoop<Integer, Object> loop = Parallel.cpu(TEN_TIMES).on(fatalAtFive);
    StackOverflowError e =
        assertThrows(
            StackOverflowError.class,
            () -> assertTimeoutPreemptively(TestBounds.HANG, () -> loop.runAll(numbers(30))));
    assertSame(fatal, e);
  }

  @Test
  void aClusterThatCannotRunAChunkFailsTheRunWithWhatItThrew() {
    IllegalStateException noMember = new IllegalStateException("no member left");
    FakeCluster broken =
        new FakeCluster() {
          @Override
          ClusterChunk.Result answer(ClusterChunk chunk) {
            throw noMember;
          }
        };
    ParallelLoop<Integer, Object> loop = Parallel.cpu(TEN_TIMES).on(broken);
    ParallelForException e =
        assertThrows(
            ParallelForException.class,
            () -> assertTimeoutPreemptively(TestBounds.HANG, () -> loop.run(numbers(10))));
    assertEquals(
        "the cluster could not run a chunk of items: java.lang.IllegalStateException: no member"
            + " left",
        e.getMessage());
    assertSame(noMember, e.getCause());
    assertEquals(-1, e.index());
    assertEquals(1, broken.calls.size());
  }

  /** Answers without an item a number of times before each answer that has one. */
  static FakeCluster emptyAnswersBeforeEachItem(int empty) {
    return new FakeCluster() {
      int calls;

      @Override
      ClusterChunk.Result answer(ClusterChunk chunk) {
        calls++;
        if (calls > 100) {
          throw new IllegalStateException("asked " + calls + " times");
        }
        if (calls % (empty + 1) != 0) {
          return ran(chunk, 0);
        }
        return ran(chunk, 1);
      }
    };
  }

  @Test
  void sixteenAnswersInARowWithoutAnItemFailTheRun() {
    FakeCluster neverRuns = emptyAnswersBeforeEachItem(1_000);
    ParallelLoop<Integer, Object> loop = Parallel.cpu(TEN_TIMES).on(neverRuns);
    ParallelForException e =
        assertThrows(
            ParallelForException.class,
            () -> assertTimeoutPreemptively(TestBounds.HANG, () -> loop.run(numbers(10))));
    assertEquals(
        "the cluster could not run a chunk of items: java.lang.IllegalStateException: the cluster"
            + " answered 16 times in a row without running an item",
        e.getMessage());
    assertEquals(16, neverRuns.calls.size());
    assertTrue(neverRuns.calls.stream().allMatch(call -> call.firstIndex() == 0));
  }

  @Test
  void anAnswerWithAnItemStartsTheCountOfEmptyAnswersAgain() {
    FakeCluster slow = emptyAnswersBeforeEachItem(15);
    List<Object> results =
        assertTimeoutPreemptively(
            TestBounds.HANG, () -> Parallel.cpu(TEN_TIMES).on(slow).run(numbers(5)));
    assertEquals(tenTimes(5), results);
    assertEquals(5 * 16, slow.calls.size());
  }

  @Test
  void theTimeTheMemberReportsSizesTheNextChunks() {
    FakeCluster slowItems =
        new FakeCluster() {
          @Override
          ClusterChunk.Result answer(ClusterChunk chunk) {
            int n = chunk.count();
            // Each item took longer than a chunk should: chunks stay at one item.
            return new ClusterChunk.Result(
                n, values(chunk, n, n), new int[0], new Throwable[0], 2_000_000_000L * n);
          }
        };
    assertEquals(
        tenTimes(20),
        assertTimeoutPreemptively(
            TestBounds.HANG, () -> Parallel.cpu(TEN_TIMES).on(slowItems).run(numbers(20))));
    assertEquals(20, slowItems.calls.size());
    assertTrue(slowItems.calls.stream().allMatch(call -> call.count() == 1));
  }

  @Test
  void anInterruptTheRunDidNotMakeCancelsTheRunAsACallersInterrupt() {
    FakeCluster interruptedOnce =
        new FakeCluster() {
          @Override
          ClusterChunk.Result answer(ClusterChunk chunk) throws InterruptedException {
            if (calls.size() == 1) {
              throw new InterruptedException("the worker's executor was shut down");
            }
            return ran(chunk, chunk.count());
          }
        };
    ParallelLoop<Integer, Object> loop = Parallel.cpu(TEN_TIMES).on(interruptedOnce);
    ParallelForException e =
        assertThrows(
            ParallelForException.class,
            () -> assertTimeoutPreemptively(TestBounds.HANG, () -> loop.run(numbers(10))));
    assertTrue(
        e.getMessage().startsWith("the calling thread was interrupted; the run was cancelled ("),
        e.getMessage());
    assertInstanceOf(InterruptedException.class, e.getCause());
    assertEquals(1, interruptedOnce.calls.size());
  }

  @Test
  void theInterruptOfAWaitingWorkerByTheRunsOwnStopIsNotACallersInterrupt() throws Exception {
    CountDownLatch waiting = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    IllegalStateException bad = new IllegalStateException("bad 1");
    FakeCluster cluster =
        new FakeCluster() {
          @Override
          public int parallelism() {
            return 2;
          }

          @Override
          ClusterChunk.Result answer(ClusterChunk chunk) throws InterruptedException {
            if (chunk.firstIndex() == 0) {
              waiting.countDown();
              never.await(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS);
              throw new AssertionError("the waiting worker was not interrupted");
            }
            assertTrue(waiting.await(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS));
            int n = chunk.count();
            return new ClusterChunk.Result(
                n, values(chunk, n, n), new int[] {0}, new Throwable[] {bad}, 1);
          }
        };
    ParallelLoop<Integer, Object> loop = Parallel.cpu(TEN_TIMES).on(cluster);
    ParallelForException e =
        assertThrows(
            ParallelForException.class,
            () -> assertTimeoutPreemptively(TestBounds.HANG, () -> loop.run(numbers(2))));
    assertEquals(1, e.index());
    assertEquals(1, e.item());
    assertSame(bad, e.getCause());
    assertFalse(Thread.currentThread().isInterrupted());
  }

  /** A random-access list with no bulk read, as some list views are; can fail at one position. */
  static final class NoSubList extends AbstractList<Integer> implements RandomAccess {
    private final int size;
    private final int failAt;

    NoSubList(int size, int failAt) {
      this.size = size;
      this.failAt = failAt;
    }

    @Override
    public Integer get(int index) {
      if (index == failAt) {
        throw new IllegalStateException("gone");
      }
      return 100 + index;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public List<Integer> subList(int from, int to) {
      throw new UnsupportedOperationException("no views");
    }
  }

  static FakeCluster runsAll() {
    return new FakeCluster() {
      @Override
      ClusterChunk.Result answer(ClusterChunk chunk) {
        return ran(chunk, chunk.count());
      }
    };
  }

  @Test
  void aListWithoutBulkReadIsReadItemByItemIntoEachChunk() {
    FakeCluster cluster = runsAll();
    List<Object> results =
        assertTimeoutPreemptively(
            TestBounds.HANG, () -> Parallel.cpu(TEN_TIMES).on(cluster).run(new NoSubList(30, -1)));
    assertEquals(IntStream.range(0, 30).mapToObj(i -> (Object) (10 * (100 + i))).toList(), results);
    for (Call call : cluster.calls) {
      assertEquals(
          IntStream.range(0, call.count())
              .mapToObj(i -> (Object) (100 + (int) call.firstIndex() + i))
              .toList(),
          call.items());
    }
    long next = 0;
    for (Call call : cluster.calls) {
      assertEquals(next, call.firstIndex());
      next += call.count();
    }
    assertEquals(30, next);
  }

  @Test
  void aListThatFailsWhileAChunkIsReadFailsTheRunAtThatPosition() {
    FakeCluster cluster = runsAll();
    ParallelLoop<Integer, Object> loop = Parallel.cpu(TEN_TIMES).on(cluster);
    ParallelForException e =
        assertThrows(
            ParallelForException.class,
            () -> assertTimeoutPreemptively(TestBounds.HANG, () -> loop.run(new NoSubList(30, 7))));
    assertEquals(
        "reading the input failed at position 7: java.lang.IllegalStateException: gone",
        e.getMessage());
    assertEquals(7, e.index());
    assertNull(e.item());
    // The chunk [5, 21) was never shipped.
    assertEquals(List.of(0L, 1L), cluster.calls.stream().map(Call::firstIndex).toList());
  }
}
