package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.ParallelForException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How a run's input is handed out in chunks: sizes, fair shares, the end, and failures. */
class ChunkDispenserTest {
  private static final int PARALLELISM = 2;

  private static List<Integer> numbers(int n) {
    return new ArrayList<>(IntStream.range(0, n).boxed().toList());
  }

  private static Run runOver(Source source) {
    return new Run(RunOptions.of(Mode.CPU, PARALLELISM), source, (i, x) -> x, Run.LIST, true);
  }

  private static ChunkDispenser dispenser(Source source, Outcomes outcomes, Run run) {
    int kind = outcomes instanceof StreamWindow ? Run.STREAM : Run.LIST;
    ChunkSizing sizing = ChunkSizing.of(PARALLELISM, source.size(), !source.indexed(), kind, null);
    return new ChunkDispenser(source, sizing, outcomes, run.lifecycle(), run.workers(), run);
  }

  private static Worker worker(int chunkSize) {
    Worker worker = new Worker(null);
    worker.chunkSize = chunkSize;
    return worker;
  }

  @Test
  void aSizedInputIsHandedOutInFairSharesOfWhatIsLeft() {
    Source source = Source.of(numbers(100));
    ChunkDispenser dispenser = dispenser(source, new Outcomes.Indexed(100), runOver(source));
    Worker big = worker(1_000);
    int[] why = new int[1];
    List<Integer> counts = new ArrayList<>();
    long next = 0;

    assertThat(dispenser.size()).isEqualTo(100);
    assertThat(dispenser.remaining()).isEqualTo(100);
    for (Chunk chunk; (chunk = dispenser.claim(big, why)) != null; ) {
      assertThat(chunk.start).isEqualTo(next);
      next += chunk.count;
      counts.add(chunk.count);
      assertThat(dispenser.remaining()).isEqualTo(100 - next);
    }

    // A quarter of what is left each time (two workers, two shares each), at least one.
    assertThat(counts).containsExactly(25, 18, 14, 10, 8, 6, 4, 3, 3, 2, 1, 1, 1, 1, 1, 1, 1);
    assertThat(next).isEqualTo(100);
    assertThat(dispenser.exhausted()).isTrue();
    assertThat(why[0]).isEqualTo(ChunkDispenser.DONE);
  }

  @Test
  void aChunkIsNoLargerThanTheWorkersChunkSize() {
    Source source = Source.of(numbers(100));
    ChunkDispenser dispenser = dispenser(source, new Outcomes.Indexed(100), runOver(source));
    int[] why = new int[1];

    assertThat(dispenser.claim(worker(3), why).count).isEqualTo(3);
    assertThat(dispenser.claim(worker(1), why).count).isEqualTo(1);
    assertThat(dispenser.remaining()).isEqualTo(96);
  }

  @Test
  void anUnsizedInputIsPulledInChunksOfTheWorkersSizeUntilItRunsShort() {
    List<Integer> items = new LinkedList<>(numbers(10));
    Iterable<Integer> unsized = items::iterator;
    Source source = Source.of(unsized);
    ChunkDispenser dispenser = dispenser(source, new Outcomes.Chunked(), runOver(source));
    int[] why = new int[1];

    assertThat(dispenser.remaining()).isEqualTo(-1);
    Chunk first = dispenser.claim(worker(4), why);
    assertThat(first.count).isEqualTo(4);
    assertThat(first.items).containsExactly(0, 1, 2, 3);
    assertThat(dispenser.claim(worker(4), why).start).isEqualTo(4);
    assertThat(dispenser.exhausted()).isFalse();
    Chunk last = dispenser.claim(worker(4), why);
    assertThat(last.count).isEqualTo(2);
    assertThat(dispenser.exhausted()).isTrue(); // it ran short: nothing more to ask for
    assertThat(dispenser.claim(worker(4), why)).isNull();
    assertThat(why[0]).isEqualTo(ChunkDispenser.DONE);
  }

  @Test
  void anEmptyInputIsExhaustedFromTheStart() {
    Source source = Source.of(List.of());
    ChunkDispenser dispenser = dispenser(source, new Outcomes.Indexed(0), runOver(source));

    assertThat(dispenser.exhausted()).isTrue();
    assertThat(dispenser.claim(worker(1), new int[1])).isNull();
  }

  @Test
  void aStoppedRunHandsOutNothing() {
    Source source = Source.of(numbers(10));
    Run run = runOver(source);
    ChunkDispenser dispenser = dispenser(source, new Outcomes.Indexed(10), run);
    int[] why = new int[1];

    run.lifecycle().stop(null, false);

    assertThat(dispenser.claim(worker(1), why)).isNull();
    assertThat(why[0]).isEqualTo(ChunkDispenser.DONE);
  }

