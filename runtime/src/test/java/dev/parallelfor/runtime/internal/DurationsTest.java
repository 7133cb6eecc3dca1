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
}
