package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void shortDurationsUseTheLargestUnitBelowAMinute() {
    assertThat(Durations.toText(Duration.ZERO)).isEqualTo("0 s");
    assertThat(Durations.toText(Duration.ofNanos(800))).isEqualTo("800 ns");
    assertThat(Durations.toText(Duration.ofNanos(1_500))).isEqualTo("1.5 \u00b5s");
    assertThat(Durations.toText(Duration.ofMillis(250))).isEqualTo("250 ms");
    assertThat(Durations.toText(Duration.ofNanos(2_500_000))).isEqualTo("2.5 ms");
    assertThat(Durations.toText(Duration.ofMillis(1_500))).isEqualTo("1.5 s");
    assertThat(Durations.toText(Duration.ofSeconds(30))).isEqualTo("30 s");
    assertThat(Durations.toText(Duration.ofMillis(59_999))).isEqualTo("59.999 s");
  }

  @Test
  void longDurationsAreHoursMinutesAndSecondsWithoutZeroParts() {
    assertThat(Durations.toText(Duration.ofMinutes(2))).isEqualTo("2 min");
    assertThat(Durations.toText(Duration.ofSeconds(150))).isEqualTo("2 min 30 s");
    assertThat(Durations.toText(Duration.ofMillis(90_500))).isEqualTo("1 min 30.5 s");
    assertThat(Durations.toText(Duration.ofHours(1))).isEqualTo("1 h");
    assertThat(Durations.toText(Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
    assertThat(Durations.toText(Duration.ofSeconds(3_605))).isEqualTo("1 h 5 s");
    assertThat(Durations.toText(Duration.ofDays(2))).isEqualTo("48 h");
  }

  @Test
  void negativeDurationsKeepTheirSign() {
    assertThat(Durations.toText(Duration.ofSeconds(-1))).isEqualTo("-1 s");
    assertThat(Durations.toText(Duration.ofMillis(-250))).isEqualTo("-250 ms");
  }

  @Test
  void eachUnitStartsExactlyAtItsFirstWholeValue() {
    assertThat(Durations.toText(Duration.ofNanos(1))).isEqualTo("1 ns");
    assertThat(Durations.toText(Duration.ofNanos(999))).isEqualTo("999 ns");
    assertThat(Durations.toText(Duration.ofNanos(1_000))).isEqualTo("1 \u00b5s");
    assertThat(Durations.toText(Duration.ofNanos(999_999))).isEqualTo("999.999 \u00b5s");
    assertThat(Durations.toText(Duration.ofNanos(1_000_000))).isEqualTo("1 ms");
    assertThat(Durations.toText(Duration.ofNanos(999_999_999))).isEqualTo("999.999999 ms");
    assertThat(Durations.toText(Duration.ofSeconds(1))).isEqualTo("1 s");
    assertThat(Durations.toText(Duration.ofSeconds(59))).isEqualTo("59 s");
    assertThat(Durations.toText(Duration.ofSeconds(60))).isEqualTo("1 min");
    assertThat(Durations.toText(Duration.ofSeconds(3_599))).isEqualTo("59 min 59 s");
    assertThat(Durations.toText(Duration.ofSeconds(3_600))).isEqualTo("1 h");
  }

  @Test
  void nothingIsRoundedAway() {
    assertThat(Durations.toText(Duration.ofSeconds(1, 1))).isEqualTo("1.000000001 s");
    assertThat(Durations.toText(Duration.ofSeconds(60, 1))).isEqualTo("1 min 0.000000001 s");
    assertThat(Durations.toText(Duration.ofSeconds(3_600, 500_000_000))).isEqualTo("1 h 0.5 s");
    assertThat(Durations.toText(Duration.ofSeconds(3_661, 250_000_000)))
        .isEqualTo("1 h 1 min 1.25 s");
    assertThat(Durations.toText(Duration.ofNanos(1_001))).isEqualTo("1.001 \u00b5s");
    assertThat(Durations.toText(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)))
        .isEqualTo("2562047788015215 h 30 min 7.999999999 s");
  }

  @Test
  void negativeDurationsOfEveryUnitKeepTheirSign() {
    assertThat(Durations.toText(Duration.ofNanos(-1))).isEqualTo("-1 ns");
    assertThat(Durations.toText(Duration.ofNanos(-1_500))).isEqualTo("-1.5 \u00b5s");
    assertThat(Durations.toText(Duration.ofMinutes(-90))).isEqualTo("-1 h 30 min");
    assertThat(Durations.toText(Duration.ofSeconds(Long.MIN_VALUE, 1)))
        .isEqualTo("-2562047788015215 h 30 min 7.999999999 s");
  }
}
