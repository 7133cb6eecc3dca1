package dev.parallelfor.it.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs a JDK tool in a directory and keeps its exit code and output (both streams together). */
final class Command {
  /** A stuck tool fails the test instead of hanging the build. */
  private static final long GUARD_MINUTES = 5;

  private static final AtomicInteger COUNT = new AtomicInteger();

  private Command() {}

  /** What a finished command left. */
  record Result(int exitCode, String output) {}

  static Result run(Path directory, List<String> command) {
    Path log = directory.resolve("command-" + COUNT.incrementAndGet() + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    // The user's environment must not leak in: options in these would change what javac reports.
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().remove("_JAVA_OPTIONS");
    try {
      Process process = builder.start();
      boolean ended = process.waitFor(GUARD_MINUTES, TimeUnit.MINUTES);
      if (!ended) {
        process.destroyForcibly().waitFor();
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(ended).as("%s ended; output so far:%n%s", command, output).isTrue();
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    }
  }

  private static File nullDevice() {
    return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
