package dev.parallelfor.sample.readme;

// readme:intro
import dev.parallelfor.Mode;
import dev.parallelfor.ParallelFor;

// readme:end

// readme:intro
public class WordCounter {
  @ParallelFor(mode = Mode.CPU)
  long countWords(String text) {
    return text.isBlank() ? 0 : text.strip().split("\\s+").length;
  }
}

// readme:end
