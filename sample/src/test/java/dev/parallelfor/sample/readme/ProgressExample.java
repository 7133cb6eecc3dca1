package dev.parallelfor.sample.readme;

// readme:progress
import dev.parallelfor.runtime.Progress;
import dev.parallelfor.runtime.ProgressListener;
// readme:end
import java.util.List;

/** The README's example of a listener of one's own, compiled. */
final class ProgressExample {
  private ProgressExample() {}

  static void progress(List<String> documents) {
    // readme:progress
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
    // readme:end
  }
}
