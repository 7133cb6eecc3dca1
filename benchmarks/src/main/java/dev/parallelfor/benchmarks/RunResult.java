package dev.parallelfor.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark result read back from a JMH JSON file: which contender, the JVM it ran on, and its
 * primary and secondary scores.
 *
 * @param file the JSON file's name
 * @param benchmark the benchmark's simple name, for example {@code TinyItemsBenchmark.run}
 * @param contender the contender
 * @param n the number of items
 * @param mode JMH's mode ({@code avgt}, {@code ss})
 * @param score the primary score: JMH's mean over the measured iterations
 * @param error the primary score's 99.9% error, NaN when JMH has too few samples
 * @param samples the primary score of each measured iteration (or single call)
 * @param unit the primary score's unit
 * @param secondary the secondary scores (profilers) by label
 * @param jvm the JVM description, the same for every result of a file
 */
record RunResult(
    String file,
    String benchmark,
    Contender contender,
    long n,
    String mode,
    double score,
    double error,
    List<Double> samples,
    String unit,
    Map<String, Double> secondary,
    JvmSettings jvm) {

  /**
   * How a result's JVM ran.
   *
   * @param jdkVersion the JDK version
   * @param vm the VM name and version
   * @param jvmArgs the forked JVM's flags
   * @param forks the number of forks
   * @param warmupIterations warm-up iterations
   * @param warmup warm-up iterations and their time
   * @param measurementIterations measurement iterations
   * @param measurement measurement iterations and their time
   */
  record JvmSettings(
      String jdkVersion,
      String vm,
      List<String> jvmArgs,
      int forks,
      int warmupIterations,
      String warmup,
      int measurementIterations,
      String measurement) {

    /**
     * @return the JDK's feature release, such as 17 or 25
     */
    int feature() {
      String v = jdkVersion.startsWith("1.") ? jdkVersion.substring(2) : jdkVersion;
      int end = 0;
      while (end < v.length() && Character.isDigit(v.charAt(end))) {
        end++;
      }
      return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
    }
  }

  /** Reads every result of one JMH JSON file ({@code -rf json}). */
  static List<RunResult> read(Path file) throws IOException {
    JsonArray runs;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      JsonElement root = JsonParser.parseReader(reader);
      runs = root.isJsonArray() ? root.getAsJsonArray() : new JsonArray();
    }
    List<RunResult> results = new ArrayList<>();
    for (JsonElement element : runs) {
      JsonObject run = element.getAsJsonObject();
      JsonObject params = run.getAsJsonObject("params");
      JsonObject primary = run.getAsJsonObject("primaryMetric");
      Map<String, Double> secondary = new LinkedHashMap<>();
      JsonObject metrics = run.getAsJsonObject("secondaryMetrics");
      if (metrics != null) {
        for (Map.Entry<String, JsonElement> metric : metrics.entrySet()) {
          // JMH before 1.30 prefixed profiler labels with a middle dot.
          String label = metric.getKey().replace("\u00b7", "");
          secondary.put(label, number(metric.getValue().getAsJsonObject().get("score")));
        }
      }
      List<String> args = new ArrayList<>();
      run.getAsJsonArray("jvmArgs").forEach(a -> args.add(a.getAsString()));
      JvmSettings jvm =
          new JvmSettings(
              run.get("jdkVersion").getAsString(),
              run.get("vmName").getAsString() + " " + run.get("vmVersion").getAsString(),
              List.copyOf(args),
              run.get("forks").getAsInt(),
              run.get("warmupIterations").getAsInt(),
              run.get("warmupIterations").getAsInt() + " × " + run.get("warmupTime").getAsString(),
              run.get("measurementIterations").getAsInt(),
              run.get("measurementIterations").getAsInt()
                  + " × "
                  + run.get("measurementTime").getAsString());
      String benchmark = run.get("benchmark").getAsString();
      int cut = benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1);
      results.add(
          new RunResult(
              file.getFileName().toString(),
              benchmark.substring(cut + 1),
              Contender.valueOf(params.get("contender").getAsString()),
              Long.parseLong(params.get("n").getAsString()),
              run.get("mode").getAsString(),
              number(primary.get("score")),
              number(primary.get("scoreError")),
              samples(primary),
              primary.get("scoreUnit").getAsString(),
              Map.copyOf(secondary),
              jvm));
    }
    return results;
  }

  private static List<Double> samples(JsonObject primary) {
    List<Double> samples = new ArrayList<>();
    JsonArray forks = primary.getAsJsonArray("rawData");
    if (forks != null) {
      for (JsonElement fork : forks) {
        for (JsonElement sample : fork.getAsJsonArray()) {
          samples.add(number(sample));
        }
      }
    }
    return List.copyOf(samples);
  }

  /** JMH writes NaN and infinities as strings. */
  private static double number(JsonElement value) {
    if (value == null || value.isJsonNull()) {
      return Double.NaN;
    }
    if (value.getAsJsonPrimitive().isString()) {
      try {
        return Double.parseDouble(value.getAsString());
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return value.getAsDouble();
  }

  /**
   * The median of the measured iterations in milliseconds per operation (one run over all items).
   * The tables use it rather than JMH's mean: on a shared machine, another process's burst of work
   * lengthens one iteration, and the median ignores that iteration while the mean does not.
   *
   * @return the median time of one run over all items
   */
  double millis() {
    if (samples.isEmpty()) {
      return toMillis(score);
    }
    List<Double> sorted = samples.stream().sorted().toList();
    int mid = sorted.size() / 2;
    double median =
        sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    return toMillis(median);
  }

  /**
   * @return JMH's mean in milliseconds per operation
   */
  double meanMillis() {
    return toMillis(score);
  }

  /**
   * @return whether the slowest iteration took over 1.5 times the median: a sign of other work on
   *     the machine during the run
   */
  boolean noisy() {
    return samples.size() >= 3
        && toMillis(samples.stream().mapToDouble(Double::doubleValue).max().orElse(0))
            > 1.5 * millis();
  }

  /**
   * @return the primary score's error in milliseconds, NaN when unknown
   */
  double errorMillis() {
    return toMillis(error);
  }

  private double toMillis(double value) {
    return switch (unit) {
      case "s/op" -> value * 1e3;
      case "ms/op" -> value;
      case "us/op" -> value / 1e3;
      case "ns/op" -> value / 1e6;
      default -> throw new IllegalStateException("unexpected unit " + unit + " in " + file);
    };
  }

  /**
   * @return the secondary score with this label, NaN when the run had no such profiler
   */
  double secondary(String label) {
    return secondary.getOrDefault(label, Double.NaN);
  }
}
