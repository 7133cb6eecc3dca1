package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime's classes concatenate strings without invokedynamic: a program's first run would
 * otherwise spin the method handles of the JVM's first indy concatenation (milliseconds, for its
 * pool threads' names).
 */
class NoIndyConcatTest {
  @Test
  void noRuntimeClassBootstrapsStringConcatenation() throws IOException, URISyntaxException {
    Path classes = Path.of(Run.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes)) {
      files = walk.filter(f -> f.toString().endsWith(".class")).toList();
    }
    assertThat(files).hasSizeGreaterThan(50);
    for (Path file : files) {
      String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      assertThat(bytes).as(file.toString()).doesNotContain("makeConcatWithConstants");
    }
  }
}
