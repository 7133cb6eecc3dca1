package dev.parallelfor.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns the JMH JSON files of one suite run into {@code results.md} (tables of ratios to the for
 * loop, the targets, the machine and the JVM settings) and {@code ratios.svg}.
 *
 * <p>Files are named by workload: {@code A-*.json} tiny items, {@code B-*.json} medium items,
 * {@code C-*.json} blocking items, {@code D-*.json} memory. A {@code .log} beside a JSON file holds
 * JMH's console output; a contender that it mentions but the JSON lacks did not finish, and the log
 * says why (for example an {@code OutOfMemoryError} in a 64 MB heap).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.parallelfor.benchmarks.ResultsReport results-dir}
 */
public final class ResultsReport {
  private static final Pattern PARAMS =
      Pattern.compile("^# Parameters: \\(contender = (\\w+), n = (\\d+)\\)");

  private final Path dir;
  private final List<RunResult> results = new ArrayList<>();
  private final Map<String, Map<Contender, String>> failures = new TreeMap<>();

  private ResultsReport(Path dir) {
    this.dir = dir;
  }

  /**
   * Writes the report of the results in {@code args[0]}.
   *
   * @param args the results directory
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ResultsReport <results-dir>");
      System.exit(2);
    }
    ResultsReport report = new ResultsReport(Path.of(args[0]));
    report.load();
    Files.writeString(report.dir.resolve("results.md"), report.markdown(), StandardCharsets.UTF_8);
    Files.writeString(report.dir.resolve("summary.md"), report.summary(), StandardCharsets.UTF_8);
    Files.writeString(report.dir.resolve("ratios.svg"), report.chart(), StandardCharsets.UTF_8);
    System.out.println("wrote results.md, summary.md and ratios.svg in " + report.dir);
  }

  private void load() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.sorted().toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (name.endsWith(".json")) {
        results.addAll(RunResult.read(file));
      }
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (name.endsWith(".log")) {
        readFailures(file, name.substring(0, name.length() - 4) + ".json");
      }
    }
  }

  /** Finds the contenders that a log started but whose JSON has no result, and why. */
  private void readFailures(Path log, String json) throws IOException {
    Set<Contender> done = new LinkedHashSet<>();
    for (RunResult r : results) {
      if (r.file().equals(json)) {
        done.add(r.contender());
      }
    }
    Contender current = null;
    String reason = null;
    Map<Contender, String> failed = new EnumMap<>(Contender.class);
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Matcher m = PARAMS.matcher(line);
      if (m.find() || line.startsWith("# Run complete")) {
        if (current != null && !done.contains(current)) {
          failed.put(current, reason == null ? "failed (see " + log.getFileName() + ")" : reason);
        }
        current = m.find(0) ? Contender.valueOf(m.group(1)) : null;
        reason = null;
      } else if (current != null && reason == null && line.contains("OutOfMemoryError")) {
        reason = "OutOfMemoryError";
      }
    }
    if (!failed.isEmpty()) {
      failures.put(json, failed);
    }
  }

  // ---- selection ------------------------------------------------------------------------------

  private static String section(RunResult r) {
    if (r.file().startsWith("D-scale")) {
      return "D-scale";
    }
    if (r.file().startsWith("D")) {
      return r.benchmark().startsWith("Lazy") ? "D-lazy" : "D-list";
    }
    return r.file().substring(0, 1);
  }

  /** The results of one table: a section on one JDK with one item count, by contender. */
  private record Group(String section, int jdk, long n, Map<Contender, RunResult> rows) {
    Optional<RunResult> row(Contender c) {
      return Optional.ofNullable(rows.get(c));
    }
  }

  private List<Group> groups(String section) {
    Map<String, Group> groups = new TreeMap<>();
    for (RunResult r : results) {
      if (!section(r).equals(section)) {
        continue;
      }
      String key = String.format(Locale.ROOT, "%03d-%012d", r.jvm().feature(), r.n());
      groups
          .computeIfAbsent(
              key,
              k -> new Group(section, r.jvm().feature(), r.n(), new EnumMap<>(Contender.class)))
          .rows()
          .put(r.contender(), r);
    }
    return List.copyOf(groups.values());
  }

  /** The for loop's time of a group in ms: measured, or n × 100 ms for blocking items. */
  private static double loopMillis(Group g) {
    if (g.section().equals("C")) {
      return g.n() * (double) Workloads.BLOCK_MILLIS;
    }
    return g.row(Contender.FOR_LOOP).map(RunResult::millis).orElse(Double.NaN);
  }

  // ---- Markdown -------------------------------------------------------------------------------

  private String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# ParallelFor benchmark results\n\n");
    md.append("Written by `bash benchmarks/run.sh` on ")
        .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE))
        .append(". Ratios are to a plain `for` loop over the same items, in the same run.")
        .append(" Speedup = for-loop time / contender time: higher is better, the ideal on CPU")
        .append(" work is the core count. Times are the median of the measured iterations, which")
        .append(" ignores an iteration that another process on the shared machine slowed down;")
        .append(" JMH's mean ± 99.9% error is shown beside it (none for a single call).\n\n");
    md.append("## Summary\n\n").append(summary()).append('\n');
    machine(md);
    targets(md);
    md.append("![Speedup over the for loop](ratios.svg)\n\n");
    for (Group g : groups("A")) {
      md.append(f("## A. %,d tiny CPU items (~25 ns each), JDK %d%n%n", g.n(), g.jdk()));
      speedTable(md, g, true);
    }
    for (Group g : groups("B")) {
      md.append(f("## B. %,d medium CPU items (~50 µs each), JDK %d%n%n", g.n(), g.jdk()));
      speedTable(md, g, false);
    }
    for (Group g : groups("C")) {
      md.append(
          f(
              "## C. %,d items that block 100 ms each, JDK %d%n%n"
                  + "For loop not run: n × 100 ms = %s s. Hand-written contenders use a fixed pool"
                  + " of %d threads; parallelStream runs on the common pool; the ParallelFor"
                  + " drivers run at their defaults.%n%n",
              g.n(), g.jdk(), num(loopMillis(g) / 1e3, 0), BlockingItemsBenchmark.POOL_THREADS));
      md.append(
          "| contender | wall time (s) | speedup | measured; CPU used by other processes"
              + " meanwhile |\n|---|---:|---:|---|\n");
      double loop = loopMillis(g);
      for (RunResult r : sorted(g)) {
        md.append(
            f(
                "| %s | %s | %s | %s |%n",
                label(r.contender()),
                withError(r.millis() / 1e3, r.errorMillis() / 1e3, 3),
                RatioChart.ratio(loop / r.millis()),
                howMeasured(r) + "; " + noise(r)));
      }
      md.append('\n');
    }
    memory(md);
    scaling(md);
    failuresNote(md);
    settings(md);
    return md.toString();
  }

  /**
   * One row per contender, one column per workload: the table docs/performance.md shows. Also
   * written alone to {@code summary.md}.
   */
  private String summary() {
    List<String> heads = new ArrayList<>();
    List<java.util.function.Function<Contender, String>> cells = new ArrayList<>();
    for (Group g : groups("A")) {
      heads.add(f("A: ns/item (× loop time), %s", itemsOn(g)));
      double loop = loopMillis(g);
      cells.add(
          c ->
              g.row(c)
                  .map(
                      r ->
                          f(
                              "%s (%s)%s",
                              num(r.millis() * 1e6 / g.n(), 1), num(r.millis() / loop, 2), mark(r)))
                  .orElse(""));
    }
    for (Group g : groups("B")) {
      heads.add(f("B: speedup, %s", itemsOn(g)));
      double loop = loopMillis(g);
      cells.add(c -> g.row(c).map(r -> RatioChart.ratio(loop / r.millis()) + mark(r)).orElse(""));
    }
    for (Group g : groups("C")) {
      heads.add(f("C: s, %s", itemsOn(g)));
      cells.add(
          c ->
              c == Contender.FOR_LOOP
                  ? num(loopMillis(g) / 1e3, 0) + " (computed)"
                  : g.row(c).map(r -> num(r.millis() / 1e3, 3) + mark(r)).orElse(""));
    }
    for (Group g : groups("D-list")) {
      heads.add(f("D: peak heap MB, %s items into a list, JDK %d", count(g), g.jdk()));
      cells.add(c -> g.row(c).map(ResultsReport::peakHeap).orElse(""));
    }
    for (Group g : groups("D-lazy")) {
      heads.add(f("D: %s lazy items in a %s, JDK %d", count(g), heapOf(g), g.jdk()));
      String json = g.rows().values().iterator().next().file();
      Map<Contender, String> failed = failures.getOrDefault(json, Map.of());
      cells.add(
          c ->
              g.row(c)
                  .map(
                      r ->
                          r.secondary("heap.gcs") == 0
                              ? "completes, no GC"
                              : "completes, peak " + peakHeap(r) + " MB")
                  .orElse(failed.containsKey(c) ? "**" + failed.get(c) + "**" : ""));
    }
    StringBuilder t = new StringBuilder("| contender | ");
    t.append(String.join(" | ", heads)).append(" |\n|---|");
    t.append("---:|".repeat(heads.size())).append('\n');
    for (Contender c : Contender.values()) {
      List<String> row = new ArrayList<>();
      for (java.util.function.Function<Contender, String> cell : cells) {
        row.add(cell.apply(c));
      }
      if (row.stream().allMatch(String::isEmpty)) {
        continue;
      }
      t.append("| ").append(label(c)).append(" | ").append(String.join(" | ", row)).append(" |\n");
    }
    if (t.indexOf(" †") >= 0) {
      t.append(
          "\n† other processes on the shared machine used over 10% of the CPUs during some"
              + " iteration of this measurement, or one iteration took over 1.5 × the median:"
              + " treat it with care.\n");
    }
    return t.toString();
  }

  private static String mark(RunResult r) {
    return disturbed(r) ? " †" : "";
  }

  private static String itemsOn(Group g) {
    return count(g) + " items, JDK " + g.jdk();
  }

  private static String count(Group g) {
    return g.n() % 1_000_000 == 0 ? (g.n() / 1_000_000) + "M" : f("%,d", g.n());
  }

  private void speedTable(StringBuilder md, Group g, boolean perItem) {
    double loop = loopMillis(g);
    String unit = perItem ? "ns/item" : "ms/run";
    md.append(
        f(
            "| contender | %s (median) | time / for loop | speedup | JMH mean ± error |"
                + " measured; CPU used by other processes meanwhile |%n"
                + "|---|---:|---:|---:|---:|---|%n",
            unit));
    for (RunResult r : sorted(g)) {
      double scale = perItem ? 1e6 / g.n() : 1;
      int digits = perItem ? 1 : 0;
      md.append(
          f(
              "| %s | %s | %s | %s | %s | %s |%n",
              label(r.contender()),
              num(r.millis() * scale, digits),
              num(r.millis() / loop, 2),
              RatioChart.ratio(loop / r.millis()),
              withError(r.meanMillis() * scale, r.errorMillis() * scale, digits),
              howMeasured(r) + "; " + noise(r)));
    }
    md.append('\n');
  }

  private void memory(StringBuilder md) {
    List<Group> list = groups("D-list");
    List<Group> lazy = groups("D-lazy");
    if (list.isEmpty() && lazy.isEmpty()) {
      return;
    }
    md.append("## D. Memory\n\n");
    md.append(
        "Peak heap = the largest heap occupancy after any GC during a measured iteration (live"
            + " data plus promoted garbage not yet collected), from a profiler that listens to the"
            + " JVM's GC notifications; the runs use a small fixed young generation so that GCs"
            + " are frequent enough to catch the peak. Bytes/item = JMH's `-prof gc`"
            + " `gc.alloc.rate.norm` / n: everything allocated, on every thread.\n\n");
    for (Group g : list) {
      md.append(
          f(
              "### %,d items into a list, JDK %d (`%s`)%n%n",
              g.n(), g.jdk(), String.join(" ", flags(g))));
      md.append(
          "The input list itself (%,d boxed `Long`s, about %d MB) is part of every peak.\n\n"
              .formatted(g.n(), Math.round(g.n() * 20.0 / 1e6)));
      md.append(
          "| contender | peak heap after GC (MB) | allocated bytes/item |\n|---|---:|---:|\n");
      for (RunResult r : sorted(g)) {
        md.append(
            f(
                "| %s | %s | %s |%n",
                label(r.contender()),
                peakHeap(r),
                num(r.secondary("gc.alloc.rate.norm") / g.n(), 0)));
      }
      md.append('\n');
    }
    for (Group g : lazy) {
      md.append(
          f(
              "### %,d lazily produced items, results summed as they come, JDK %d (`%s`)%n%n",
              g.n(), g.jdk(), String.join(" ", flags(g))));
      md.append(
          "| contender | completes | ns/item | peak heap after GC (MB) | allocated bytes/item |\n"
              + "|---|---|---:|---:|---:|\n");
      String json = g.rows().values().iterator().next().file();
      Map<Contender, String> failed = failures.getOrDefault(json, Map.of());
      for (Contender c : Contender.values()) {
        Optional<RunResult> row = g.row(c);
        if (row.isPresent()) {
          RunResult r = row.get();
          md.append(
              f(
                  "| %s | yes | %s | %s | %s |%n",
                  label(c),
                  withError(r.millis() * 1e6 / g.n(), r.errorMillis() * 1e6 / g.n(), 1),
                  peakHeap(r),
                  num(r.secondary("gc.alloc.rate.norm") / g.n(), 0)));
        } else if (failed.containsKey(c)) {
          md.append(f("| %s | **no**: %s | | | |%n", label(c), failed.get(c)));
        }
      }
      md.append('\n');
    }
  }

  /** The streaming drivers' peak heap as the lazy input grows, in a heap large enough for all. */
  private void scaling(StringBuilder md) {
    List<Group> groups = groups("D-scale");
    if (groups.isEmpty()) {
      return;
    }
    md.append(
        f(
            "### Does the streaming form's memory grow with the input? JDK %d (`%s`)%n%n",
            groups.get(0).jdk(), String.join(" ", flags(groups.get(0)))));
    md.append(
        "Peak heap after GC (MB) while the drivers stream n lazy items, one cold call each.\n\n");
    md.append("| contender |");
    groups.forEach(g -> md.append(f(" n = %,d |", g.n())));
    md.append("\n|---|").append("---:|".repeat(groups.size())).append('\n');
    for (Contender c : Contender.values()) {
      if (groups.stream().noneMatch(g -> g.rows().containsKey(c))) {
        continue;
      }
      md.append("| ").append(label(c)).append(" |");
      for (Group g : groups) {
        md.append(' ').append(g.row(c).map(ResultsReport::peakHeap).orElse("")).append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
  }

  private void failuresNote(StringBuilder md) {
    for (Map.Entry<String, Map<Contender, String>> e : failures.entrySet()) {
      if (e.getKey().startsWith("D")) {
        continue; // shown in the memory table
      }
      for (Map.Entry<Contender, String> f : e.getValue().entrySet()) {
        md.append(
            f(
                "Note: %s in `%s` did not finish: %s.%n%n",
                label(f.getKey()), e.getKey(), f.getValue()));
      }
    }
  }

  private void targets(StringBuilder md) {
    md.append("## ParallelFor's targets\n\n| target | measured | holds |\n|---|---|---|\n");
    for (Group g : groups("A")) {
      Optional<RunResult> pf = g.row(Contender.PARALLELFOR_CPU);
      Optional<RunResult> ps = g.row(Contender.PARALLEL_STREAM);
      if (pf.isPresent() && ps.isPresent()) {
        double perItem = 1e6 / g.n();
        RunResult p = pf.get();
        RunResult s = ps.get();
        double loop = loopMillis(g); // NaN when the loop has no result: then nothing holds
        double loopError = g.row(Contender.FOR_LOOP).map(ResultsReport::err).orElse(0.0);
        boolean asFast = p.millis() - err(p) <= s.millis() + err(s);
        boolean notSlower = p.millis() - err(p) <= loop + loopError;
        md.append(
            f(
                "| A (JDK %d): CPU driver as fast as parallelStream within the error, never"
                    + " slower than the loop | %s vs %s ns/item (loop %s); %s× the loop's time |"
                    + " %s |%n",
                g.jdk(),
                withError(p.millis() * perItem, p.errorMillis() * perItem, 1),
                withError(s.millis() * perItem, s.errorMillis() * perItem, 1),
                num(loop * perItem, 1),
                num(p.millis() / loop, 2),
                holds(asFast && notSlower)));
      }
    }
    for (Group g : groups("B")) {
      Optional<RunResult> pf = g.row(Contender.PARALLELFOR_CPU);
      if (pf.isPresent()) {
        RunResult p = pf.get();
        double speedup = loopMillis(g) / p.millis();
        RunResult best =
            g.rows().values().stream()
                .filter(r -> r.contender() != Contender.FOR_LOOP)
                .filter(r -> !r.contender().label().startsWith("ParallelFor"))
                .min(Comparator.comparingDouble(RunResult::millis))
                .orElse(p);
        boolean notBehind = p.millis() - err(p) <= best.millis() + err(best);
        md.append(
            f(
                "| B (JDK %d): CPU driver ≥ 1.9× speedup, not behind any contender | %s; best"
                    + " other: %s %s | %s |%n",
                g.jdk(),
                RatioChart.ratio(speedup),
                label(best.contender()),
                RatioChart.ratio(loopMillis(g) / best.millis()),
                holds(speedup >= 1.9 && notBehind)));
      }
    }
    for (Group g : groups("C")) {
      Optional<RunResult> pf = g.row(Contender.PARALLELFOR_IO);
      if (pf.isPresent() && g.n() == 1000) {
        double limit = g.jdk() >= 21 ? 0.15 : 0.5;
        double seconds = pf.get().millis() / 1e3;
        md.append(
            f(
                "| C (JDK %d): IO driver, 1,000 × 100 ms items ≤ %s s | %s s | %s |%n",
                g.jdk(), num(limit, 2), num(seconds, 3), holds(seconds <= limit)));
      } else if (pf.isPresent()) {
        md.append(
            f(
                "| C (JDK %d, %,d items): for information | %s s | |%n",
                g.jdk(), g.n(), num(pf.get().millis() / 1e3, 3)));
      }
    }
    for (Group g : groups("D-lazy")) {
      for (Contender c : List.of(Contender.PARALLELFOR_CPU, Contender.PARALLELFOR_IO)) {
        Optional<RunResult> r = g.row(c);
        String measured =
            r.map(
                    x ->
                        x.secondary("heap.gcs") == 0
                            ? "completes, no GC"
                            : f("completes; peak heap after GC %s MB", peakHeap(x)))
                .orElse("did not complete");
        md.append(
            f(
                "| D (JDK %d): %s streams %,d lazy items in a %s | %s | %s |%n",
                g.jdk(), label(c), g.n(), heapOf(g), measured, holds(r.isPresent())));
      }
    }
    md.append('\n');
  }

  /** The peak heap in MB, or why there is none: a run without GC shows no peak. */
  private static String peakHeap(RunResult r) {
    if (r.secondary("heap.gcs") == 0) {
      return "no GC";
    }
    return num(r.secondary("heap.peak.afterGc"), 0);
  }

  private static String heapOf(Group g) {
    return flags(g).stream()
        .filter(a -> a.startsWith("-Xmx"))
        .map(a -> a.substring(4).replaceAll("(?i)m$", " MB").replaceAll("(?i)g$", " GB") + " heap")
        .findFirst()
        .orElse("the default heap");
  }

  private static List<String> flags(Group g) {
    return g.rows().values().iterator().next().jvm().jvmArgs();
  }

  private static String howMeasured(RunResult r) {
    if (!r.mode().equals("ss")) {
      return r.jvm().measurement() + " after " + r.jvm().warmup();
    }
    if (r.jvm().warmupIterations() == 0 && r.jvm().measurementIterations() == 1) {
      return "one cold call";
    }
    return f(
        "%s after %s",
        calls(r.jvm().measurementIterations()),
        r.jvm().warmupIterations() == 1
            ? "1 warm-up call"
            : r.jvm().warmupIterations() + " warm-up calls");
  }

  /** What other processes used while r was measured, flagged when it may have mattered. */
  private static String noise(RunResult r) {
    double mean = r.secondary("machine.others.cpu");
    double max = r.secondary("machine.others.cpu.max");
    String used =
        Double.isNaN(mean)
            ? "not recorded"
            : r.samples().size() > 1
                ? f("%.0f%% (busiest iteration %.0f%%)", mean, max)
                : f("%.0f%%", mean);
    return disturbed(r) ? "**" + used + "**" : used;
  }

  /**
   * Whether other work on the machine may have slowed r down: other processes used over 10% of the
   * CPUs in some iteration, or its slowest iteration took over 1.5 times its median.
   */
  static boolean disturbed(RunResult r) {
    if (r.benchmark().startsWith("Blocking")) {
      return r.noisy(); // sleeping items hardly need a core: others' CPU use does not slow them
    }
    double max = r.secondary("machine.others.cpu.max");
    return (!Double.isNaN(max) && max > 10) || r.noisy();
  }

  private static String calls(int n) {
    return n == 1 ? "1 call" : n + " calls";
  }

  private static double err(RunResult r) {
    return Double.isNaN(r.errorMillis()) ? 0 : r.errorMillis();
  }

  private static String holds(boolean ok) {
    return ok ? "yes" : "**no**";
  }

  private void machine(StringBuilder md) {
    md.append("## Machine\n\n");
    md.append(f("- CPU: %s, %d cores seen by the JVM%n", cpuModel(), cores()));
    md.append(
        f(
            "- Memory: %s; OS: %s (%s)%n",
            memory(), System.getProperty("os.name"), System.getProperty("os.arch")));
    Set<String> jdks = new LinkedHashSet<>();
    results.stream()
        .sorted(Comparator.comparingInt(r -> r.jvm().feature()))
        .forEach(r -> jdks.add(r.jvm().jdkVersion() + " (" + r.jvm().vm() + ")"));
    md.append("- JDKs: ").append(String.join("; ", jdks)).append('\n');
    List<String> others = new ArrayList<>();
    Path env = dir.resolve("environment.txt");
    if (Files.exists(env)) {
      try {
        for (String line : Files.readAllLines(env, StandardCharsets.UTF_8)) {
          if (line.startsWith("load") || line.startsWith("suite time")) {
            md.append("- ").append(line).append('\n');
          } else if (line.startsWith("cpu used by other processes")) {
            others.add(line.substring(line.indexOf(" before ") + 8));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (!others.isEmpty()) {
      md.append("- CPU used by other processes just before each run: ")
          .append(String.join("; ", others))
          .append('\n');
    }
    md.append(
        "- The machine is shared: other builds running at the same time add noise, most of all"
            + " to the CPU workloads. Each run waits briefly for a quiet moment; the figures above"
            + " show how busy the machine was.\n\n");
  }

  private void settings(StringBuilder md) {
    md.append("## Run settings\n\n");
    md.append(
        "Every contender of a table ran under the same JVM flags, forks and iterations. `-gc"
            + " true` forces a full GC between iterations, so no contender inherits another"
            + " iteration's garbage. The G1 region size is 16 MB in the speed runs so that the"
            + " 4 MB result arrays of 1,000,000 items are ordinary young allocations, not"
            + " humongous objects, for every contender alike.\n\n");
    md.append("| file | JDK | JVM flags | forks | warm-up | measurement | mode |\n");
    md.append("|---|---|---|---:|---|---|---|\n");
    Map<String, RunResult> byFile = new LinkedHashMap<>();
    results.forEach(r -> byFile.putIfAbsent(r.file(), r));
    for (RunResult r : byFile.values()) {
      md.append(
          f(
              "| %s | %s | `%s` | %d | %s | %s | %s |%n",
              r.file(),
              r.jvm().jdkVersion(),
              String.join(" ", r.jvm().jvmArgs()),
              r.jvm().forks(),
              r.mode().equals("ss") ? calls(r.jvm().warmupIterations()) : r.jvm().warmup(),
              r.mode().equals("ss")
                  ? calls(r.jvm().measurementIterations())
                  : r.jvm().measurement(),
              r.mode()));
    }
    md.append('\n');
  }

  // ---- chart ----------------------------------------------------------------------------------

  private String chart() {
    List<RatioChart.Panel> panels = new ArrayList<>();
    for (String section : List.of("A", "B", "C")) {
      for (Group g : groups(section)) {
        double loop = loopMillis(g);
        List<RatioChart.Bar> bars = new ArrayList<>();
        for (RunResult r : sorted(g)) {
          // A table whose loop has no result has no ratios to draw.
          if (r.contender() != Contender.FOR_LOOP && !Double.isNaN(loop)) {
            bars.add(
                new RatioChart.Bar(
                    r.contender().label(),
                    loop / r.millis(),
                    r.contender().label().startsWith("ParallelFor")));
          }
        }
        String what =
            switch (section) {
              case "A" -> f("A: %,d tiny CPU items", g.n());
              case "B" -> f("B: %,d medium CPU items", g.n());
              default -> f("C: %,d items blocking 100 ms (for loop computed)", g.n());
            };
        panels.add(new RatioChart.Panel(what + f(", JDK %d", g.jdk()), bars));
      }
    }
    return RatioChart.svg(
        "Speedup over a plain for loop (higher is better; dashed line = the loop)",
        f("%d cores, %s", cores(), cpuModel()),
        panels);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static List<RunResult> sorted(Group g) {
    return g.rows().values().stream().sorted(Comparator.comparing(RunResult::contender)).toList();
  }

  private static String label(Contender c) {
    return c.label().startsWith("ParallelFor") ? "**" + c.label() + "**" : c.label();
  }

  private static String withError(double value, double error, int digits) {
    if (Double.isNaN(error) || error == 0) {
      return num(value, digits);
    }
    return num(value, digits) + " ± " + num(error, digits);
  }

  private static String num(double value, int digits) {
    if (Double.isNaN(value)) {
      return "–";
    }
    return String.format(Locale.ROOT, "%,." + digits + "f", value);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  private static String cpuModel() {
    return firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
  }

  private static String memory() {
    return firstValue(Path.of("/proc/meminfo"), "MemTotal")
        .map(v -> Math.round(Long.parseLong(v.replaceAll("\\D", "")) / 1024.0 / 1024.0) + " GB")
        .orElse("unknown");
  }

  private static Optional<String> firstValue(Path file, String key) {
    if (!Files.isReadable(file)) {
      return Optional.empty();
    }
    try (Stream<String> lines = Files.lines(file)) {
      return lines
          .filter(l -> l.startsWith(key))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
  }
}
