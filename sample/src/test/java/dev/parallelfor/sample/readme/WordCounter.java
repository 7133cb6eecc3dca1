package dev.parallelfor.sample.readme;

// docs:intro
import dev.parallelfor.Mode;
import dev.parallelfor.ParallelFor;

// docs:end

// docs:intro
public class WordCounter {
  @ParallelFor(mode = Mode.CPU)
  long countWords(String text) {
    return text.isBlank() ? 0 : text.strip().split("\\s+").length;
  }
}

// docs:end
