package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
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

  @Test
  void theDefaultsAreThreeAttemptsAHundredMillisecondsAndThirtySecondsAtMost() {
    RetryPolicy policy = RetryPolicy.on(IOException.class);

    assertThat(RetryPolicy.DEFAULT_ATTEMPTS).isEqualTo(3);
    assertThat(RetryPolicy.DEFAULT_BACKOFF).isEqualTo(Duration.ofMillis(100));
    assertThat(RetryPolicy.DEFAULT_MAX_BACKOFF).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.attempts()).isEqualTo(3);
    assertThat(policy.backoff()).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.types()).containsExactly(IOException.class);
  }

  @Test
  void aPolicyRetriesAnyOfItsTypesInTheOrderGivenAndNothingElse() {
    RetryPolicy policy = RetryPolicy.on(TimeoutException.class, UncheckedIOException.class);

    assertThat(policy.types()).containsExactly(TimeoutException.class, UncheckedIOException.class);
    assertThat(policy.retries(new TimeoutException())).isTrue();
    assertThat(policy.retries(new UncheckedIOException(new IOException()))).isTrue();
    assertThat(policy.retries(new IOException())).as("only the cause is an IOException").isFalse();
    assertThat(policy.retries(new RuntimeException(new TimeoutException())))
        .as("a listed type as the cause does not count")
        .isFalse();
    assertThat(policy.retries(null)).isFalse();
  }

  @Test
  void theListedTypesCannotBeChangedNorByTheCallersArray() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<? extends Throwable>[] types = new Class[] {IOException.class};
    RetryPolicy policy = RetryPolicy.on(types);
    types[0] = IllegalStateException.class;

    assertThat(policy.types()).containsExactly(IOException.class);
    assertThat(policy.retries(new IllegalStateException())).isFalse();
    List<Class<? extends Throwable>> listed = policy.types();
    assertThatThrownBy(() -> listed.add(Error.class))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void nullTypesAreRefusedNamingWhichOne() {
    assertThatThrownBy(() -> RetryPolicy.on((Class<? extends Throwable>[]) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("types");
    assertThatThrownBy(() -> RetryPolicy.on((Class<? extends Throwable>) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("types[0]");
    assertThatThrownBy(() -> RetryPolicy.on())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("types must name at least one exception type, was none");
  }

  @Test
  void oneAttemptIsTheLeastAPolicyTakes() {
    RetryPolicy base = RetryPolicy.on(IOException.class);

    assertThat(base.attempts(1).attempts()).isEqualTo(1);
    assertThat(base.attempts(Integer.MAX_VALUE).attempts()).isEqualTo(Integer.MAX_VALUE);
    assertThatThrownBy(() -> base.attempts(-5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attempts must be >= 1, was -5");
  }

  @Test
  void zeroBackoffsAreAllowedAndNegativeOnesRefusedWithTheirValue() {
    RetryPolicy base = RetryPolicy.on(IOException.class);

    assertThat(base.backoff(Duration.ZERO).backoff()).isEqualTo(Duration.ZERO);
    assertThat(base.maxBackoff(Duration.ZERO).maxBackoff()).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> base.backoff(Duration.ofMillis(-250)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("backoff must be >= 0, was -250 ms");
    assertThatThrownBy(() -> base.maxBackoff(Duration.ofNanos(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBackoff must be >= 0, was -1 ns");
    assertThatThrownBy(() -> base.backoff(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("backoff");
    assertThatThrownBy(() -> base.maxBackoff(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("maxBackoff");
  }

  @Test
  void eachSetterChangesOnlyItsOwnPartAndLeavesTheOriginalAsItWas() {
    RetryPolicy base = RetryPolicy.on(IOException.class);
    String before = base.toString();

    RetryPolicy fewer = base.attempts(7);
    RetryPolicy sooner = base.backoff(Duration.ofMillis(5));
    RetryPolicy capped = base.maxBackoff(Duration.ofSeconds(2));

    assertThat(base).hasToString(before);
    assertThat(base.attempts()).isEqualTo(3);
    assertThat(base.backoff()).isEqualTo(Duration.ofMillis(100));
    assertThat(base.maxBackoff()).isEqualTo(Duration.ofSeconds(30));

    assertThat(fewer)
        .hasToString("RetryPolicy[on={IOException}, attempts=7, backoff=100 ms, maxBackoff=30 s]");
    assertThat(sooner)
        .hasToString("RetryPolicy[on={IOException}, attempts=3, backoff=5 ms, maxBackoff=30 s]");
    assertThat(capped)
        .hasToString("RetryPolicy[on={IOException}, attempts=3, backoff=100 ms, maxBackoff=2 s]");
    assertThat(fewer.types()).isEqualTo(base.types());
    assertThat(sooner.attempts(7).maxBackoff(Duration.ofSeconds(2)))
        .isEqualTo(capped.attempts(7).backoff(Duration.ofMillis(5)));
  }

  @Test
  void theFirstDelayIsTheBackoffAndAttemptZeroIsRefused() {
    RetryPolicy policy = RetryPolicy.on(IOException.class).backoff(Duration.ofMillis(7));

    assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMillis(7));
    assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofMillis(14));
    assertThatThrownBy(() -> policy.delayAfter(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attempt must be >= 1, was 0");
    assertThatThrownBy(() -> policy.delayAfter(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attempt must be >= 1, was -1");
  }

  @Test
  void aBackoffAboveTheCapIsCappedFromTheFirstDelay() {
    RetryPolicy policy =
        RetryPolicy.on(IOException.class)
            .backoff(Duration.ofSeconds(5))
            .maxBackoff(Duration.ofSeconds(1));

    assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aDoubledDelayExactlyAtTheCapIsTheDoubledDelay() {
    // 250 ms doubled twice is 1 s, one nanosecond below the cap: it is not cut to the cap.
    RetryPolicy policy =
        RetryPolicy.on(IOException.class)
            .backoff(Duration.ofMillis(250))
            .maxBackoff(Duration.ofNanos(1_000_000_001));

    assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofNanos(1_000_000_001));
  }

  @Test
  void aZeroCapOrAZeroBackoffMeansNoWait() {
    RetryPolicy policy = RetryPolicy.on(IOException.class);

    assertThat(policy.maxBackoff(Duration.ZERO).delayAfter(1)).isEqualTo(Duration.ZERO);
    assertThat(policy.maxBackoff(Duration.ZERO).delayAfter(5)).isEqualTo(Duration.ZERO);
    assertThat(policy.backoff(Duration.ZERO).delayAfter(5)).isEqualTo(Duration.ZERO);
  }

  @Test
  void delaysBeyondWhatNanosecondsCountSaturateInsteadOfOverflowing() {
    RetryPolicy uncapped =
        RetryPolicy.on(IOException.class)
            .backoff(Duration.ofNanos(1))
            .maxBackoff(Duration.ofSeconds(Long.MAX_VALUE));

    assertThat(uncapped.delayAfter(2)).isEqualTo(Duration.ofNanos(2));
    assertThat(uncapped.delayAfter(63)).isEqualTo(Duration.ofNanos(1L << 62));
    assertThat(uncapped.delayAfter(64)).isEqualTo(Duration.ofNanos(1L << 62));
    assertThat(uncapped.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofNanos(1L << 62));
    assertThat(uncapped.backoff(Duration.ofSeconds(1)).delayAfter(100))
        .isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    assertThat(uncapped.backoff(Duration.ofSeconds(Long.MAX_VALUE)).delayAfter(1))
        .isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
  }

  @Test
  void policiesDifferingInAnyPartAreNotEqual() {
    RetryPolicy base = RetryPolicy.on(IOException.class);

    assertThat(base).isEqualTo(base).isNotEqualTo(null).isNotEqualTo("RetryPolicy");
    assertThat(base).isNotEqualTo(RetryPolicy.on(TimeoutException.class));
    assertThat(RetryPolicy.on(IOException.class, TimeoutException.class))
        .isNotEqualTo(RetryPolicy.on(TimeoutException.class, IOException.class));
    assertThat(base).isNotEqualTo(base.attempts(4));
    assertThat(base).isNotEqualTo(base.backoff(Duration.ofMillis(101)));
    assertThat(base).isNotEqualTo(base.maxBackoff(Duration.ofSeconds(31)));
    assertThat(base.backoff(Duration.ofMillis(100)))
        .isEqualTo(base)
        .hasSameHashCodeAs(base)
        .isNotSameAs(base);
    assertThat(base.hashCode()).isNotEqualTo(base.attempts(4).hashCode());
  }

  @Test
  void toStringListsEveryTypeBySimpleName() {
    assertThat(
            RetryPolicy.on(IOException.class, TimeoutException.class)
                .attempts(1)
                .backoff(Duration.ZERO)
                .maxBackoff(Duration.ofMinutes(90)))
        .hasToString(
            "RetryPolicy[on={IOException, TimeoutException}, attempts=1, backoff=0 s,"
                + " maxBackoff=1 h 30 min]");
  }

  @Test
  void theMostNegativeDurationIsRefusedWithItsValue() {
    assertThatThrownBy(
            () -> RetryPolicy.on(IOException.class).backoff(Duration.ofSeconds(Long.MIN_VALUE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("backoff must be >= 0, was -2562047788015215 h 30 min 8 s");
    assertThat(
            dev.parallelfor.runtime.internal.Durations.toText(Duration.ofSeconds(Long.MAX_VALUE)))
        .isEqualTo("2562047788015215 h 30 min 7 s");
  }
}
