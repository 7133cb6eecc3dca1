package dev.parallelfor.runtime.internal.journal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a child JVM running a main class of the tests, reads the lines it prints, and kills it
 * (SIGKILL, as the OOM killer or a taken-back spot instance does) once it has printed a given
 * number of lines: the kill lands wherever the child then is, at a different point each time.
 * Reusable for whole runs: the child prints one line per step it has finished.
 */
final class KillHarness {
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  /** What one child printed before it died or ended, and whether it ended by itself. */
  record Life(List<String> lines, boolean finished, int exitCode) {}

  private KillHarness() {}

  /**
   * Runs {@code mainClass} with {@code args} until it has printed {@code killAfterLines} lines,
   * then kills it; or until it ends by itself.
   */
  static Life run(Class<?> mainClass, int killAfterLines, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(JAVA);
    command.add("-Xmx128m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    Process child =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<String> lines = new ArrayList<>();
    boolean killed = false;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (lines.size() == killAfterLines) {
          // SIGKILL through the handle, which leaves the pipe open (Process.destroyForcibly
          // closes it): the lines the child printed before it died are read to the end.
          child.toHandle().destroyForcibly();
          killed = true;
        }
      }
    } finally {
      if (!child.waitFor(1, TimeUnit.MINUTES)) {
        child.destroyForcibly();
        throw new AssertionError("the child JVM did not end after it was killed");
      }
    }
    return new Life(lines, !killed, child.exitValue());
  }
}
