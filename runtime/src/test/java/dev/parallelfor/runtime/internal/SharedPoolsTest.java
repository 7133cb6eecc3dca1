package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelfor.Mode;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shared executors: one of each, created on first use, new ones after a release. */
class SharedPoolsTest {
  @Test
  void eachSharedServiceIsOneInstanceUntilReleased() {
    Executor cpu = SharedPools.executor(Mode.CPU);
    Executor io = SharedPools.executor(Mode.IO);
    var deadlines = SharedPools.deadlines();
    var cleaner = SharedPools.abandonedStreams();

    assertThat(SharedPools.executor(Mode.CPU)).isSameAs(cpu);
    assertThat(SharedPools.executor(Mode.IO)).isSameAs(io).isNotSameAs(cpu);
    assertThat(SharedPools.deadlines()).isSameAs(deadlines);
    assertThat(SharedPools.abandonedStreams()).isSameAs(cleaner);

    SharedPools.release();

    assertThat(deadlines.isShutdown()).isTrue();
    assertThat(SharedPools.executor(Mode.CPU)).isNotSameAs(cpu);
    assertThat(SharedPools.deadlines()).isNotSameAs(deadlines);
    assertThat(SharedPools.abandonedStreams()).isSameAs(cleaner); // one cleaner thread for good
  }

  @Test
  void theDeadlineThreadForgetsCancelledDeadlinesAndEndsWhenIdle() throws Exception {
    SharedPools.release(); // so that this test creates the scheduler it looks at
    var deadlines = SharedPools.deadlines();

    assertThat(deadlines.getRemoveOnCancelPolicy()).isTrue();
    assertThat(deadlines.getKeepAliveTime(TimeUnit.SECONDS)).isEqualTo(60);
    assertThat(deadlines.allowsCoreThreadTimeOut()).isTrue();
    Thread thread = deadlines.submit(Thread::currentThread).get(30, TimeUnit.SECONDS);
    assertThat(thread.isDaemon()).isTrue();
    assertThat(thread.getName()).startsWith("parallelfor-deadline-");
  }

  @Test
  void theDefaultParallelismIsTheCoreCountForCpuAndHighForIo() {
    assertThat(SharedPools.defaultParallelism(Mode.CPU))
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(SharedPools.defaultParallelism(Mode.IO)).isEqualTo(1024);
  }
}
