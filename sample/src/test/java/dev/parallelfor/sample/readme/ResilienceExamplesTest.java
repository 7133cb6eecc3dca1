package dev.parallelfor.sample.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResilienceExamplesTest {
  @Test
  void theDriverExampleRetriesEveryFirstAttempt() {
    List<URI> uris =
        List.of(URI.create("http://example.com/a"), URI.create("http://example.com/b"));
    assertThat(ResilienceExamples.driver(uris)).containsExactly("/a", "/b");
  }

  @Test
  void theLoopExampleReportsWhatCannotSucceed() {
    List<URI> uris = List.of(URI.create("http://example.com/"), URI.create("file:///nohost"));
    var pages = ResilienceExamples.loop(uris);
    assertThat(pages.succeeded()).isEqualTo(1);
    assertThat(pages.failures().get(0).getCause().getSuppressed()).hasSize(4);
  }
}
