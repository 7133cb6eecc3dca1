package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The counts a listener is given: their checks and the shares, rates and estimates made of them.
 */
class ProgressCountsTest {
  private static final Duration SECOND = Duration.ofSeconds(1);

  @Test
  void countsAtTheirLowestAreAccepted() {
    assertThatNoException()
        .isThrownBy(
            () -> {
              new Progress(0, 0, 0, Duration.ZERO);
              new Progress(0, 0, -1, Duration.ZERO);
              new Progress(5, 5, 5, SECOND);
            });
  }

  @Test
  void negativeCountsAreRejectedWithTheCountsInTheMessage() {
    assertThatThrownBy(() -> new Progress(-1, 0, 10, SECOND))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid progress counts: completed=-1, failed=0, total=10");
    assertThatThrownBy(() -> new Progress(3, -1, 10, SECOND))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid progress counts: completed=3, failed=-1, total=10");
    assertThatThrownBy(() -> new Progress(3, 0, -2, SECOND))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid progress counts: completed=3, failed=0, total=-2");
  }

  @Test
  void moreFailedThanCompletedIsRejected() {
    assertThatThrownBy(() -> new Progress(3, 4, 10, SECOND))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid progress counts: completed=3, failed=4, total=10");
  }

  @Test
  void elapsedIsRequired() {
    assertThatThrownBy(() -> new Progress(0, 0, 1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("elapsed");
  }

  @Test
  void fractionIsTheFinishedShareCappedAtOne() {
    assertThat(new Progress(1, 0, 4, SECOND).fraction()).isEqualTo(0.25);
    assertThat(new Progress(0, 0, 4, SECOND).fraction()).isEqualTo(0.0);
    assertThat(new Progress(4, 0, 4, SECOND).fraction()).isEqualTo(1.0);
    assertThat(new Progress(6, 0, 4, SECOND).fraction()).isEqualTo(1.0);
  }

  @Test
  void fractionIsOneForAnEmptyInputAndMinusOneForAnUnknownTotal() {
    assertThat(new Progress(0, 0, 0, SECOND).fraction()).isEqualTo(1.0);
    assertThat(new Progress(0, 0, -1, SECOND).fraction()).isEqualTo(-1.0);
    assertThat(new Progress(7, 0, -1, SECOND).fraction()).isEqualTo(-1.0);
  }

  @Test
  void rateIsItemsPerSecondAndZeroBeforeAnyTimePassed() {
    assertThat(new Progress(3, 0, 10, Duration.ofMillis(1_500)).ratePerSecond()).isEqualTo(2.0);
    assertThat(new Progress(1, 0, 10, Duration.ofNanos(1)).ratePerSecond()).isEqualTo(1e9);
    assertThat(new Progress(5, 0, 10, Duration.ZERO).ratePerSecond()).isEqualTo(0.0);
    assertThat(new Progress(5, 0, 10, Duration.ofNanos(-1)).ratePerSecond()).isEqualTo(0.0);
    assertThat(new Progress(0, 0, 10, SECOND).ratePerSecond()).isEqualTo(0.0);
  }

  @Test
  void etaIsTheItemsLeftAtTheAverageTimePerItem() {
    assertThat(new Progress(1, 0, 4, Duration.ofSeconds(2)).eta()).contains(Duration.ofSeconds(6));
    assertThat(new Progress(3, 1, 4, Duration.ofSeconds(3)).eta()).contains(SECOND);
    assertThat(new Progress(4, 0, 4, Duration.ofSeconds(3)).eta()).contains(Duration.ZERO);
  }

  @Test
  void etaIsZeroWhenMoreItemsFinishedThanTheTotalSaid() {
    assertThat(new Progress(6, 0, 4, Duration.ofSeconds(3)).eta()).contains(Duration.ZERO);
    assertThat(new Progress(2, 0, 0, Duration.ofSeconds(3)).eta()).contains(Duration.ZERO);
  }

  @Test
  void etaIsUnknownBeforeTheFirstItemOrWithoutATotal() {
    assertThat(new Progress(0, 0, 4, Duration.ofSeconds(3)).eta()).isEmpty();
    assertThat(new Progress(0, 0, 0, Duration.ofSeconds(3)).eta()).isEmpty();
    assertThat(new Progress(5, 0, -1, Duration.ofSeconds(3)).eta()).isEmpty();
  }

  @Test
  void progressIsAValue() {
    Progress p = new Progress(3, 1, 10, SECOND);
    assertThat(p)
        .isEqualTo(new Progress(3, 1, 10, Duration.ofMillis(1_000)))
        .hasSameHashCodeAs(new Progress(3, 1, 10, Duration.ofMillis(1_000)))
        .isNotEqualTo(new Progress(3, 0, 10, SECOND))
        .isNotEqualTo(new Progress(3, 1, -1, SECOND));
    assertThat(p).hasToString("Progress[completed=3, failed=1, total=10, elapsed=PT1S]");
  }

  @Test
  void completedPairsAnIndexWithItsValue() {
    Completed<String> c = new Completed<>(7, "seven");
    assertThat(c.index()).isEqualTo(7);
    assertThat(c.value()).isEqualTo("seven");
    assertThat(c).isEqualTo(new Completed<>(7, "seven")).isNotEqualTo(new Completed<>(8, "seven"));
    assertThat(new Completed<String>(0, null).value()).isNull();
    assertThat(c).hasToString("Completed[index=7, value=seven]");
  }
}
