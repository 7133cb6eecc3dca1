package dev.parallelfor.sample.readme;

// docs:progress
import dev.parallelfor.runtime.Progress;
import dev.parallelfor.runtime.ProgressListener;
// docs:end
import java.util.List;

/** docs/progress.md's example of a listener of one's own, compiled. */
final class ProgressExample {
  private ProgressExample() {}

  static void progress(List<String> documents) {
    // docs:progress
    ProgressListener log =
        new ProgressListener() {
          @Override
          public void onFinish(Progress p) {
            System.out.printf(
                "%d of %d documents in %s, %d failed%n",
                p.completed(), p.total(), p.elapsed(), p.failed());
          }
        };
    new WordCounterCountWordsDriver(new WordCounter()).onProgress(log).run(documents);
    // docs:end
  }
}