  @Test
  void aFullLookAheadHandsOutNothingForNow() {
    Source source = Source.of(numbers(10));
    StreamWindow window = new StreamWindow(PARALLELISM, false);
    for (int i = 0; i < 2 * PARALLELISM + 2; i++) {
      window.chunk(i, 1, null);
    }
    ChunkDispenser dispenser = dispenser(source, window, runOver(source));
    int[] why = new int[1];

    assertThat(dispenser.claim(worker(1), why)).isNull();
    assertThat(why[0]).isEqualTo(ChunkDispenser.FULL);
    assertThat(dispenser.exhausted()).isFalse();
  }

  @Test
  void anInterruptedWorkerWaitingForTheInputGivesUp() {
    Source source = Source.of(numbers(10));
    ChunkDispenser dispenser = dispenser(source, new Outcomes.Indexed(10), runOver(source));
    int[] why = new int[1];

    Thread.currentThread().interrupt();
    Chunk chunk = dispenser.claim(worker(1), why);
    boolean stillInterrupted = Thread.interrupted();

    assertThat(chunk).isNull();
    assertThat(why[0]).isEqualTo(ChunkDispenser.INTERRUPTED);
    assertThat(stillInterrupted).isFalse(); // the lock's wait took the interrupt
  }

  @Test
  void anInputThatFailsStopsTheRunWithThePositionItCouldNotRead() {
    IllegalStateException broken = new IllegalStateException("page 2 failed");
    Iterable<Integer> failing = () -> failAfter(5, broken);
    Source source = Source.of(failing);
    Run run = runOver(source);
    ChunkDispenser dispenser = dispenser(source, new Outcomes.Chunked(), run);
    int[] why = new int[1];

    assertThat(dispenser.claim(worker(3), why).count).isEqualTo(3);
    assertThat(dispenser.claim(worker(3), why)).isNull();

    assertThat(dispenser.exhausted()).isTrue();
    assertThat(run.lifecycle().stopped()).isTrue();
    ParallelForException failure = (ParallelForException) run.lifecycle().failure();
    assertThat(failure.index()).isEqualTo(5);
    assertThat(failure.getCause()).isSameAs(broken);
  }

  @Test
  void anInputThatRunsOutOfMemoryStopsTheRunWithTheErrorItself() {
    OutOfMemoryError error = new OutOfMemoryError("input");
    Iterable<Integer> failing = () -> failAfter(0, error);
    Source source = Source.of(failing);
    Run run = runOver(source);
    ChunkDispenser dispenser = dispenser(source, new Outcomes.Chunked(), run);

    assertThat(dispenser.claim(worker(3), new int[1])).isNull();

    assertThat(run.lifecycle().failure()).isSameAs(error);
  }

  @Test
  void whatAnInputThrowsAfterTheRunStoppedIsNoFailure() {
    Run[] run = new Run[1];
    Iterable<Integer> stopsTheRun =
        () ->
            new Iterator<>() {
              @Override
              public boolean hasNext() {
                return true;
              }

              @Override
              public Integer next() {
                run[0].lifecycle().stop(null, false); // as a cancel would, while the input blocks
                throw new IllegalStateException("interrupted read");
              }
            };
    Source source = Source.of(stopsTheRun);
    run[0] = runOver(source);
    ChunkDispenser dispenser = dispenser(source, new Outcomes.Chunked(), run[0]);

    assertThat(dispenser.claim(worker(3), new int[1])).isNull();

    assertThat(run[0].lifecycle().failure()).isNull();
  }

  @Test
  void itemsReadWhileTheRunStoppedAreNotHandedOut() {
    Run[] run = new Run[1];
    Iterable<Integer> stopsTheRun =
        () ->
            new Iterator<>() {
              int next;

              @Override
              public boolean hasNext() {
                return true;
              }

              @Override
              public Integer next() {
                run[0].lifecycle().stop(null, false);
                return next++;
              }
            };
    Source source = Source.of(stopsTheRun);
    run[0] = runOver(source);
    ChunkDispenser dispenser = dispenser(source, new Outcomes.Chunked(), run[0]);

    assertThat(dispenser.claim(worker(3), new int[1])).isNull();
    assertThat(run[0].lifecycle().failure()).isNull();
  }

  private static Iterator<Integer> failAfter(int good, Throwable failure) {
    return new Iterator<>() {
      int next;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Integer next() {
        if (next == good) {
          if (failure instanceof Error error) {
            throw error;
          }
          throw (RuntimeException) failure;
        }
        return next++;
      }
    };
  }
}
