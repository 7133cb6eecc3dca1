package dev.parallelfor.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tables behind the README's benchmark claims, written from a small suite of JMH results in
 * {@code src/test/resources/results-fixture} whose figures were chosen by hand: medians that differ
 * from the means, an even number of iterations, values halfway between two roundings, an outlier
 * and a busy machine, contenders missing from some tables, and runs that did not finish.
 */
class ResultsReportTest {
  private static final String A = "A: ns/item (× loop time), 1M items, JDK 17";
  private static final String B = "B: speedup, 20,000 items, JDK 17";
  private static final String C17 = "C: s, 1,000 items, JDK 17";
  private static final String C25 = "C: s, 1,000 items, JDK 25";
  private static final String D_LIST = "D: peak heap MB, 1M items into a list, JDK 17";
  private static final String D_LAZY = "D: 10M lazy items in a 64 MB heap, JDK 17";

  @TempDir static Path dir;
  private static String summary;
  private static String results;
  private static String chart;

  @BeforeAll
  static void writeTheReportOfTheFixture() throws IOException, URISyntaxException {
    Path fixture = Path.of(ResultsReportTest.class.getResource("/results-fixture").toURI());
    try (Stream<Path> files = Files.list(fixture)) {
      for (Path file : files.toList()) {
        Files.copy(file, dir.resolve(file.getFileName()));
      }
    }
    ResultsReport.main(new String[] {dir.toString()});
    summary = Files.readString(dir.resolve("summary.md"), StandardCharsets.UTF_8);
    results = Files.readString(dir.resolve("results.md"), StandardCharsets.UTF_8);
    chart = Files.readString(dir.resolve("ratios.svg"), StandardCharsets.UTF_8);
  }

  @Nested
  class SummaryTable {
    private final Map<String, Map<String, String>> table = byColumn(firstTable(summary));

    @Test
    void hasOneColumnPerTableInWorkloadOrderThenJdkOrder() {
      assertThat(firstTable(summary).get(0))
          .containsExactly("contender", A, B, C17, C25, D_LIST, D_LAZY);
    }

    @Test
    void listsContendersInTheirFixedOrderAndOnlyThoseWithAResult() {
      assertThat(table.keySet())
          .containsExactly(
              "for loop",
              "parallelStream",
              "ExecutorService, future per item",
              "CompletableFuture.supplyAsync per item",
              "parallel-collectors",
              "ParallelFor CPU",
              "ParallelLoop IO",
              "ParallelFor IO");
    }

    @Test
    void givesTinyItemsNanosecondsPerItemAndTheRatioToTheLoopFromMedians() {
      // The loop's mean is 34 ms, its median 32 ms: the median counts.
      assertThat(column(A))
          .contains(
              entry("for loop", "32.0 (1.00)"),
              entry("parallelStream", "16.0 (0.50)"),
              entry("parallel-collectors", "17,000.0 (531.25)"));
    }

    @Test
    void roundsHalfwayValuesUp() {
      // 16.25 ns/item and 100 / 32 = 3.125.
      assertThat(column(A))
          .contains(
              entry("ParallelFor CPU", "16.3 (0.51)"),
              entry("ExecutorService, future per item", "100.0 (3.13) †"));
    }

    @Test
    void marksAResultThatAnOutlierOrOtherProcessesMayHaveDisturbed() {
      assertThat(column(A))
          .contains(
              entry("ExecutorService, future per item", "100.0 (3.13) †"), // one slow iteration
              entry("CompletableFuture.supplyAsync per item", "48.0 (1.50) †")); // busy machine
      assertThat(summary).contains("† other processes on the shared machine used over 10%");
    }

    @Test
    void givesMediumItemsSpeedupWithTheMedianOfAnEvenNumberOfIterations() {
      // Four iterations each: the median is the mean of the middle two.
      assertThat(column(B))
          .contains(
              entry("for loop", "1.00×"),
              entry("parallelStream", "1.98×"),
              entry("ParallelFor CPU", "2.00×"),
              entry("ParallelLoop IO", "0.50×"));
    }

