package dev.parallelfor.sample.readme;

// docs:progressOptions
import dev.parallelfor.runtime.ConsoleProgress;
import dev.parallelfor.runtime.Parallel;
import dev.parallelfor.runtime.Progress;
import dev.parallelfor.runtime.ProgressBars;
import dev.parallelfor.runtime.ProgressLine;
// docs:end
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The progress page's example of the options and of the line rendered for a log. */
final class ProgressOptionsExample {
  private ProgressOptionsExample() {}

  static List<Long> sizes(Stream<Path> files, long expected, Progress someProgress) {
    // docs:progressOptions
    ConsoleProgress bar =
        ProgressBars.options()
            .line(ProgressLine.of("scan").unit("files"))
            .total(expected) // a Stream does not know its size
            .output(System.out)
            .console();
    List<Long> sizes = Parallel.io((Path file) -> Files.size(file)).onProgress(bar).run(files);

    // the same line for a log or a window: no bar, or a bar within a width
    String forTheLog =
        ProgressLine.of("copy").unit("B").scale(ProgressLine.Scale.SI).render(someProgress);
    String forAStatusBar = ProgressLine.of("copy").render(someProgress, 60);
    // docs:end
    return forTheLog.isEmpty() || forAStatusBar.isEmpty() ? List.of() : sizes;
  }
}
