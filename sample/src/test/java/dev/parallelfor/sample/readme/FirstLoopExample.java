package dev.parallelfor.sample.readme;

// docs:loop
import dev.parallelfor.runtime.Parallel;
import dev.parallelfor.runtime.Range;
// docs:end
import java.net.URI;
import java.util.List;

/** The README's ad-hoc loop, compiled and run by {@code AdHocLoopExamplesTest}. */
final class FirstLoopExample {
  private FirstLoopExample() {}

  /** What the README's block computes, for the test to check. */
  record Outcome(List<String> pages, List<Long> cubes) {}

  static Outcome loop(List<URI> uris) {
    // docs:loop
    List<String> pages =
        Parallel.io(Crawler::fetch) // String fetch(URI uri) throws IOException
            .parallelism(64)
            .run(uris);

    List<Long> cubes = Parallel.cpu((Long n) -> n * n * n).run(Range.of(0L, 1_000_000L));
    // docs:end
    return new Outcome(pages, cubes);
  }
}
