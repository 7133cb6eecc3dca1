package dev.parallelfor.sample.readme;

// docs:retryLoop
import dev.parallelfor.runtime.Parallel;
import dev.parallelfor.runtime.Results;
import dev.parallelfor.runtime.RetryPolicy;
// docs:end
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** docs/resilience.md's examples, run by {@code ResilienceExamplesTest}. */
final class ResilienceExamples {
  private ResilienceExamples() {}

  static List<String> driver(List<URI> uris) {
    Mirror mirror = new Mirror();
    // docs:retry
    List<String> files =
        new MirrorDownloadDriver(mirror)
            .itemTimeout(Duration.ofSeconds(30)) // interrupts an attempt that hangs
            .rateLimit(20) // at most 20 requests a second, retries included
            .run(uris);
    // docs:end
    return files;
  }

  static Results<String> loop(List<URI> uris) {
    // docs:retryLoop
    Results<String> pages =
        Parallel.io(Crawler::fetch)
            .retry(
                RetryPolicy.on(IOException.class, TimeoutException.class)
                    .attempts(5)
                    .backoff(Duration.ofMillis(100))
                    .maxBackoff(Duration.ofSeconds(5)))
            .itemTimeout(Duration.ofSeconds(10))
            .runAll(uris);
    // docs:end
    return pages;
  }
}
