package dev.parallelfor.sample.readme;

import dev.parallelfor.runtime.ProgressBars;
import java.util.List;

/** The README's first example, compiled. */
final class WordCounterExample {
  private WordCounterExample() {}

  static List<Long> countAll(List<String> documents) {
    // readme:intro
    List<Long> counts =
        new WordCounterCountWordsDriver(new WordCounter()) // generated at compile time
            .onProgress(ProgressBars.console("words"))
            .run(documents); // one count per document, in input order
    // readme:end
    return counts;
  }
}