    @Test
    void leavesTheCellEmptyWhereAContenderHasNoResult() {
      assertThat(column(B)).contains(entry("ExecutorService, future per item", ""));
      assertThat(column(C25)).contains(entry("parallelStream", ""));
      assertThat(column(A)).contains(entry("ParallelFor IO", ""));
    }

    @Test
    void givesBlockingItemsSecondsWithTheLoopComputedNotMeasured() {
      assertThat(column(C17))
          .contains(
              entry("for loop", "100 (computed)"),
              entry("parallelStream", "50.101"),
              entry("ExecutorService, future per item", "0.409"),
              entry("ParallelFor IO", "0.219"));
      assertThat(column(C25))
          .contains(entry("for loop", "100 (computed)"), entry("ParallelFor IO", "0.200"));
    }

    @Test
    void givesPeakHeapsAndNoPeakForARunWithoutGc() {
      assertThat(column(D_LIST))
          .contains(
              entry("for loop", "97"),
              entry("parallelStream", "no GC"),
              entry("ParallelFor CPU", "84"));
    }

    @Test
    void saysWhyALazyRunDidNotFinish() {
      assertThat(column(D_LAZY))
          .contains(
              entry("for loop", "completes, no GC"),
              entry("ParallelFor CPU", "completes, peak 5 MB"),
              entry("parallelStream", "**OutOfMemoryError**"),
              entry("ParallelFor IO", "**failed (see D-lazy-jdk17.log)**"));
    }

    @Test
    void isTheSummaryOfTheFullResults() {
      assertThat(results).contains("## Summary\n\n" + summary);
    }

    private Map<String, String> column(String head) {
      Map<String, String> column = new LinkedHashMap<>();
      table.forEach((contender, cells) -> column.put(contender, cells.get(head)));
      return column;
    }
  }

  @Nested
  class WorkloadTables {
    @Test
    void tinyItemsShowMedianRatioSpeedupJmhMeanAndHowEachWasMeasured() {
      assertThat(table("## A. 1,000,000 tiny CPU items (~25 ns each), JDK 17"))
          .containsExactly(
              List.of(
                  "contender",
                  "ns/item (median)",
                  "time / for loop",
                  "speedup",
                  "JMH mean ± error",
                  "measured; CPU used by other processes meanwhile"),
              List.of(
                  "for loop",
                  "32.0",
                  "1.00",
                  "1.00×",
                  "34.0 ± 5.0",
                  "5 × 500 ms after 4 × 500 ms; 1% (busiest iteration 2%)"),
              List.of(
                  "parallelStream",
                  "16.0",
                  "0.50",
                  "2.00×",
                  "16.0 ± 0.5",
                  "5 × 500 ms after 4 × 500 ms; 1% (busiest iteration 2%)"),
              List.of(
                  "ExecutorService, future per item",
                  "100.0",
                  "3.13",
                  "0.32×",
                  "120.0 ± 40.0",
                  "5 × 500 ms after 4 × 500 ms; **1% (busiest iteration 2%)**"),
              List.of(
                  "CompletableFuture.supplyAsync per item",
                  "48.0",
                  "1.50",
                  "0.67×",
                  "48.0 ± 1.0",
                  "5 × 500 ms after 4 × 500 ms; **8% (busiest iteration 25%)**"),
              List.of(
                  "parallel-collectors",
                  "17,000.0",
                  "531.25",
                  "0.002×",
                  "17,000.0",
                  "one cold call; 1%"),
              List.of(
                  "**ParallelFor CPU**",
                  "16.3",
                  "0.51",
                  "1.97×",
                  "16.4 ± 0.6",
                  "5 × 500 ms after 4 × 500 ms; 1% (busiest iteration 2%)"));
    }

    @Test
    void mediumItemsShowWholeMillisecondsPerRun() {
      List<List<String>> table = table("## B. 20,000 medium CPU items (~50 µs each), JDK 17");
      assertThat(table.get(0).get(1)).isEqualTo("ms/run (median)");
      assertThat(table.get(1)).startsWith("for loop", "1,000", "1.00", "1.00×", "1,003 ± 20");
      assertThat(table.get(3)).startsWith("**ParallelFor CPU**", "500", "0.50", "2.00×", "524 ± 8");
    }

