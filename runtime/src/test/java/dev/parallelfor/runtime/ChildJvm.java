package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test's main class run in a JVM of its own, on this JVM's binary and class path: for what one
 * JVM can see only once (the first run's class loading) or must survive (a kill).
 */
final class ChildJvm {
  private ChildJvm() {}

  /** Starts {@code main} with these JVM options and program arguments; output and errors merged. */
  static Process start(Class<?> main, List<String> jvmOptions, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Runs {@code main} to its end, checks that it exited with 0, and returns what it printed. */
  static String run(Class<?> main, List<String> jvmOptions)
      throws IOException, InterruptedException {
    Process process = start(main, jvmOptions);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean exited = process.waitFor(2, TimeUnit.MINUTES);
    if (!exited) {
      process.destroyForcibly();
    }
    assertThat(exited).as("child JVM finished").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
