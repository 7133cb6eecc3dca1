package dev.parallelfor.sample.readme;

// docs:introRun
import dev.parallelfor.runtime.ProgressBars;
import java.util.List;

// docs:end

/** The README's first example, compiled and run by {@code WordCounterTest}. */
final class WordCounterExample {
  private WordCounterExample() {}

  static List<Long> countAll(List<String> documents) {
    // docs:introRun
    List<Long> counts =
        new WordCounterCountWordsDriver(new WordCounter()) // generated at compile time
            .onProgress(ProgressBars.console("words"))
            .run(documents); // one count per document, in input order
    // docs:end
    return counts;
  }
}
