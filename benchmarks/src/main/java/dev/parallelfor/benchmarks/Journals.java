package dev.parallelfor.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Journal files for the checkpointed contenders: each run gets an empty one, so that it journals
 * every item rather than resuming the previous run's. The folder is removed when the JVM exits.
 */
final class Journals {
  private static final Path DIR = makeDir();
  private static int made;

  private Journals() {}

  /** A path with no file at it yet; the previous run's journal is deleted. */
  static synchronized Path fresh() {
    try {
      Files.deleteIfExists(DIR.resolve("run-" + made + ".journal"));
      made++;
      return DIR.resolve("run-" + made + ".journal");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The size of the last journal written, in bytes. */
  static synchronized long lastSize() {
    try {
      return Files.size(DIR.resolve("run-" + made + ".journal"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path makeDir() {
    try {
      Path dir = Files.createTempDirectory("parallelfor-journals-");
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try (var files = Files.list(dir)) {
                      for (Path file : (Iterable<Path>) files::iterator) {
                        Files.deleteIfExists(file);
                      }
                      Files.deleteIfExists(dir);
                    } catch (IOException ignored) {
                      // a temporary folder left behind
                    }
                  }));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
