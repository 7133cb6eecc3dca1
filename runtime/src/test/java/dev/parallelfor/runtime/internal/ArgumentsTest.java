package dev.parallelfor.runtime.internal;

import static dev.parallelfor.runtime.internal.Fixtures.cpu;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelfor.Mode;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ArgumentsTest {
  @Test
  void nullItemsNamesTheArgument() {
    assertThatThrownBy(() -> Runs.run(cpu(), (Iterable<Integer>) null, (i, x) -> x))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("items");
    assertThatThrownBy(() -> Runs.run(cpu(), (Stream<Integer>) null, (i, x) -> x))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("items");
    assertThatThrownBy(() -> Runs.runAsync(cpu(), (Iterable<Integer>) null, (i, x) -> x))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("items");
    assertThatThrownBy(() -> Runs.stream(cpu(), (Iterable<Integer>) null, (i, x) -> x))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("items");
  }

  @Test
  void parallelismBelowOneIsRejectedWithItsValue() {
    assertThatThrownBy(() -> cpu().withParallelism(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "parallelism must be >= 1, was 0; for the mode's default, leave parallelism unset");
    assertThatThrownBy(() -> cpu().withParallelism(-3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parallelism must be >= 1, was -3");
    assertThatThrownBy(() -> RunOptions.of(Mode.CPU, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was -1");
  }

  @Test
  void zeroOrNegativeTimeoutIsRejectedWithItsValue() {
    assertThatThrownBy(() -> cpu().withTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be > 0, was 0 s");
    assertThatThrownBy(() -> cpu().withTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be > 0, was -1 s");
    assertThatThrownBy(() -> cpu().withTimeout(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("timeout");
  }

  @Test
  void nullExecutorOrListenerNamesTheArgument() {
    assertThatThrownBy(() -> cpu().withExecutor(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("executor");
    assertThatThrownBy(() -> cpu().withListener(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("listener");
  }

  @Test
  void reversedRangeIsRejectedBeforeAnyItemStarts() {
    assertThatThrownBy(
            () ->
                Runs.runRange(
                    cpu(),
                    5,
                    3,
                    (i, v) -> {
                      throw new AssertionError("no item may start");
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("from must be <= to, was from=5, to=3");
  }

  @Test
  void optionsAreImmutable() {
    RunOptions base = cpu();
    RunOptions changed = base.withParallelism(3).withTimeout(Duration.ofSeconds(1));
    org.assertj.core.api.Assertions.assertThat(base.parallelism()).isZero();
    org.assertj.core.api.Assertions.assertThat(base.timeout()).isNull();
    org.assertj.core.api.Assertions.assertThat(changed.parallelism()).isEqualTo(3);
    org.assertj.core.api.Assertions.assertThat(List.of(changed.timeout()))
        .containsExactly(Duration.ofSeconds(1));
  }
}
