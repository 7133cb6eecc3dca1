package dev.parallelfor.sample;

import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.ProgressBars;
import dev.parallelfor.runtime.ProgressListener;
import dev.parallelfor.runtime.Results;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The sample program: checksums of every file under a folder (CPU mode), then many HTTP requests to
 * a slow local server (IO mode), each timed against the plain {@code for} loop it replaces.
 */
@Command(
    name = "parallelfor-sample",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Computes the SHA-256 of every file under DIR with a @ParallelFor(mode = CPU) method, then"
          + " fetches URLS addresses from a local HTTP server that answers after LATENCY"
          + " milliseconds with a @ParallelFor(mode = IO) method. The server answers 503 to a"
          + " share of the requests and 429 above a rate, as busy services do; the fetch method's"
          + " @Retry tries such requests again and the driver's rate limit keeps below the"
          + " server's. For each job it prints the time"
          + " of a plain for loop, the time of the generated driver, the speedup and the first"
          + " failures, if any.",
      "Without DIR it generates FILES files of random content in a temporary folder and removes"
          + " them afterwards."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every item succeeded",
      "1:some items failed (listed in the output)",
      "2:invalid arguments"
    })
public final class Main implements Callable<Integer> {
  /** How many addresses the {@code for} loop fetches one by one for its time estimate. */
  static final int FOR_LOOP_URLS = 20;

  /** Seed of the generated files, so that every run checksums the same data. */
  static final long SEED = 42;

