package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.spi.Cluster;
import dev.parallelfor.runtime.spi.ClusterChunk;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The configuration of loops: each setter of {@link LoopSettings} and of {@link ParallelLoop}
 * changes what it says and nothing else, leaves the value it was called on as it was, and refuses a
 * bad argument at once with a message that names it.
 */
class LoopSettingsTest {
  private static final Executor EXECUTOR = Runnable::run;
  private static final ProgressListener LISTENER = new ProgressListener() {};
  private static final RetryPolicy RETRY = RetryPolicy.on(IOException.class).attempts(2);
  private static final ContextPropagator CONTEXT = () -> UnaryOperator.identity();
  private static final Cluster CLUSTER =
      new Cluster() {
        @Override
        public int parallelism() {
          return 1;
        }

        @Override
        public ClusterChunk.Result run(ClusterChunk chunk) {
          throw new UnsupportedOperationException();
        }
      };

  @Test
  void theSettingsOfAModeHaveNothingElse() {
    LoopSettings io = LoopSettings.of(Mode.IO);

    assertThat(io.mode()).isEqualTo(Mode.IO);
    assertThat(LoopSettings.of(Mode.CPU).mode()).isEqualTo(Mode.CPU);
    assertThat(io.options().parallelism()).isZero();
    assertThat(io.options().executor()).isNull();
    assertThat(io.options().listener()).isNull();
    assertThat(io.options().timeout()).isNull();
    assertThat(io.options().cluster()).isNull();
    assertThat(io.options().context()).isNull();
    assertThat(io).hasToString("LoopSettings[mode=IO, parallelism=default]");
    assertThatThrownBy(() -> LoopSettings.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("mode");
  }

  @Test
  void everySettingsSetterSetsItsPartAndLeavesTheOriginalAsItWas() {
    LoopSettings base = LoopSettings.of(Mode.CPU);
    String before = base.toString();

    assertThat(base.parallelism(3).options().parallelism()).isEqualTo(3);
    assertThat(base.executor(EXECUTOR).options().executor()).isSameAs(EXECUTOR);
    assertThat(base.onProgress(LISTENER).options().listener()).isSameAs(LISTENER);
    assertThat(base.timeout(Duration.ofSeconds(2)).options().timeout())
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(base.itemTimeout(Duration.ofMillis(50)))
        .hasToString("LoopSettings[mode=CPU, parallelism=default, itemTimeout=50 ms]");
    assertThat(base.retry(RETRY))
        .hasToString("LoopSettings[mode=CPU, parallelism=default, retry=" + RETRY + "]");
    assertThat(base.rateLimit(5))
        .hasToString("LoopSettings[mode=CPU, parallelism=default, rateLimit=5/s]");
    assertThat(base.on(CLUSTER).options().cluster()).isSameAs(CLUSTER);
    assertThat(base.propagateContext(CONTEXT).options().context()).isSameAs(CONTEXT);
    LoopSettings named = base.name("Driver", "method");
    assertThat(named.options().name()).isEqualTo("Driver");
    assertThat(named.options().method()).isEqualTo("method");

    assertThat(base).hasToString(before);
    assertThat(base.options().listener()).isNull();
    assertThat(base.options().method()).isNull();
  }

  @Test
  void settersAddUpAndKeepTheMode() {
    LoopSettings settings =
        LoopSettings.of(Mode.IO)
            .parallelism(8)
            .timeout(Duration.ofMinutes(5))
            .itemTimeout(Duration.ofSeconds(1))
            .rateLimit(20)
            .name("Crawler", null);

    assertThat(settings.mode()).isEqualTo(Mode.IO);
    assertThat(settings)
        .hasToString(
            "LoopSettings[mode=IO, parallelism=8, timeout=5 min, name=Crawler,"
                + " itemTimeout=1 s, rateLimit=20/s]");
  }

  @Test
  void badSettingsAreRefusedNamingTheArgument() {
    LoopSettings base = LoopSettings.of(Mode.CPU);

    assertThatThrownBy(() -> base.parallelism(-2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parallelism must be >= 1, was -2");
    assertThatThrownBy(() -> base.executor(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("executor");
    assertThatThrownBy(() -> base.onProgress(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("listener");
    assertThatThrownBy(() -> base.timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be > 0, was 0 s");
    assertThatThrownBy(() -> base.itemTimeout(Duration.ofSeconds(-3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("itemTimeout must be > 0, was -3 s");
    assertThatThrownBy(() -> base.retry(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("retry");
    assertThatThrownBy(() -> base.rateLimit(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rateLimit must be >= 1 per second, was 0");
    assertThatThrownBy(() -> base.on(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("cluster");
    assertThatThrownBy(() -> base.propagateContext(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("propagator");
    assertThatThrownBy(() -> base.name(null, "m"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name");
    assertThatThrownBy(() -> base.name("  ", "m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must not be blank, was \"  \"");
  }

  @Test
  void anExecutorThatDropsTasksIsRefusedByTheSettingsAndTheLoop() {
    ThreadPoolExecutor discarding =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            new ThreadPoolExecutor.DiscardPolicy());
    try {
      assertThatThrownBy(() -> LoopSettings.of(Mode.IO).executor(discarding))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has the rejection policy DiscardPolicy");
      assertThatThrownBy(() -> Parallel.io((Integer n) -> n).executor(discarding))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has the rejection policy DiscardPolicy");
    } finally {
      discarding.shutdownNow();
    }
  }

  @Test
  void aLoopNeedsAFunction() {
    LoopSettings settings = LoopSettings.of(Mode.CPU);

    assertThatThrownBy(() -> settings.loop((ItemFunction<Integer, Integer>) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("function");
    assertThatThrownBy(() -> settings.loop((IndexedItemFunction<Integer, Integer>) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("function");
    assertThatThrownBy(() -> settings.loopPerWorker(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("function");
    assertThatThrownBy(() -> settings.rangeLoop(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("function");
  }

  @Test
  void aLoopRunsItsFunctionWithTheSettingsItWasMadeWith() {
    LoopSettings serial = LoopSettings.of(Mode.CPU).parallelism(1);

    ParallelLoop<Integer, Integer> plusOne = serial.loop((Integer n) -> n + 1);
    ParallelLoop<String, String> indexed = serial.loop((long i, String s) -> i + s);
    ParallelLoop<Long, Long> tenfold = serial.rangeLoop((i, v) -> v * 10);
    ParallelLoop<Integer, String> perWorker = serial.loopPerWorker(worker -> (i, n) -> "w" + n);

    assertThat(plusOne.settings()).isSameAs(serial);
    assertThat(plusOne.run(List.of(1, 2, 3))).containsExactly(2, 3, 4);
    assertThat(indexed.run(List.of("a", "b"))).containsExactly("0a", "1b");
    assertThat(tenfold.run(Range.of(2L, 5L))).containsExactly(20L, 30L, 40L);
    assertThat(perWorker.run(List.of(7, 8))).containsExactly("w7", "w8");
  }

  @Test
  void everyLoopSetterGivesANewLoopAndLeavesTheOriginalAsItWas() {
    ParallelLoop<Integer, Integer> loop = Parallel.cpu((Integer n) -> n * 2);
    LoopSettings original = loop.settings();

    List<ParallelLoop<Integer, Integer>> changed =
        List.of(
            loop.parallelism(2),
            loop.executor(EXECUTOR),
            loop.onProgress(LISTENER),
            loop.timeout(Duration.ofSeconds(9)),
            loop.itemTimeout(Duration.ofSeconds(4)),
            loop.retry(RETRY),
            loop.rateLimit(1_000_000),
            loop.on(CLUSTER),
            loop.propagateContext(CONTEXT),
            loop.name("Doubler"));

    assertThat(loop.settings()).isSameAs(original);
    assertThat(loop).hasToString("ParallelLoop[LoopSettings[mode=CPU, parallelism=default]]");
    assertThat(changed).doesNotContain(loop);
    assertThat(changed.get(0).settings().options().parallelism()).isEqualTo(2);
    assertThat(changed.get(1).settings().options().executor()).isSameAs(EXECUTOR);
    assertThat(changed.get(2).settings().options().listener()).isSameAs(LISTENER);
    assertThat(changed.get(3).settings().options().timeout()).isEqualTo(Duration.ofSeconds(9));
    assertThat(changed.get(4))
        .hasToString("ParallelLoop[LoopSettings[mode=CPU, parallelism=default, itemTimeout=4 s]]");
    assertThat(changed.get(5))
        .hasToString(
            "ParallelLoop[LoopSettings[mode=CPU, parallelism=default, retry=" + RETRY + "]]");
    assertThat(changed.get(6))
        .hasToString(
            "ParallelLoop[LoopSettings[mode=CPU, parallelism=default, rateLimit=1000000/s]]");
    assertThat(changed.get(7).settings().options().cluster()).isSameAs(CLUSTER);
    assertThat(changed.get(8).settings().options().context()).isSameAs(CONTEXT);
    assertThat(changed.get(9).settings().options().name()).isEqualTo("Doubler");
  }

  @Test
  void aChangedLoopKeepsItsFunction() {
    ParallelLoop<Integer, Integer> doubled =
        Parallel.cpu((Integer n) -> n * 2).parallelism(1).timeout(Duration.ofMinutes(1));
    ParallelLoop<Long, Long> tenfold =
        LoopSettings.of(Mode.CPU).rangeLoop((i, v) -> v * 10).parallelism(1);

    assertThat(doubled.run(List.of(1, 2, 3))).containsExactly(2, 4, 6);
    // A range gives a range loop's function its values unboxed: the loop kept that function.
    assertThat(tenfold.run(Range.of(2L, 5L))).containsExactly(20L, 30L, 40L);
  }

  @Test
  void namingALoopKeepsTheMethodItsSettingsNamed() {
    LoopSettings named = LoopSettings.of(Mode.CPU).name("Driver", "compute");

    ParallelLoop<Integer, Integer> renamed = named.loop((Integer n) -> n).name("Renamed");
    ParallelLoop<Integer, Integer> unnamed = Parallel.cpu((Integer n) -> n).name("Plain");

    assertThat(renamed.settings().options().name()).isEqualTo("Renamed");
    assertThat(renamed.settings().options().method()).isEqualTo("compute");
    assertThat(unnamed.settings().options().name()).isEqualTo("Plain");
    assertThat(unnamed.settings().options().method()).isNull();
  }

  @Test
  void badLoopSettingsAreRefusedNamingTheArgument() {
    ParallelLoop<Integer, Integer> loop = Parallel.io((Integer n) -> n);

    assertThatThrownBy(() -> loop.parallelism(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parallelism must be >= 1, was -1");
    assertThatThrownBy(() -> loop.executor(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("executor");
    assertThatThrownBy(() -> loop.onProgress(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("listener");
    assertThatThrownBy(() -> loop.timeout(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("timeout");
    assertThatThrownBy(() -> loop.timeout(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be > 0, was -1 ms");
    assertThatThrownBy(() -> loop.itemTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("itemTimeout must be > 0, was 0 s");
    assertThatThrownBy(() -> loop.retry(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("retry");
    assertThatThrownBy(() -> loop.rateLimit(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rateLimit must be >= 1 per second, was -1");
    assertThatThrownBy(() -> loop.on(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("cluster");
    assertThatThrownBy(() -> loop.propagateContext(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("propagator");
    assertThatThrownBy(() -> loop.name(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name");
    assertThatThrownBy(() -> loop.name(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must not be blank, was \"\"");
  }
}
