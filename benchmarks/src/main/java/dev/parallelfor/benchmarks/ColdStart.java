package dev.parallelfor.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The first call in a fresh JVM: what a batch job that runs its loop once pays, JIT warm-up, class
 * loading and pool start-up included, which the JMH workloads (warm, steady state) leave out.
 *
 * <p>Each case is one workload run by one contender, once, in a JVM of its own: {@code ColdStart
 * case WORKLOAD CONTENDER} builds the items, times the one call and prints its milliseconds. The
 * launcher ({@code ColdStart [launches] [java] [out.md]}) starts a JVM per case, round after round
 * with the cases interleaved (so a burst of load on a shared machine hits every contender alike),
 * and writes the median and the spread (min–max) of each case, and its median's ratio to the
 * loop's. {@code COLD_JVM_ARGS} adds flags to every launched JVM; {@code COLD_COMPARE}, the path of
 * another build's benchmarks jar, runs that build's driver beside this one's, interleaved.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.parallelfor.benchmarks.ColdStart 7 java cold.md
 * </pre>
 */
public final class ColdStart {
  /** The workloads of a cold call. */
  enum Job {
    /** About 0.4 s of CPU as a loop: SHA-256 of 2,000 blocks of 64 KiB, four rounds each. */
    SHA256(2_000),
    /** 1,000,000 tiny items (workload A's). */
    TINY(1_000_000),
    /** The fixed cost of a first call: two trivial items. */
    FIXED(2);

    final int items;

    Job(int items) {
      this.items = items;
    }

    long apply(long x) {
      return this == SHA256 ? sha256(x) : Workloads.tiny(x);
    }
  }

  /** The contenders of a cold call. */
  enum Way {
    FOR_LOOP,
    PARALLEL_STREAM,
    PARALLELFOR_CPU
  }

  static final int BLOCK_BYTES = 64 * 1024;
  static final int SHA_ROUNDS = 4;

  private ColdStart() {}

  /**
   * Workload cold-start item: SHA-256 of a 64 KiB block made from {@code block}, hashed {@value
   * #SHA_ROUNDS} times (each round over the block and the previous digest).
   */
  @dev.parallelfor.ParallelFor(mode = dev.parallelfor.Mode.CPU)
  static long sha256(long block) {
    byte[] data = new byte[BLOCK_BYTES];
    long seed = block * 0x9E3779B97F4A7C15L + 1;
    for (int i = 0; i < data.length; i += 8) {
      seed = (seed ^ (seed >>> 29)) * 0xBF58476D1CE4E5B9L;
      for (int b = 0; b < 8; b++) {
        data[i + b] = (byte) (seed >>> (8 * b));
      }
    }
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] digest = new byte[0];
    for (int round = 0; round < SHA_ROUNDS; round++) {
      sha.update(data);
      sha.update(digest);
      digest = sha.digest();
    }
    long folded = 0;
    for (int i = 0; i < 8; i++) {
      folded = (folded << 8) | (digest[i] & 0xFF);
    }
    return folded;
  }

  /** Runs one case the way its contender would, and returns the results in input order. */
  static List<Long> run(Job job, Way way, List<Long> items) {
    return switch (way) {
      case FOR_LOOP -> {
        List<Long> out = new ArrayList<>(items.size());
        for (Long x : items) {
          out.add(job.apply(x));
        }
        yield out;
      }
      case PARALLEL_STREAM -> items.parallelStream().map(job::apply).toList();
      case PARALLELFOR_CPU ->
          job == Job.SHA256
              ? new ColdStartSha256Driver().run(items)
              : new WorkloadsTinyDriver().run(items);
    };
  }

  /**
   * {@code case JOB WAY}: one cold call in this JVM, printed as its milliseconds; otherwise the
   * launcher: {@code [launches (7)] [java (java)] [out.md]}.
   *
   * @param args see above
   * @throws Exception if a case cannot be launched or fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("case")) {
      Job job = Job.valueOf(args[1]);
      List<Long> items = Items.list(job.items);
      long start = System.nanoTime();
      List<Long> results = run(job, Way.valueOf(args[2]), items);
      long nanos = System.nanoTime() - start;
      if (results.size() != items.size()) {
        throw new IllegalStateException("lost results: " + results.size());
      }
      System.out.printf(Locale.ROOT, "cold-ms %.3f%n", nanos / 1e6);
      return;
    }
    int launches = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    String java = args.length > 1 ? args[1] : "java";
    Path out = args.length > 2 ? Path.of(args[2]) : null;
    String report = launchAll(launches, java);
    System.out.print(report);
    if (out != null) {
      Files.writeString(out, report, StandardCharsets.UTF_8);
    }
  }

  private static String launchAll(int launches, String java)
      throws IOException, InterruptedException {
    String classpath = System.getProperty("java.class.path");
    String extra = System.getenv().getOrDefault("COLD_JVM_ARGS", "");
    // Another build's jar (an earlier commit's benchmarks.jar), whose driver runs beside this
    // one's.
    String compare = System.getenv().getOrDefault("COLD_COMPARE", "");
    Map<String, double[]> times = new LinkedHashMap<>();
    for (int launch = 0; launch < launches; launch++) {
      for (Job job : Job.values()) {
        for (Way way : Way.values()) {
          times.computeIfAbsent(job + " " + way, k -> new double[launches])[launch] =
              launchOne(command(java, extra, classpath, job, way));
          if (way == Way.PARALLELFOR_CPU && !compare.isEmpty()) {
            double[] compared =
                times.computeIfAbsent(
                    job + " " + way + " (COLD_COMPARE)", k -> new double[launches]);
            compared[launch] = launchOne(command(java, extra, compare, job, way));
          }
        }
      }
      System.err.println("launch round " + (launch + 1) + " of " + launches + " done");
    }
    return table(times, launches);
  }

  private static List<String> command(
      String java, String extra, String classpath, Job job, Way way) {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(Arrays.stream(extra.split(" ")).filter(s -> !s.isBlank()).toList());
    command.addAll(
        List.of("-cp", classpath, ColdStart.class.getName(), "case", job.name(), way.name()));
    return command;
  }

  private static double launchOne(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
    }
    for (String line : output.split("\n")) {
      if (line.startsWith("cold-ms ")) {
        return Double.parseDouble(line.substring("cold-ms ".length()).trim());
      }
    }
    throw new IllegalStateException("no time in:\n" + output);
  }

  static String table(Map<String, double[]> times, int launches) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "First call in a fresh JVM, %d launches per case, interleaved; ms: median (min–max)"
                + " and the median's ratio to the loop's%n%n",
            launches));
    md.append(
        "| workload | contender | median ms | min–max ms | × loop |\n|---|---|---:|---:|---:|\n");
    for (Job job : Job.values()) {
      double loop = median(times.get(job + " " + Way.FOR_LOOP));
      for (Map.Entry<String, double[]> entry : times.entrySet()) {
        if (!entry.getKey().startsWith(job + " ")) {
          continue;
        }
        double[] t = entry.getValue().clone();
        Arrays.sort(t);
        double median = median(t);
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %.1f | %.1f–%.1f | %.2f |%n",
                job,
                entry.getKey().substring(job.name().length() + 1),
                median,
                t[0],
                t[t.length - 1],
                median / loop));
      }
    }
    return md.toString();
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
