package dev.parallelfor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code @Retry} is the driver's default policy; the driver's {@code retry(...)} replaces it. */
class RetryAnnotationTest {
  @Test
  void theAnnotationsPolicyRetriesFailedItems() {
    Flaky flaky = new Flaky(2);
    assertThat(new FlakyFetchDriver(flaky).run(List.of("a", "b"))).containsExactly("A", "B");
    assertThat(flaky.attempts("a")).isEqualTo(3);
  }

  @Test
  void theAnnotationsAttemptsAreTheLimit() {
    Flaky flaky = new Flaky(3);
    ParallelForException e =
        catchThrowableOfType(
            ParallelForException.class, () -> new FlakyFetchDriver(flaky).run(List.of("a")));
    assertThat(e.getCause()).isInstanceOf(IOException.class).hasMessageContaining("attempt 3");
    assertThat(e.getCause().getSuppressed()).hasSize(2);
  }

  @Test
  void theDriversRetryOverridesTheAnnotation() {
    Flaky flaky = new Flaky(4);
    List<String> values =
        new FlakyFetchDriver(flaky)
            .retry(RetryPolicy.on(IOException.class).attempts(5).backoff(Duration.ZERO))
            .itemTimeout(Duration.ofSeconds(10))
            .rateLimit(10_000)
            .run(List.of("a"));
    assertThat(values).containsExactly("A");
    assertThat(flaky.attempts("a")).isEqualTo(5);

    Flaky once = new Flaky(1);
    catchThrowableOfType(
        ParallelForException.class,
        () ->
            new FlakyFetchDriver(once)
                .retry(RetryPolicy.on(IOException.class).attempts(1))
                .run(List.of("a")));
    assertThat(once.attempts("a")).isEqualTo(1);
  }
}
