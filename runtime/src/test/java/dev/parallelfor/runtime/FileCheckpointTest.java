package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.CheckpointTest.Form;
import dev.parallelfor.runtime.CheckpointTest.Work;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code checkpoint(Path)}: the run side over the journal file, as a user writes it. */
class FileCheckpointTest {
  private static final int N = 300;

  @TempDir Path dir;

  private static List<Integer> numbers(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toUnmodifiableList());
  }

  private static List<String> expected(List<?> items) {
    return items.stream().map(i -> "r" + i).collect(Collectors.toList());
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void everyFormResumesFromTheJournalFile(Form form) {
    Path journal = dir.resolve("run.journal");
    Work work = new Work();
    ParallelLoop<Integer, String> loop =
        Parallel.cpu((Integer i) -> work.apply(i)).parallelism(3).checkpoint(journal);
    List<Integer> items = numbers(N);
    work.failing = item -> (Integer) item % 4 == 1;
    assertThat(loop.runAll(items).failed()).isEqualTo(N / 4);
    assertThat(journal).exists();

    work.reset();
    List<String> resumed = assertTimeoutPreemptively(TestBounds.HANG, () -> form.run(loop, items));
    if (form != Form.FOR_EACH) {
      assertThat(resumed).isEqualTo(expected(items));
    }
    assertThat(work.called)
        .isEqualTo(
            IntStream.range(0, N).filter(i -> i % 4 == 1).boxed().collect(Collectors.toSet()));

    work.reset();
    form.run(loop, items);
    assertThat(work.calls).hasValue(0);
  }

  @Test
  void aCancelledRunResumesWithExactlyTheUninterruptedResults() throws Exception {
    Path journal = dir.resolve("cancelled.journal");
    Set<Integer> returned = ConcurrentHashMap.newKeySet();
    CountDownLatch blocked = new CountDownLatch(2);
    CountDownLatch never = new CountDownLatch(1);
    AtomicBoolean block = new AtomicBoolean(true);
    ParallelLoop<Integer, String> loop =
        Parallel.io(
                (Integer i) -> {
                  if (block.get() && i >= 2_000 && i % 97 == 0) {
                    blocked.countDown();
                    never.await();
                  }
                  returned.add(i);
                  return "r" + i;
                })
            .parallelism(8)
            .checkpoint(journal);
    CountDownLatch ended = new CountDownLatch(1); // the journal is closed before onFinish
    CompletableFuture<List<String>> run =
        loop.onProgress(
                new ProgressListener() {
                  @Override
                  public void onFinish(Progress progress, Ending ending) {
                    ended.countDown();
                  }
                })
            .runAsync(numbers(5_000));
    blocked.await();
    run.cancel(true);
    assertThatThrownBy(run::join).isInstanceOf(CancellationException.class);
    ended.await();

    block.set(false);
    int before = returned.size();
    returned.clear();
    List<String> resumed =
        assertTimeoutPreemptively(TestBounds.HANG, () -> loop.run(numbers(5_000)));
    assertThat(resumed).isEqualTo(expected(numbers(5_000)));
    // Every success of the cancelled run was journaled, however the stop met the appends.
    assertThat(returned.size()).isEqualTo(5_000 - before);
  }

  @Test
  void aSecondRunOnTheSameFileIsRefusedWhileTheFirstHoldsIt() throws Exception {
    Path journal = dir.resolve("held.journal");
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<List<String>> first =
        Parallel.io(
                (Integer i) -> {
                  started.countDown();
                  release.await();
                  return "r" + i;
                })
            .checkpoint(journal)
            .runAsync(numbers(10));
    started.await();
    Work work = new Work();
    assertThatThrownBy(
            () -> Parallel.cpu((Integer i) -> work.apply(i)).checkpoint(journal).run(numbers(10)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("in use");
    assertThat(work.calls).hasValue(0);
    release.countDown();
    assertThat(first.join()).isEqualTo(expected(numbers(10)));
  }

  @Test
  void anUnwritableJournalFailsTheRunBeforeAnyItemStarts() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");
    Work work = new Work();
    assertThatThrownBy(
            () ->
                Parallel.cpu((Integer i) -> work.apply(i))
                    .checkpoint(notADirectory.resolve("run.journal"))
                    .run(numbers(10)))
        .isInstanceOf(ParallelForException.class)
        .hasMessageContaining("could not be opened");
    assertThat(work.calls).hasValue(0);
  }

  /** A result type of a driver: serializable, read back through the declared type's classes. */
  record Score(String name, Map<String, Double> parts) implements Serializable {}

  @Test
  void aDeclaredSerializableResultTypeIsStoredAndReadBack() {
    Path journal = dir.resolve("scores.journal");
    AtomicBoolean called = new AtomicBoolean();
    LoopSettings driver =
        LoopSettings.of(Mode.CPU).name("ScoreDriver", "Scorer.score(String)", Score.class);
    ParallelLoop<String, Score> loop =
        driver
            .checkpoint(journal)
            .loop(
                (String s) -> {
                  called.set(true);
                  return new Score(s, Map.of("len", (double) s.length()));
                });
    List<String> names = List.of("a", "bb", "ccc");
    List<Score> first = loop.run(names);
    called.set(false);
    assertThat(loop.run(names)).isEqualTo(first);
    assertThat(called).isFalse();
  }
}
