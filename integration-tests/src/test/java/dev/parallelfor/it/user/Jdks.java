package dev.parallelfor.it.user;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds installed JDKs by feature version: the JDK that runs the build or the tests, those named by
 * {@code JAVA<N>_HOME} or {@code JAVA_HOME}, and any JDK installed beside one of them (the usual
 * layout of a JDK directory with several versions). A JDK is recognised by its {@code release} file
 * and its {@code javac}.
 */
final class Jdks {
  private static final Pattern VERSION =
      Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

  private Jdks() {}

  static Optional<Path> find(int feature) {
    for (Path home : candidates(feature)) {
      if (feature(home) == feature) {
        return Optional.of(home);
      }
    }
    return Optional.empty();
  }

  private static Set<Path> candidates(int feature) {
    List<Path> known = new ArrayList<>();
    addIfSet(known, System.getProperty("user.project.build.jdk"));
    addIfSet(known, System.getProperty("java.home"));
    addIfSet(known, System.getenv("JAVA" + feature + "_HOME"));
    addIfSet(known, System.getenv("JAVA_HOME"));
    Set<Path> candidates = new LinkedHashSet<>(known);
    for (Path home : known) {
      Path parent = home.getParent();
      if (parent != null && Files.isDirectory(parent)) {
        try (Stream<Path> siblings = Files.list(parent)) {
          siblings.sorted().forEach(candidates::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return candidates;
  }

  private static void addIfSet(List<Path> homes, String home) {
    if (home != null && !home.isBlank()) {
      homes.add(Path.of(home).toAbsolutePath().normalize());
    }
  }

  /** The feature version in a JDK's {@code release} file, or -1 if it is no JDK. */
  private static int feature(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/javac"))) {
      return -1;
    }
    try {
      Matcher version = VERSION.matcher(Files.readString(release));
      return version.find() ? Integer.parseInt(version.group(1)) : -1;
    } catch (IOException e) {
      return -1;
    }
  }
}
