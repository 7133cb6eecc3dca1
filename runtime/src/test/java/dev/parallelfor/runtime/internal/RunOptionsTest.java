package dev.parallelfor.runtime.internal;

import static dev.parallelfor.runtime.internal.Fixtures.cpu;
import static dev.parallelfor.runtime.internal.ThreadFixtures.daemonThreads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.ContextPropagator;
import dev.parallelfor.runtime.ProgressListener;
import dev.parallelfor.runtime.RetryPolicy;
import dev.parallelfor.runtime.spi.Cluster;
import dev.parallelfor.runtime.spi.ClusterChunk;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The driver configuration: its defaults, each setter, the argument checks and the text. */
class RunOptionsTest {
  private static final Executor EXECUTOR = named(Runnable::run, "the-executor");
  private static final ProgressListener LISTENER = ProgressListener.none();
  private static final RetryPolicy RETRY = RetryPolicy.on(IOException.class).attempts(2);

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

        @Override
        public String toString() {
          return "the-cluster";
        }
      };

  private static final ContextPropagator CONTEXT =
      new ContextPropagator() {
        @Override
        public UnaryOperator<Runnable> capture() {
          return task -> task;
        }

        @Override
        public String toString() {
          return "the-context";
        }
      };

  private static Executor named(Executor executor, String name) {
    return new Executor() {
      @Override
      public void execute(Runnable command) {
        executor.execute(command);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  /** Options with every part set, so a setter that dropped another part would show. */
  private static RunOptions full() {
    return RunOptions.of(Mode.IO, 0)
        .withParallelism(4)
        .withExecutor(EXECUTOR)
        .withListener(LISTENER)
        .withTimeout(Duration.ofSeconds(2))
        .withCluster(CLUSTER)
        .withItemTimeout(Duration.ofMillis(50))
        .withRetry(RETRY)
        .withRateLimit(10)
        .withContext(CONTEXT)
        .withName("Driver", "method");
  }

  private static final String FULL_TEXT =
      "RunOptions[mode=IO, parallelism=4, executor=the-executor, timeout=2 s, cluster=the-cluster,"
          + " context=the-context, name=Driver, itemTimeout=50 ms, retry="
          + RETRY
          + ", rateLimit=10/s]";

  @Test
  void theOptionsOfAnAnnotationHaveNothingButTheModeAndParallelism() {
    RunOptions options = RunOptions.of(Mode.IO, 8);

    assertThat(options.mode()).isEqualTo(Mode.IO);
    assertThat(options.parallelism()).isEqualTo(8);
    assertThat(options.executor()).isNull();
    assertThat(options.listener()).isNull();
    assertThat(options.timeout()).isNull();
    assertThat(options.cluster()).isNull();
    assertThat(options.context()).isNull();
    assertThat(options.resilience()).isSameAs(Resilience.NONE);
    assertThat(options.name()).isEqualTo("ParallelLoop");
    assertThat(options.method()).isNull();
    assertThat(options).hasToString("RunOptions[mode=IO, parallelism=8]");
    assertThat(RunOptions.of(Mode.CPU, 0)).hasToString("RunOptions[mode=CPU, parallelism=default]");
  }

  @Test
  void anAnnotationsParallelismMayBeZeroButNotNegativeNorItsModeNull() {
    assertThat(RunOptions.of(Mode.CPU, 0).parallelism()).isZero();
    assertThatThrownBy(() -> RunOptions.of(Mode.CPU, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parallelism must be >= 0 (0 = the mode's default), was -1");
    assertThatThrownBy(() -> RunOptions.of(null, 0))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("mode");
  }

  @Test
  void everySetterSetsItsPart() {
    RunOptions options = full();

    assertThat(options.mode()).isEqualTo(Mode.IO);
    assertThat(options.parallelism()).isEqualTo(4);
    assertThat(options.executor()).isSameAs(EXECUTOR);
    assertThat(options.listener()).isSameAs(LISTENER);
    assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.cluster()).isSameAs(CLUSTER);
    assertThat(options.context()).isSameAs(CONTEXT);
    assertThat(options.name()).isEqualTo("Driver");
    assertThat(options.method()).isEqualTo("method");
    assertThat(options.resilience().itemTimeout()).isEqualTo(Duration.ofMillis(50));
    assertThat(options.resilience().retry()).isSameAs(RETRY);
    assertThat(options.resilience().ratePerSecond()).isEqualTo(10);
    assertThat(options).hasToString(FULL_TEXT);
  }

  @Test
  void everySetterKeepsTheOtherParts() {
    // Setting a part again to the value it has must give the same options, whatever the order.
    RunOptions full = full();
    assertThat(full.withParallelism(4)).hasToString(FULL_TEXT);
    assertThat(full.withExecutor(EXECUTOR)).hasToString(FULL_TEXT);
    assertThat(full.withListener(LISTENER).listener()).isSameAs(LISTENER);
    assertThat(full.withListener(LISTENER)).hasToString(FULL_TEXT);
    assertThat(full.withTimeout(Duration.ofSeconds(2))).hasToString(FULL_TEXT);
    assertThat(full.withCluster(CLUSTER)).hasToString(FULL_TEXT);
    assertThat(full.withItemTimeout(Duration.ofMillis(50))).hasToString(FULL_TEXT);
    assertThat(full.withRetry(RETRY)).hasToString(FULL_TEXT);
    assertThat(full.withRateLimit(10)).hasToString(FULL_TEXT);
    assertThat(full.withContext(CONTEXT)).hasToString(FULL_TEXT);
    assertThat(full.withName("Driver", "method")).hasToString(FULL_TEXT);
    for (RunOptions changed :
        new RunOptions[] {
          full.withParallelism(4),
          full.withExecutor(EXECUTOR),
          full.withTimeout(Duration.ofSeconds(2)),
          full.withCluster(CLUSTER),
          full.withItemTimeout(Duration.ofMillis(50)),
          full.withRateLimit(10),
          full.withContext(CONTEXT),
          full.withName("Driver", "method")
        }) {
      assertThat(changed.listener()).isSameAs(LISTENER);
      assertThat(changed.method()).isEqualTo("method");
      assertThat(changed.mode()).isEqualTo(Mode.IO);
    }
  }

  @Test
  void aSetterLeavesTheOptionsItWasCalledOnAsTheyWere() {
    RunOptions base = cpu();

    base.withParallelism(2);
    base.withExecutor(EXECUTOR);
    base.withListener(LISTENER);
    base.withTimeout(Duration.ofSeconds(1));
    base.withCluster(CLUSTER);
    base.withItemTimeout(Duration.ofSeconds(1));
    base.withRetry(RETRY);
    base.withRateLimit(5);
    base.withContext(CONTEXT);
    base.withName("Other", "m");

    assertThat(base).hasToString("RunOptions[mode=CPU, parallelism=default]");
    assertThat(base.listener()).isNull();
    assertThat(base.method()).isNull();
    assertThat(base.resilience().none()).isTrue();
  }

  @Test
  void theSmallestAllowedValuesAreAccepted() {
    assertThat(cpu().withParallelism(1).parallelism()).isEqualTo(1);
    assertThat(cpu().withTimeout(Duration.ofNanos(1)).timeout()).isEqualTo(Duration.ofNanos(1));
    assertThat(cpu().withItemTimeout(Duration.ofNanos(1)).resilience().itemTimeout())
        .isEqualTo(Duration.ofNanos(1));
    assertThat(cpu().withRateLimit(1).resilience().ratePerSecond()).isEqualTo(1);
    assertThat(cpu().withName("x", null).name()).isEqualTo("x");
    assertThat(cpu().withName("x", null).method()).isNull();
  }

  @Test
  void badValuesAreRefusedNamingTheArgumentAndTheValue() {
    assertThatThrownBy(() -> cpu().withTimeout(Duration.ofNanos(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be > 0, was -1 ns");
    assertThatThrownBy(() -> cpu().withItemTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("itemTimeout must be > 0, was 0 s");
    assertThatThrownBy(() -> cpu().withItemTimeout(Duration.ofMillis(-5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("itemTimeout must be > 0, was -5 ms");
    assertThatThrownBy(() -> cpu().withRateLimit(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rateLimit must be >= 1 per second, was 0");
    assertThatThrownBy(() -> cpu().withRateLimit(-7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rateLimit must be >= 1 per second, was -7");
    assertThatThrownBy(() -> cpu().withName("", "m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must not be blank, was \"\"");
    assertThatThrownBy(() -> cpu().withName(" \t", "m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must not be blank, was \" \t\"");
  }

  @Test
  void nullArgumentsAreRefusedNamingTheArgument() {
    assertThatThrownBy(() -> cpu().withItemTimeout(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("itemTimeout");
    assertThatThrownBy(() -> cpu().withRetry(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("retry");
    assertThatThrownBy(() -> cpu().withContext(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("propagator");
    assertThatThrownBy(() -> cpu().withName(null, "m"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name");
    assertThatThrownBy(() -> cpu().withCluster(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("cluster");
  }

  @Test
  void anExecutorThatDropsTasksIsRefusedSayingWhatToUseInstead() {
    ThreadPoolExecutor pool = pool(new ThreadPoolExecutor.DiscardOldestPolicy());
    try {
      assertThatThrownBy(() -> cpu().withExecutor(pool))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "executor "
                  + pool
                  + " has the rejection policy DiscardOldestPolicy, which drops tasks silently,"
                  + " so a run could wait forever for a worker that never starts; use AbortPolicy"
                  + " (the default) or CallerRunsPolicy");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anExecutorThatRejectsOrRunsTasksItCannotQueueIsAccepted() {
    for (RejectedExecutionHandler policy :
        new RejectedExecutionHandler[] {
          new ThreadPoolExecutor.AbortPolicy(), new ThreadPoolExecutor.CallerRunsPolicy()
        }) {
      ThreadPoolExecutor pool = pool(policy);
      try {
        assertThat(cpu().withExecutor(pool).executor()).isSameAs(pool);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static ThreadPoolExecutor pool(RejectedExecutionHandler policy) {
    return new ThreadPoolExecutor(
        1,
        1,
        0,
        TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(),
        daemonThreads("run-options-"),
        policy);
  }

  @Test
  void theDefaultNameIsLeftOutOfTheTextAndAnyOtherShown() {
    assertThat(cpu().withName("ParallelLoop", "m"))
        .hasToString("RunOptions[mode=CPU, parallelism=default]");
    assertThat(cpu().withName("Loop", null))
        .hasToString("RunOptions[mode=CPU, parallelism=default, name=Loop]");
  }

  @Test
  void noPerItemOptionMeansNoneAndAnyOneOfThemIsSome() {
    assertThat(Resilience.NONE.none()).isTrue();
    assertThat(Resilience.NONE.itemTimeout()).isNull();
    assertThat(Resilience.NONE.retry()).isNull();
    assertThat(Resilience.NONE.ratePerSecond()).isZero();
    assertThat(Resilience.NONE).hasToString("");

    assertThat(Resilience.NONE.withItemTimeout(Duration.ofSeconds(1)).none()).isFalse();
    assertThat(Resilience.NONE.withRetry(RETRY).none()).isFalse();
    assertThat(Resilience.NONE.withRateLimit(1).none()).isFalse();
  }

  @Test
  void thePerItemOptionsAreSetOneByOneAndKeptTogether() {
    Resilience timeout = Resilience.NONE.withItemTimeout(Duration.ofMillis(50));
    Resilience retry = timeout.withRetry(RETRY);
    Resilience all = retry.withRateLimit(3);

    assertThat(timeout).hasToString(", itemTimeout=50 ms");
    assertThat(Resilience.NONE.withRetry(RETRY)).hasToString(", retry=" + RETRY);
    assertThat(Resilience.NONE.withRateLimit(3)).hasToString(", rateLimit=3/s");
    assertThat(all).hasToString(", itemTimeout=50 ms, retry=" + RETRY + ", rateLimit=3/s");
    assertThat(all.itemTimeout()).isEqualTo(Duration.ofMillis(50));
    assertThat(all.retry()).isSameAs(RETRY);
    assertThat(all.ratePerSecond()).isEqualTo(3);
    assertThat(all.withItemTimeout(Duration.ofSeconds(1)))
        .hasToString(", itemTimeout=1 s, retry=" + RETRY + ", rateLimit=3/s");
    assertThat(timeout.retry()).as("the value it was made from").isNull();
    assertThat(retry.ratePerSecond()).isZero();
    assertThat(Resilience.NONE.none()).isTrue();
  }
}
