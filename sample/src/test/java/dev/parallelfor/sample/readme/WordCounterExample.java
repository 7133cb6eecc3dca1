package dev.parallelfor.sample.readme;

// readme:introRun
import dev.parallelfor.runtime.ProgressBars;
import java.util.List;

// readme:end

/** The README's first example, compiled. */
final class WordCounterExample {
  private WordCounterExample() {}

  static List<Long> countAll(List<String> documents) {
    // readme:introRun
    List<Long> counts =
        new WordCounterCountWordsDriver(new WordCounter()) // generated at compile time
            .onProgress(ProgressBars.console("words"))
            .run(documents); // one count per document, in input order
    // readme:end
    return counts;
  }
}
