package dev.parallelfor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.Progress;
import dev.parallelfor.runtime.ProgressListener;
import dev.parallelfor.runtime.Results;
import dev.parallelfor.runtime.spi.Cluster;
import dev.parallelfor.runtime.spi.ClusterChunk;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Checked exceptions and the configuration methods of a driver, run on the engine. */
class FailuresAndConfigurationTest {

  @Test
  void checkedExceptionSurfacesAsTheCauseOfParallelForException() {
    FailingParseDriver driver = new FailingParseDriver(new Failing());
    assertThatThrownBy(() -> driver.run(List.of("1", "bad2", "3")))
        .isInstanceOfSatisfying(
            ParallelForException.class,
            e -> {
              assertThat(e.index()).isEqualTo(1);
              assertThat(e.item()).isEqualTo("bad2");
              assertThat(e.getCause())
                  .isInstanceOf(IOException.class)
                  .hasMessage("cannot parse bad2");
            });
  }

  @Test
  void runAllAttemptsEveryItemAndKeepsEachFailure() {
    Results<Integer> results =
        new FailingParseDriver(new Failing()).runAll(List.of("1", "bad", "3", "bad too"));
    assertThat(results.size()).isEqualTo(4);
    assertThat(results.succeeded()).isEqualTo(2);
    assertThat(results.failed()).isEqualTo(2);
    assertThat(results.value(2)).isEqualTo(3);
    assertThat(results.isSuccess(1)).isFalse();
    assertThat(results.failures()).extracting(ParallelForException::index).containsExactly(1L, 3L);
    assertThat(results.failures().get(0).getCause()).isInstanceOf(IOException.class);
  }

  @Test
  void runAsyncCompletesExceptionallyWithTheRunsFailure() {
    assertThatThrownBy(() -> new FailingParseDriver(new Failing()).runAsync(List.of("bad")).join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(ParallelForException.class)
        .cause()
        .isInstanceOf(IOException.class);
  }

  @Test
  void timeoutStopsTheRun() {
    Failing failing = new Failing();
    FailingAwaitDriver driver = new FailingAwaitDriver(failing).timeout(Duration.ofMillis(100));
    try {
      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () ->
              assertThatThrownBy(() -> driver.run(List.of("never released")))
                  .isInstanceOfSatisfying(
                      ParallelForException.class,
                      e -> {
                        assertThat(e.index()).isEqualTo(-1);
                        assertThat(e.getCause()).isInstanceOf(TimeoutException.class);
                      }));
    } finally {
      failing.release();
    }
  }

  @Test
  void configurationReturnsNewDriversAndLeavesTheOriginalAlone() {
    TextsUpperDriver driver = new TextsUpperDriver(new Texts(""));
    TextsUpperDriver configured = driver.parallelism(2).timeout(Duration.ofMinutes(1));
    assertThat(configured).isNotSameAs(driver);
    assertThat(configured.run(List.of("a", "b", "c"))).containsExactly("A", "B", "C");
    assertThat(driver.run(List.of("d"))).containsExactly("D");
  }

  @Test
  void configurationChecksItsArgumentsAtOnce() {
    TextsUpperDriver driver = new TextsUpperDriver(new Texts(""));
    assertThatThrownBy(() -> driver.parallelism(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> driver.timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> driver.executor(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> driver.onProgress(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void executorRunsTheItemsAndIsNotShutDown() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    AtomicInteger tasks = new AtomicInteger();
    try {
      List<String> results =
          new TextsUpperDriver(new Texts(""))
              .parallelism(2)
              .executor(
                  command -> {
                    tasks.incrementAndGet();
                    pool.execute(command);
                  })
              .run(List.of("a", "b", "c", "d"));
      assertThat(results).containsExactly("A", "B", "C", "D");
      assertThat(tasks).hasPositiveValue();
      assertThat(pool.isShutdown()).isFalse();
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void onProgressReportsTheTotalAndTheFinalCounts() {
    AtomicLong total = new AtomicLong(-2);
    AtomicLong finished = new AtomicLong(-1);
    new TextsUpperDriver(new Texts(""))
        .onProgress(
            new ProgressListener() {
              @Override
              public void onStart(long count) {
                total.set(count);
              }

              @Override
              public void onFinish(Progress progress) {
                finished.set(progress.completed());
              }
            })
        .run(List.of("a", "b", "c"));
    assertThat(total).hasValue(3);
    assertThat(finished).hasValue(3);
  }

  @Test
  void aDriverOfAMethodWithoutDistributedRefusesAClusterBeforeAnyItemStarts() {
    AtomicInteger chunks = new AtomicInteger();
    Cluster cluster =
        new Cluster() {
          @Override
          public int parallelism() {
            return 1;
          }

          @Override
          public ClusterChunk.Result run(ClusterChunk chunk) {
            chunks.incrementAndGet();
            return chunk.run();
          }
        };
    // Every driver inherits on(Cluster); only a @Distributed method's driver can ship its calls.
    Failing failing = new Failing();
    assertThatThrownBy(() -> new FailingParseDriver(failing).on(cluster).run(List.of("1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("annotate the method @Distributed");
    assertThat(chunks).hasValue(0);
  }
}
