package dev.parallelfor.sample.readme;

// docs:adhoc
import dev.parallelfor.Mode;
import dev.parallelfor.runtime.LoopSettings;
import dev.parallelfor.runtime.Parallel;
import dev.parallelfor.runtime.ProgressBars;
import dev.parallelfor.runtime.Range;
// docs:end
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The examples of docs/loops.md, compiled and run by {@code AdHocLoopExamplesTest}. */
final class AdHocLoopExamples {
  private AdHocLoopExamples() {}

  /** What the page's first block computes, for the test to check. */
  record Outcome(List<String> pages, List<String> labelled, List<Long> cubes, List<Long> sizes) {}

  static Outcome adhoc(List<URI> uris, List<Path> files) {
    // docs:adhoc
    List<String> pages =
        Parallel.io(Crawler::fetch) // String fetch(URI uri) throws IOException
            .parallelism(64)
            .onProgress(ProgressBars.console("fetch"))
            .run(uris);

    // the item's position too, and numbers without a list
    List<String> labelled = Parallel.cpu((long index, Path file) -> index + ": " + file).run(files);
    List<Long> cubes = Parallel.cpu((Long n) -> n * n * n).run(Range.of(0L, 1_000_000L));

    // one configuration for several loops
    LoopSettings io = LoopSettings.of(Mode.IO).parallelism(32).timeout(Duration.ofMinutes(5));
    List<Long> sizes = io.loop((Path file) -> Files.size(file)).run(files);
    // docs:end
    return new Outcome(pages, labelled, cubes, sizes);
  }
}
