package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void aPolicyRetriesInstancesOfItsTypesAndTheirSubtypes() {
    RetryPolicy policy = RetryPolicy.on(IOException.class);
    assertThat(policy.retries(new FileNotFoundException())).isTrue();
    assertThat(policy.retries(new IllegalStateException())).isFalse();
    assertThat(policy.attempts()).isEqualTo(RetryPolicy.DEFAULT_ATTEMPTS);
    assertThat(policy.backoff()).isEqualTo(RetryPolicy.DEFAULT_BACKOFF);
  }

  @Test
  void theBackoffDoublesUpToItsCap() {
    RetryPolicy policy =
        RetryPolicy.on(IOException.class)
            .backoff(Duration.ofMillis(200))
            .maxBackoff(Duration.ofSeconds(1));
    assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofMillis(800));
    assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.delayAfter(1_000)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.backoff(Duration.ofDays(365_000)).delayAfter(3))
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void badArgumentsAreRefusedAtOnce() {
    assertThatThrownBy(() -> RetryPolicy.on(IOException.class).attempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attempts must be >= 1, was 0");
    assertThatThrownBy(() -> RetryPolicy.on(IOException.class).backoff(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("backoff must be >= 0");
    assertThatThrownBy(() -> RetryPolicy.on())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one");
    assertThatThrownBy(() -> RetryPolicy.on(IOException.class, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("types[1]");
    assertThatThrownBy(() -> Parallel.io((Integer n) -> n).retry(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("retry");
  }

  @Test
  void equalPoliciesAreEqual() {
    assertThat(RetryPolicy.on(IOException.class).attempts(4))
        .isEqualTo(RetryPolicy.on(IOException.class).attempts(4))
        .hasSameHashCodeAs(RetryPolicy.on(IOException.class).attempts(4))
        .hasToString("RetryPolicy[on={IOException}, attempts=4, backoff=100 ms, maxBackoff=30 s]");
  }
}
