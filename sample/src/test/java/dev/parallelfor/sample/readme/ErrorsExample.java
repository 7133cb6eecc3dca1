package dev.parallelfor.sample.readme;

// docs:errors
import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.Results;
// docs:end
import java.util.List;

/** docs/errors.md's example of failures, compiled. */
final class ErrorsExample {
  private ErrorsExample() {}

  static void errors(List<String> documents) {
    WordCounterCountWordsDriver driver = new WordCounterCountWordsDriver(new WordCounter());
    // docs:errors
    try {
      List<Long> counts = driver.run(documents);
      System.out.println(counts);
    } catch (ParallelForException e) {
      // the first failure in time; the others of the run are e.getSuppressed()
      System.err.printf("document %d (%s) failed: %s%n", e.index(), e.item(), e.getCause());
    }

    Results<Long> results = driver.runAll(documents);
    for (ParallelForException failure : results.failures()) {
      System.err.println(failure.getMessage()); // "item 7 (...) failed: ..."
    }
    // docs:end
  }
}