    @Test
    void blockingItemsShowSecondsAndSpeedupOverTheComputedLoop() {
      assertThat(results)
          .contains("For loop not run: n × 100 ms = 100 s.")
          .contains("runs on the common pool");
      assertThat(table("## C. 1,000 items that block 100 ms each, JDK 17"))
          .containsExactly(
              List.of(
                  "contender",
                  "wall time (s)",
                  "speedup",
                  "measured; CPU used by other processes meanwhile"),
              List.of("parallelStream", "50.101", "2.00×", "one cold call; 1%"),
              List.of(
                  "ExecutorService, future per item",
                  "0.409 ± 0.001",
                  "244×",
                  "5 × 500 ms after 4 × 500 ms; 1% (busiest iteration 2%)"),
              List.of(
                  "**ParallelFor IO**",
                  "0.219 ± 0.001",
                  "457×",
                  "5 × 500 ms after 4 × 500 ms; 1% (busiest iteration 2%)"));
    }

    @Test
    void memoryShowsPeakHeapAndAllocatedBytesPerItem() {
      assertThat(table("### 1,000,000 items into a list, JDK 17"))
          .containsExactly(
              List.of("contender", "peak heap after GC (MB)", "allocated bytes/item"),
              List.of("for loop", "97", "28"),
              List.of("parallelStream", "no GC", "36"),
              List.of("**ParallelFor CPU**", "84", "32"));
    }

    @Test
    void lazyItemsShowWhichContendersCompleteAndWhyOthersDidNot() {
      assertThat(table("### 10,000,000 lazily produced items"))
          .containsExactly(
              List.of(
                  "contender",
                  "completes",
                  "ns/item",
                  "peak heap after GC (MB)",
                  "allocated bytes/item"),
              List.of("for loop", "yes", "30.0", "no GC", "0"),
              List.of("parallelStream", "**no**: OutOfMemoryError", "", "", ""),
              List.of("**ParallelFor CPU**", "yes", "20.0", "5", "16"),
              List.of("**ParallelFor IO**", "**no**: failed (see D-lazy-jdk17.log)", "", "", ""));
    }

    @Test
    void notesAContenderThatDidNotFinishOutsideTheMemoryTables() {
      assertThat(results)
          .contains(
              "Note: parallel-collectors Batching in `A-jdk17.json` did not finish: failed (see"
                  + " A-jdk17.log).")
          .doesNotContain("in `D-lazy-jdk17.json` did not finish");
    }

    @Test
    void chartHasOneBarPerContenderButTheLoopOnEachSpeedPanel() {
      assertThat(chart)
          .contains(
              "A: 1,000,000 tiny CPU items, JDK 17",
              "B: 20,000 medium CPU items, JDK 17",
              "C: 1,000 items blocking 100 ms (for loop computed), JDK 17",
              "C: 1,000 items blocking 100 ms (for loop computed), JDK 25")
          .doesNotContain(">for loop<", "NaN");
      // A: 5 bars, B: 3, C on 17: 3, C on 25: 1.
      assertThat(chart.split("<rect ", -1)).hasSize(1 + 1 + 5 + 3 + 3 + 1);
    }
  }

  @Nested
  class Targets {
    private final Map<String, List<String>> targets = byTarget(table("## ParallelFor's targets"));

    @Test
    void tinyItemsHoldWhenTheCpuDriverIsWithinTheErrorOfParallelStream() {
      assertThat(
              targets.get(
                  "A (JDK 17): CPU driver as fast as parallelStream within the error, never"
                      + " slower than the loop"))
          .containsExactly(
              "16.3 ± 0.6 vs 16.0 ± 0.5 ns/item (loop 32.0); 0.51× the loop's time", "yes");
    }

    @Test
    void mediumItemsCompareTheCpuDriverWithTheFastestOtherContender() {
      assertThat(targets.get("B (JDK 17): CPU driver ≥ 1.9× speedup, not behind any contender"))
          .containsExactly("2.00×; best other: parallelStream 1.98×", "yes");
    }

    @Test
    void blockingItemsHaveATighterLimitWhereVirtualThreadsExist() {
      assertThat(targets.get("C (JDK 17): IO driver, 1,000 × 100 ms items ≤ 0.50 s"))
          .containsExactly("0.219 s", "yes");
      assertThat(targets.get("C (JDK 25): IO driver, 1,000 × 100 ms items ≤ 0.15 s"))
          .containsExactly("0.200 s", "**no**");
    }

