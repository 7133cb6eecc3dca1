package dev.parallelfor.sample.readme;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the documentation's Java code compiled: every {@code ```java} block of the README and of
 * the user guide's pages under {@code docs/} must be the text of a region of a source file in this
 * package, which the build compiles with the annotation processor, and every region must appear on
 * some page. A region is the lines between {@code // docs:NAME} and {@code // docs:end}; several
 * regions with one name form one block, in file order, separated by a blank line, each with its
 * common indentation removed. Names are one namespace for all pages, so a block may appear on two.
 * The relative links of these pages (and of CONTRIBUTING.md) must lead to a file, and to a heading
 * where they name one.
 */
class ReadmeSnippetsTest {
  private static final Path ROOT = Path.of("..");
  private static final Path README = ROOT.resolve("README.md");
  private static final Path GUIDE = ROOT.resolve("docs");
  private static final Path SOURCES =
      Path.of("src", "test", "java", "dev", "parallelfor", "sample", "readme");

  /**
   * The Kotlin page's blocks are Kotlin and Maven, built and run by the Kotlin integration test, so
   * it is left out of the Java check.
   */
  private static final String KOTLIN_PAGE = "kotlin.md";

  private static final Pattern JAVA_BLOCK =
      Pattern.compile("^```java\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);
  private static final Pattern BEGIN = Pattern.compile("^\\s*// docs:(\\w+)\\s*$");
  private static final Pattern END = Pattern.compile("^\\s*// docs:end\\s*$");
  private static final Pattern FENCE = Pattern.compile("^\\s*```");
  private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  @Test
  void everyJavaBlockOfEveryPageIsCompiledSource() throws IOException {
    Map<String, String> snippets = snippets();
    Map<Path, List<String>> blocksByPage = javaBlocksByPage();
    List<String> strays = new ArrayList<>();
    blocksByPage.forEach(
        (page, blocks) ->
            blocks.stream()
                .filter(block -> !snippets.containsValue(block))
                .forEach(block -> strays.add(page + ":\n" + block)));

    assertThat(blocksByPage.get(README)).as("```java blocks in the README").isNotEmpty();
    assertThat(strays)
        .as("blocks that are no region of %s (copy them from there, or add them there)", SOURCES)
        .isEmpty();
  }

  @Test
  void everyRegionAppearsOnAPage() throws IOException {
    Set<String> blocks = new HashSet<>();
    javaBlocksByPage().values().forEach(blocks::addAll);
    List<String> unused = new ArrayList<>();
    snippets()
        .forEach(
            (name, snippet) -> {
              if (!blocks.contains(snippet)) {
                unused.add(name + ":\n" + snippet);
              }
            });

    assertThat(unused).as("regions on no page").isEmpty();
  }

  @Test
  void regionsAreFoundAndClosed() throws IOException {
    assertThat(snippets())
        .containsKeys(
            "intro", "introRun", "shared", "loop", "adhoc", "rangeLoop", "errors", "retryLoop");
  }

  @Test
  void ciRunsTheReadmeTestCommand() throws IOException {
    String readme = Files.readString(README, UTF_8);
    List<String> ci = Files.readAllLines(ROOT.resolve(".ci").resolve("run"), UTF_8);

    assertThat(readme).contains("\n# run every test of every module\nmvn -B verify\n");
    assertThat(ci).contains("mvn -B verify");
  }

  @Test
  void theGuideIndexLinksEveryPage() throws IOException {
    String index = Files.readString(GUIDE.resolve("README.md"), UTF_8);

    List<String> unlinked = new ArrayList<>();
    for (Path page : pages()) {
      String name = page.getFileName().toString();
      if (page.startsWith(GUIDE)
          && !name.equals("README.md")
          && !index.contains("](" + name + ")")) {
        unlinked.add(name);
      }
    }

    assertThat(unlinked).as("pages of docs/ that docs/README.md does not link").isEmpty();
  }

  @Test
  void everyRelativeLinkLeadsToAFileAndHeading() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path page : pages()) {
      for (String link : links(page)) {
        if (link.matches("^[a-z]+:.*")) {
          continue; // https:, mailto: ...
        }
        int hash = link.indexOf('#');
        String file = hash < 0 ? link : link.substring(0, hash);
        Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(target)) {
          broken.add(page + ": " + link + " (no such file)");
        } else if (hash >= 0 && !anchors(target).contains(link.substring(hash + 1))) {
          broken.add(page + ": " + link + " (no such heading)");
        }
      }
    }

    assertThat(broken).as("broken links").isEmpty();
  }

  /** The README, the contributors' guide and every page of the user guide. */
  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(README);
    pages.add(ROOT.resolve("CONTRIBUTING.md"));
    try (Stream<Path> list = Files.list(GUIDE)) {
      list.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** The {@code ```java} blocks of every page but the Kotlin one, by page. */
  private static Map<Path, List<String>> javaBlocksByPage() throws IOException {
    Map<Path, List<String>> blocks = new LinkedHashMap<>();
    for (Path page : pages()) {
      if (page.getFileName().toString().equals(KOTLIN_PAGE)) {
        continue;
      }
      String text = Files.readString(page, UTF_8).replace("\r\n", "\n");
      List<String> found = new ArrayList<>();
      Matcher matcher = JAVA_BLOCK.matcher(text);
      while (matcher.find()) {
        found.add(matcher.group(1).stripTrailing());
      }
      blocks.put(page, found);
    }
    return blocks;
  }

  /** The lines of a page outside its fenced code blocks. */
  private static List<String> prose(Path page) throws IOException {
    List<String> prose = new ArrayList<>();
    boolean inCode = false;
    for (String line : Files.readAllLines(page, UTF_8)) {
      if (FENCE.matcher(line).lookingAt()) {
        inCode = !inCode;
      } else if (!inCode) {
        prose.add(line);
      }
    }
    return prose;
  }

  private static List<String> links(Path page) throws IOException {
    List<String> links = new ArrayList<>();
    for (String line : prose(page)) {
      Matcher matcher = LINK.matcher(line);
      while (matcher.find()) {
        links.add(matcher.group(1));
      }
    }
    return links;
  }

  /** The anchors GitHub gives a page's headings. */
  private static Set<String> anchors(Path page) throws IOException {
    Set<String> anchors = new HashSet<>();
    if (!page.toString().endsWith(".md")) {
      return anchors;
    }
    for (String line : prose(page)) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        anchors.add(
            heading
                .group(1)
                .strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-'));
      }
    }
    return anchors;
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
          assertThat(name).as("%s:%d: docs:end without a start", file, i + 1).isNotNull();
          fragments.computeIfAbsent(name, n -> new ArrayList<>()).add(dedent(current));
          name = null;
          current = new ArrayList<>();
        } else if (begin.matches()) {
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
