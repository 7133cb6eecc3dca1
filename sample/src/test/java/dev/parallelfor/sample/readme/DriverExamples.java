package dev.parallelfor.sample.readme;

// docs:api
import dev.parallelfor.runtime.Completed;
import dev.parallelfor.runtime.ProgressBars;
import dev.parallelfor.runtime.Results;
// docs:end
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/** docs/drivers.md's examples of the driver API, compiled. */
final class DriverExamples {
  private DriverExamples() {}

  static void api(List<String> documents) {
    // docs:api
    WordCounterCountWordsDriver driver =
        new WordCounterCountWordsDriver(new WordCounter())
            .parallelism(4) // at most 4 documents in flight
            .timeout(Duration.ofMinutes(10)) // deadline for each whole run
            .onProgress(ProgressBars.console("words"));

    List<Long> counts = driver.run(documents); // fail-fast, results in input order
    Results<Long> outcomes = driver.runAll(documents); // every document attempted
    CompletableFuture<List<Long>> later = driver.runAsync(documents); // cancel(true) stops the run
    // results in input order while the run goes on; closing the stream cancels the run
    try (Stream<Long> stream = driver.stream(documents)) {
      long total = stream.mapToLong(Long::longValue).sum();
    }
    // results as they are done, each with its index: one slow document holds back nothing
    try (Stream<Completed<Long>> done = driver.asCompleted(documents)) {
      done.forEach(c -> System.out.println("document " + c.index() + ": " + c.value() + " words"));
    }
    // docs:end
    later.join();
    System.out.println(counts.size() + outcomes.size());
  }

  static void executor(List<String> documents) {
    // docs:executor
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Long> counts =
        new WordCounterCountWordsDriver(new WordCounter()).executor(pool).run(documents);
    pool.shutdown(); // the driver never shuts down an executor it was given
    // docs:end
    System.out.println(counts);
  }

  static void cancel(List<String> documents) {
    // docs:cancel
    CompletableFuture<List<Long>> run =
        new WordCounterCountWordsDriver(new WordCounter()).runAsync(documents);
    run.cancel(true); // unstarted items never start, running ones are interrupted
    // docs:end
  }
}