    @Test
    void lazyItemsHoldOnlyForADriverThatCompleted() {
      assertThat(
              targets.get(
                  "D (JDK 17): **ParallelFor CPU** streams 10,000,000 lazy items in a 64 MB heap"))
          .containsExactly("completes; peak heap after GC 5 MB", "yes");
      assertThat(
              targets.get(
                  "D (JDK 17): **ParallelFor IO** streams 10,000,000 lazy items in a 64 MB heap"))
          .containsExactly("did not complete", "**no**");
    }
  }

  /** The for loop did not finish in workloads A and B: there is nothing to compare with. */
  @Nested
  class WithoutTheForLoop {
    @TempDir Path noLoop;

    @Test
    void tablesShowNoRatioTargetsDoNotHoldAndTheChartDrawsNoBar() throws IOException {
      for (String name : List.of("A-jdk17.json", "B-jdk17.json")) {
        JsonArray kept = new JsonArray();
        for (JsonElement run :
            JsonParser.parseString(Files.readString(dir.resolve(name))).getAsJsonArray()) {
          String contender =
              run.getAsJsonObject().getAsJsonObject("params").get("contender").getAsString();
          if (!contender.equals("FOR_LOOP")) {
            kept.add(run);
          }
        }
        Files.writeString(noLoop.resolve(name), kept.toString());
      }

      ResultsReport.main(new String[] {noLoop.toString()});

      String summary = Files.readString(noLoop.resolve("summary.md"), StandardCharsets.UTF_8);
      String results = Files.readString(noLoop.resolve("results.md"), StandardCharsets.UTF_8);
      String chart = Files.readString(noLoop.resolve("ratios.svg"), StandardCharsets.UTF_8);
      assertThat(byColumn(firstTable(summary)))
          .doesNotContainKey("for loop")
          .hasEntrySatisfying(
              "ParallelFor CPU",
              cells -> assertThat(cells).containsEntry(A, "16.3 (–)").containsEntry(B, "–"));
      assertThat(results)
          .contains(
              "| **ParallelFor CPU** | 16.3 | – | – | 16.4 ± 0.6 |",
              "| 16.3 ± 0.6 vs 16.0 ± 0.5 ns/item (loop –); –× the loop's time | **no** |",
              "| –; best other: parallelStream – | **no** |");
      assertThat(chart).doesNotContain("NaN").doesNotContain("<rect x=");
    }
  }

  // ---- reading Markdown tables back
  // --------------------------------------------------------------

  /** The first table after the line that starts with {@code heading}. */
  private static List<List<String>> table(String heading) {
    int at = results.indexOf("\n" + heading);
    assertThat(at).as("heading %s", heading).isNotNegative();
    return firstTable(results.substring(at + 1));
  }

  /** The rows of the first Markdown table in {@code text}, without the alignment row. */
  private static List<List<String>> firstTable(String text) {
    return text.lines()
        .dropWhile(line -> !line.startsWith("| "))
        .takeWhile(line -> line.startsWith("|"))
        .filter(line -> !line.startsWith("|---"))
        .map(line -> Arrays.asList(line.substring(1, line.length() - 1).split("\\|", -1)))
        .map(cells -> cells.stream().map(String::strip).toList())
        .toList();
  }

  /** Each contender's cells by column head, contenders in the table's order, names unbolded. */
  private static Map<String, Map<String, String>> byColumn(List<List<String>> table) {
    List<String> heads = table.get(0);
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    for (List<String> row : table.subList(1, table.size())) {
      Map<String, String> cells = new LinkedHashMap<>();
      for (int i = 1; i < heads.size(); i++) {
        cells.put(heads.get(i), row.get(i));
      }
      rows.put(row.get(0).replace("**", ""), cells);
    }
    return rows;
  }

  private static Map<String, List<String>> byTarget(List<List<String>> table) {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (List<String> row : table.subList(1, table.size())) {
      rows.put(row.get(0), row.subList(1, row.size()));
    }
    return rows;
  }
}