  private static final int FAILURES_SHOWN = 5;

  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "DIR",
      description = "Folder whose files to checksum, at any depth (default: generated files).")
  Path directory;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description =
          "Items in flight for both jobs (default: each mode's own: the core count for"
              + " checksums, a high in-flight limit for fetching).")
  Integer parallelism;

  @Option(
      names = "--files",
      paramLabel = "FILES",
      defaultValue = "6000",
      description = "Files to generate when no DIR is given (default: ${DEFAULT-VALUE}).")
  int files;

  @Option(
      names = "--urls",
      paramLabel = "URLS",
      defaultValue = "1000",
      description = "Addresses to fetch; 0 skips the fetch job (default: ${DEFAULT-VALUE}).")
  int urls;

  @Option(
      names = "--latency-ms",
      paramLabel = "LATENCY",
      defaultValue = "50",
      description = "The server's delay before each answer (default: ${DEFAULT-VALUE}).")
  int latencyMs;

  @Option(
      names = "--unavailable-percent",
      paramLabel = "P",
      defaultValue = "5",
      description =
          "Share of requests, in percent, that the server answers 503 Service Unavailable, at"
              + " random (default: ${DEFAULT-VALUE}).")
  double unavailablePercent;

  @Option(
      names = "--server-rate",
      paramLabel = "R",
      defaultValue = "2000",
      description =
          "Requests a second the server takes; it answers 429 Too Many Requests to those above;"
              + " 0 for no limit (default: ${DEFAULT-VALUE}).")
  int serverRate;

  @Option(
      names = "--rate-limit",
      paramLabel = "R",
      description =
          "Requests a second the driver starts at most, retries included; 0 for no limit"
              + " (default: the --server-rate).")
  Integer rateLimit;

  @Option(
      names = "--attempts",
      paramLabel = "N",
      description =
          "Attempts per URL, replacing the @Retry(attempts = 5) of the fetch method (default: 5).")
  Integer attempts;

  @Option(
      names = "--cluster",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Also checksum the files on a Hazelcast cluster of N members started in this JVM on"
              + " 127.0.0.1, and show how many files each member did (default: no cluster).")
  int clusterMembers;

  @Option(
      names = "--join",
      paramLabel = "HOST:PORT",
      description =
          "Also checksum the files on the existing Hazelcast cluster that a member at HOST:PORT"
              + " belongs to, joining it as a member; every member must see the files at the"
              + " same paths and have this program on its class path.")
  String join;

  @Option(
      names = "--cluster-name",
      paramLabel = "NAME",
      defaultValue = "parallelfor-sample",
      description = "The name of the cluster --join joins (default: ${DEFAULT-VALUE}).")
  String clusterName;

  @Option(
      names = "--resume",
      paramLabel = "JOURNAL",
      description =
          "Keep the checksum of each finished file in JOURNAL, and compute only the files it"
              + " lacks: stop the program (Ctrl-C, kill) and run it again with the same option to"
              + " go on where it stopped. The driver then runs once, untimed against the for"
              + " loop.")
  Path journal;

  @Option(names = "--no-progress", description = "Do not show progress bars on standard error.")
  boolean noProgress;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  /**
   * Runs the program.
   *
   * @param args the command line; {@code --help} lists the options
   */
  public static void main(String[] args) {
    int exitCode = new CommandLine(new Main()).execute(args);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  /**
   * Runs both jobs and prints their report on the command's output.
   *
   * @return the exit code: 0 if every item succeeded, 1 otherwise
   * @throws Exception if a job cannot run at all (for example, the folder cannot be read)
   */
  @Override
  public Integer call() throws Exception {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    int n = parallelism == null ? 0 : parallelism;
    out.printf(
        Locale.ROOT,
        "ParallelFor sample on Java %s, %d cores%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors());

    try {
      boolean ok = checksums(out, n);
      if (urls > 0) {
        ok &= fetch(out, n);
      }
      return ok ? 0 : 1;
    } finally {
      out.flush();
    }
  }

  private void validate() {
    if (parallelism != null && parallelism < 1) {
      throw new ParameterException(
          spec.commandLine(), "--parallelism must be >= 1, was " + parallelism);
    }
    if (files < 0) {
      throw new ParameterException(spec.commandLine(), "--files must be >= 0, was " + files);
    }
    if (urls < 0) {
      throw new ParameterException(spec.commandLine(), "--urls must be >= 0, was " + urls);
    }
    if (latencyMs < 0) {
      throw new ParameterException(
          spec.commandLine(), "--latency-ms must be >= 0, was " + latencyMs);
    }
    if (!(unavailablePercent >= 0 && unavailablePercent <= 100)) {
      throw new ParameterException(
          spec.commandLine(),
          "--unavailable-percent must be in [0, 100], was " + unavailablePercent);
    }
    if (serverRate < 0) {
      throw new ParameterException(
          spec.commandLine(), "--server-rate must be >= 0, was " + serverRate);
    }
    if (rateLimit != null && rateLimit < 0) {
      throw new ParameterException(
          spec.commandLine(), "--rate-limit must be >= 0, was " + rateLimit);
    }
    if (attempts != null && attempts < 1) {
      throw new ParameterException(spec.commandLine(), "--attempts must be >= 1, was " + attempts);
    }
    if (clusterMembers < 0) {
      throw new ParameterException(
          spec.commandLine(), "--cluster must be >= 0, was " + clusterMembers);
    }
    if (clusterMembers > 0 && join != null) {
      throw new ParameterException(spec.commandLine(), "give --cluster or --join, not both");
    }
    if (directory != null && !Files.isDirectory(directory)) {
      throw new ParameterException(spec.commandLine(), "not a folder: " + directory);
    }
  }

  private boolean checksums(PrintWriter out, int n) throws Exception {
    Path root = directory;
    List<Path> list;
    if (root == null) {
      root = Files.createTempDirectory("parallelfor-sample-");
      out.printf(Locale.ROOT, "Generating %d files in %s ...%n", files, root);
      out.flush();
      list = SampleData.generate(root, files, SEED);
    } else {
      list = SampleData.listFiles(root);
    }
    try {
      out.printf(
          Locale.ROOT,
          "%nChecksums: SHA-256 of %d files, %s, under %s%n",
          list.size(),
          bytes(SampleData.totalBytes(list)),
          root);
      out.flush();
      if (journal != null) {
        return resumableChecksums(out, list, root, n);
      }
      ChecksumJob.Outcome outcome = ChecksumJob.run(list, n, progress("sha256"));
      String best = "best of " + ChecksumJob.TIMED_ROUNDS + " runs";
      row(out, "for loop", seconds(outcome.forLoopTime()), best);
      row(
          out,
          "driver",
          seconds(outcome.driverTime()),
          "CPU mode, " + parallelismText(n) + ", " + best);
      row(out, "speedup", speedup(outcome.forLoopTime(), outcome.driverTime()), "");
      if (outcome.driverTime().compareTo(outcome.forLoopTime()) > 0) {
        out.printf(
            Locale.ROOT,
            "  (no gain: other programs may be busy on the cores, or there is too little work"
                + " per run; try more --files)%n");
      }
      Results<String> results = outcome.driver();
      row(
          out,
          "checksums",
          String.valueOf(results.succeeded()),
          outcome.loopsAgree()
              ? "all equal to the for loop's"
              : "DIFFERENT from the for loop's (a bug: please report it)");
      failures(out, results);
      boolean ok = results.failed() == 0 && outcome.loopsAgree();
      if (clusterMembers > 0 || join != null) {
        ok &= clusterChecksums(out, list, outcome);
      }
      return ok;
    } finally {
      if (directory == null) {
        SampleData.deleteRecursively(root);
        out.printf(Locale.ROOT, "  (generated files removed)%n");
      }
    }
  }

  private boolean resumableChecksums(PrintWriter out, List<Path> list, Path root, int n) {
    ChecksumJob.Resumed outcome = ChecksumJob.resume(list, root, journal, n, progress("sha256"));
    row(out, "driver", seconds(outcome.time()), "CPU mode, " + parallelismText(n) + ", one run");
    Results<String> results = outcome.driver();
    row(
        out,
        "checksums",
        String.valueOf(results.succeeded()),
        outcome.restored() + " from the journal " + journal + ", the rest computed now");
    failures(out, results);
    return results.failed() == 0;
  }

  private boolean clusterChecksums(PrintWriter out, List<Path> list, ChecksumJob.Outcome local) {
    out.printf(
        Locale.ROOT,
        "%nChecksums on a cluster: %s%n",
        join != null ? "joining the member at " + join : clusterMembers + " members in this JVM");
    out.flush();
    try (ClusterJob cluster =
        join != null ? ClusterJob.join(join, clusterName) : ClusterJob.local(clusterMembers)) {
      ClusterJob.Outcome outcome = cluster.run(list, progress("cluster"));
      row(
          out,
          "driver",
          seconds(outcome.time()),
          outcome.members() + " members, chunks sized from the time per item");
      boolean agree = true;
      for (int i = 0; i < list.size(); i++) {
        agree &=
            outcome.driver().isSuccess(i) == local.driver().isSuccess(i)
                && (!outcome.driver().isSuccess(i)
                    || outcome.driver().value(i).equals(local.driver().value(i)));
      }
      row(
          out,
          "checksums",
          String.valueOf(outcome.driver().succeeded()),
          agree ? "all equal to the local run's" : "DIFFERENT from the local run's");
      outcome
          .itemsPerMember()
          .forEach(
              (member, items) -> row(out, "member", String.valueOf(items), "files on " + member));
      if (outcome.resubmittedChunks() > 0) {
        row(
            out,
            "resent",
            String.valueOf(outcome.resubmittedChunks()),
            "chunks whose member left, run again elsewhere");
      }
      failures(out, outcome.driver());
      return agree && outcome.driver().failed() == 0;
    }
  }

  private boolean fetch(PrintWriter out, int n) throws Exception {
    LatencyServer.Faults faults = new LatencyServer.Faults(unavailablePercent / 100, serverRate);
    try (LatencyServer server =
        LatencyServer.start(Duration.ofMillis(latencyMs), index -> false, faults)) {
      out.printf(
          Locale.ROOT,
          "%nFetch: %d URLs from %s/items/N, %d ms latency each; it answers 503 to %s%% of"
              + " requests%s%n",
          urls,
          server.base(),
          latencyMs,
          new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT))
              .format(unavailablePercent),
          serverRate == 0 ? "" : " and 429 above " + serverRate + " a second");
      out.flush();
      HttpClient client = Fetcher.newClient();
      int limit = rateLimit != null ? rateLimit : serverRate;
      FetchJob.Resilience resilience =
          new FetchJob.Resilience(limit, attempts == null ? 0 : attempts);
      FetchJob.Outcome outcome =
          FetchJob.run(server, client, urls, FOR_LOOP_URLS, n, resilience, progress("fetch"));
      String approx = outcome.forLoopMeasured() ? "" : "~";
      row(
          out,
          "for loop",
          approx + seconds(outcome.forLoopEstimate()),
          outcome.forLoopMeasured()
              ? ""
              : String.format(
                  Locale.ROOT,
                  "estimated: the first %d URLs took %s",
                  outcome.forLoopCount(),
                  seconds(outcome.forLoopTime())));
      row(
          out,
          "driver",
          seconds(outcome.driverTime()),
          "IO mode, "
              + parallelismText(n)
              + (limit == 0 ? "" : ", at most " + limit + " requests a second"));
      row(out, "speedup", approx + speedup(outcome.forLoopEstimate(), outcome.driverTime()), "");
      Results<Page> results = outcome.driver();
      long bodyBytes = 0;
      for (long i = 0; i < results.size(); i++) {
        if (results.isSuccess(i)) {
          bodyBytes += results.value(i).bytes();
        }
      }
      row(
          out,
          "attempts",
          String.valueOf(outcome.requests()),
          String.format(
              Locale.ROOT,
              "%d retried: %d answered 503, %d answered 429",
              outcome.retried(),
              outcome.unavailable(),
              outcome.tooMany()));
      row(
          out,
          "pages",
          String.valueOf(results.succeeded()),
          bytes(bodyBytes)
              + (results.failed() == 0
                  ? "; every URL fetched"
                  : "; " + results.failed() + " URLs not fetched"));
      failures(out, results);
      return results.failed() == 0;
    }
  }

  private ProgressListener progress(String label) {
    return noProgress ? ProgressListener.none() : ProgressBars.console(label);
  }

  private static void failures(PrintWriter out, Results<?> results) {
    if (results.failed() == 0) {
      return;
    }
    row(
        out,
        "failures",
        String.valueOf(results.failed()),
        results.failed() > FAILURES_SHOWN ? "the first " + FAILURES_SHOWN + ":" : "");
    for (ParallelForException failure : results.failures().subList(0, firstFailures(results))) {
      out.printf(Locale.ROOT, "    %s%n", failure.getMessage());
    }
  }

  private static int firstFailures(Results<?> results) {
    return (int) Math.min(results.failed(), FAILURES_SHOWN);
  }

  private static void row(PrintWriter out, String name, String value, String note) {
    String line = String.format(Locale.ROOT, "  %-10s %10s   %s", name, value, note);
    out.println(line.stripTrailing());
    out.flush();
  }

  private static String parallelismText(int n) {
    return n == 0 ? "default parallelism" : "parallelism " + n;
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.3f s", duration.toNanos() / 1e9);
  }

  static String speedup(Duration forLoop, Duration driver) {
    if (driver.isZero() || forLoop.isZero()) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.1fx", (double) forLoop.toNanos() / driver.toNanos());
  }

  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }
}
