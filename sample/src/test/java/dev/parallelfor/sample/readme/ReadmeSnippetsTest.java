package dev.parallelfor.sample.readme;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's Java code compiled: every {@code ```java} block of the README must be the text
 * of a region of a source file in this package, which the build compiles with the annotation
 * processor. A region is the lines between {@code // readme:NAME} and {@code // readme:end};
 * several regions with one name form one block, in file order, separated by a blank line, each with
 * its common indentation removed.
 */
class ReadmeSnippetsTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCES =
      Path.of("src", "test", "java", "dev", "parallelfor", "sample", "readme");
  private static final Pattern JAVA_BLOCK =
      Pattern.compile("^```java\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);
  private static final Pattern BEGIN = Pattern.compile("^\\s*// readme:(\\w+)\\s*$");
  private static final Pattern END = Pattern.compile("^\\s*// readme:end\\s*$");

  @Test
  void everyJavaBlockOfTheReadmeIsCompiledSource() throws IOException {
    Map<String, String> snippets = snippets();
    List<String> blocks = javaBlocks();

    assertThat(blocks).as("```java blocks in the README").isNotEmpty();
    for (String block : blocks) {
      assertThat(snippets.values())
          .as(
              "README block not found in %s (copy it from there, or add it there):%n%s",
              SOURCES, block)
          .contains(block);
    }
    for (Map.Entry<String, String> snippet : snippets.entrySet()) {
      assertThat(blocks)
          .as("snippet '%s' is missing from the README:%n%s", snippet.getKey(), snippet.getValue())
          .contains(snippet.getValue());
    }
  }

  @Test
  void ciRunsTheReadmeTestCommand() throws IOException {
    String readme = Files.readString(README, UTF_8);
    List<String> ci = Files.readAllLines(Path.of("..", ".ci", "run"), UTF_8);

    assertThat(readme).contains("\n# run every test of every module\nmvn -B verify\n");
    assertThat(ci).contains("mvn -B verify");
  }

  @Test
  void regionsAreFoundAndClosed() throws IOException {
    assertThat(snippets())
        .containsKeys(
            "intro", "shared", "range", "api", "errors", "progress", "retry", "retryLoop");
  }

  private static List<String> javaBlocks() throws IOException {
    String readme = Files.readString(README, UTF_8).replace("\r\n", "\n");
    List<String> blocks = new ArrayList<>();
    Matcher matcher = JAVA_BLOCK.matcher(readme);
    while (matcher.find()) {
      blocks.add(matcher.group(1).stripTrailing());
    }
    return blocks;
  }

  /** The regions of every source file in this package, by name. */
  static Map<String, String> snippets() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(SOURCES)) {
      files =
          list.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
    }
    Map<String, List<String>> fragments = new LinkedHashMap<>();
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file, UTF_8);
      String name = null;
      List<String> current = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        Matcher begin = BEGIN.matcher(line);
        if (END.matcher(line).matches()) {
          assertThat(name).as("%s:%d: readme:end without a start", file, i + 1).isNotNull();
          fragments.computeIfAbsent(name, n -> new ArrayList<>()).add(dedent(current));
          name = null;
          current = new ArrayList<>();
        } else if (begin.matches() && !begin.group(1).equals("end")) {
          assertThat(name).as("%s:%d: region '%s' not closed", file, i + 1, name).isNull();
          name = begin.group(1);
        } else if (name != null) {
          current.add(line);
        }
      }
      assertThat(name).as("%s: region '%s' not closed", file, name).isNull();
    }
    Map<String, String> snippets = new LinkedHashMap<>();
    fragments.forEach((name, parts) -> snippets.put(name, String.join("\n\n", parts)));
    return snippets;
  }

  private static String dedent(List<String> lines) {
    int indent =
        lines.stream()
            .filter(line -> !line.isBlank())
            .mapToInt(line -> line.length() - line.stripLeading().length())
            .min()
            .orElse(0);
    return lines.stream()
        .map(line -> line.isBlank() ? "" : line.substring(indent))
        .collect(Collectors.joining("\n"))
        .stripTrailing();
  }
}
