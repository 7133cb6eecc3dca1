package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelfor.runtime.spi.ClusterChunk;
import org.junit.jupiter.api.Test;

/** The small public pieces: a cluster chunk's result, the no-op listener, the JVM's abilities. */
class SmallPartsTest {
  @Test
  void aChunkResultKeepsWhatItWasGiven() {
    Object[] values = {"a", null, "c"};
    int[] failedAt = {1};
    Throwable[] failures = {new IllegalStateException("b")};

    ClusterChunk.Result result = new ClusterChunk.Result(3, values, failedAt, failures, 1234);

    assertThat(result.attempted()).isEqualTo(3);
    assertThat(result.values()).isSameAs(values);
    assertThat(result.failedAt()).isSameAs(failedAt);
    assertThat(result.failures()).isSameAs(failures);
    assertThat(result.nanos()).isEqualTo(1234);
  }

  @Test
  void aChunkResultAcceptsFailuresAtItsFirstAndLastAttemptedOffsets() {
    ClusterChunk.Result result =
        new ClusterChunk.Result(
            2, new Object[3], new int[] {0, 1}, new Throwable[] {new Error(), new Error()}, 0);

    assertThat(result.failedAt()).containsExactly(0, 1);
  }

  @Test
  void aChunkResultRefusesAFailureOutsideTheAttemptedItems() {
    assertThatThrownBy(
            () -> new ClusterChunk.Result(2, new Object[3], new int[] {2}, new Throwable[1], 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("failed offset 2 outside [0, 2)");
    assertThatThrownBy(
            () -> new ClusterChunk.Result(2, new Object[3], new int[] {-1}, new Throwable[1], 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("failed offset -1 outside [0, 2)");
  }

  @Test
  void aChunkResultRefusesArraysThatDoNotFit() {
    assertThatThrownBy(
            () -> new ClusterChunk.Result(-1, new Object[0], new int[0], new Throwable[0], 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("inconsistent result: attempted=-1");
    assertThatThrownBy(
            () -> new ClusterChunk.Result(3, new Object[2], new int[0], new Throwable[0], 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("inconsistent result: attempted=3, values=2, failedAt=0, failures=0");
    assertThatThrownBy(
            () -> new ClusterChunk.Result(1, new Object[1], new int[1], new Throwable[0], 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("inconsistent result: attempted=1, values=1, failedAt=1, failures=0");
    assertThat(
            new ClusterChunk.Result(0, new Object[0], new int[0], new Throwable[0], 0).attempted())
        .isZero();
  }

  @Test
  void theNoOpListenerIsOneSharedInstanceThatAcceptsEveryCall() {
    ProgressListener none = ProgressListener.none();

    assertThat(none).isNotNull().isSameAs(ProgressListener.none());
    Progress progress = new Progress(1, 0, 1, java.time.Duration.ZERO);
    none.onStart(1);
    none.onProgress(progress);
    none.onFinish(progress);
  }

  @Test
  void virtualThreadsAreThereFromJava21() {
    assertThat(SharedExecutors.virtualThreads()).isEqualTo(Runtime.version().feature() >= 21);
  }
}
