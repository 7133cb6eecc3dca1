package dev.parallelfor.it.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A user's project, outside this build: compiled with {@code -Xlint:all -Werror} against the jars
 * that Maven resolved for this module (the jars the build packaged, which {@code install} copies
 * unchanged), with the processor alone on the processor path, then run. Once on the class path,
 * once as a named module on the module path; with JDK 17 and with JDK 25 where one is installed
 * (skipped, not failed, where not).
 */
class UserProjectTest {
  private static final List<String> LIBRARIES = List.of("annotations", "runtime");
  // The processor with its dependencies, as annotationProcessorPaths resolves them.
  private static final List<String> PROCESSOR = List.of("processor", "annotations", "javapoet");

  @TempDir Path dir;

  /** Where the user's code and our jars go. */
  enum Layout {
    CLASS_PATH,
    MODULE_PATH
  }

  static Stream<Arguments> jdksAndLayouts() {
    return Stream.of(17, 25)
        .flatMap(jdk -> Stream.of(Layout.values()).map(layout -> Arguments.of(jdk, layout)));
  }

  @ParameterizedTest(name = "JDK {0}, {1}")
  @MethodSource("jdksAndLayouts")
  void compilesWithoutWarningsAndRuns(int feature, Layout layout) throws IOException {
    Path jdk = jdk(feature);
    UserProject project = new UserProject(dir, jdk);
    project.write(layout);

    Command.Result compiled = project.compile(layout, jars(LIBRARIES), jars(PROCESSOR));
    assertThat(compiled.output()).as("javac's output").isEmpty();
    assertThat(compiled.exitCode()).as("javac's exit code").isZero();

    Command.Result ran = project.run(layout, jars(LIBRARIES));
    assertThat(ran.exitCode()).as("exit code; output:%n%s", ran.output()).isZero();
    String runtimeModule = layout == Layout.MODULE_PATH ? "dev.parallelfor.runtime" : "unnamed";
    assertThat(ran.output())
        .contains("tags=[0:alpha, 1:beta, 2:gamma]")
        .contains("doubled=[10, 8, 10]")
        .contains("failed at=1")
        .contains("runtime module=" + runtimeModule);
    if (layout == Layout.MODULE_PATH) {
      // An explicit module, not an automatic one made from the jar's name.
      assertThat(ran.output()).contains("automatic=false");
    }
  }

  @Test
  void aModularUserCannotReachTheRuntimesInternalPackage() throws IOException {
    UserProject project = new UserProject(dir, jdk(17));
    project.write(Layout.MODULE_PATH);
    project.writeClass(
        "app/Reaching.java",
        """
        package app;

        final class Reaching {
          private Reaching() {}

          static Object options() {
            return dev.parallelfor.runtime.internal.RunOptions.of(dev.parallelfor.Mode.CPU, 0);
          }
        }
        """);

    Command.Result compiled = project.compile(Layout.MODULE_PATH, jars(LIBRARIES), jars(PROCESSOR));

    assertThat(compiled.exitCode()).isNotZero();
    assertThat(compiled.output())
        .contains("package dev.parallelfor.runtime.internal is declared in module")
        .contains("which does not export it");
  }

  private static Path jdk(int feature) {
    Optional<Path> home = Jdks.find(feature);
    assumeTrue(home.isPresent(), "no JDK " + feature + " installed beside the build's JDK");
    return home.get();
  }

  /** The jars Maven resolved for the named dependencies, as surefire's properties give them. */
  private static String jars(List<String> names) {
    List<String> paths = new ArrayList<>();
    for (String name : names) {
      String path = System.getProperty("user.project." + name);
      assertThat(path).as("the path of %s, set by the build", name).isNotBlank();
      assertThat(Path.of(path)).as("the jar of %s", name).exists();
      paths.add(path);
    }
    return String.join(File.pathSeparator, paths);
  }

  /** A small annotated project, its sources and the commands that build and run it. */
  private static final class UserProject {
    private final Path root;
    private final Path jdk;

    UserProject(Path root, Path jdk) {
      this.root = root;
      this.jdk = jdk;
    }

    void write(Layout layout) throws IOException {
      if (layout == Layout.MODULE_PATH) {
        writeClass("module-info.java", "module app {\n  requires dev.parallelfor.runtime;\n}\n");
      }
      writeClass(
          "app/Words.java",
          """
          package app;

          import dev.parallelfor.Index;
          import dev.parallelfor.Mode;
          import dev.parallelfor.ParallelFor;

          /** A user's annotated methods. */
          public final class Words {
            @ParallelFor(mode = Mode.CPU)
            String tag(String word, @Index long index) {
              return index + ":" + word;
            }

            @ParallelFor(mode = Mode.IO, parallelism = 4)
            static int length(String word) {
              if (word.isEmpty()) {
                throw new IllegalArgumentException("empty word");
              }
              return word.length();
            }
          }
          """);
      writeClass(
          "app/Main.java",
          """
          package app;

          import dev.parallelfor.runtime.Parallel;
          import dev.parallelfor.runtime.ParallelForException;
          import dev.parallelfor.runtime.ProgressBars;
          import dev.parallelfor.runtime.Results;
          import java.util.List;

          /** Runs the generated drivers and an ad-hoc loop. */
          public final class Main {
            private Main() {}

            /**
             * Prints what each form returned.
             *
             * @param args not used
             */
            public static void main(String[] args) {
              List<String> words = List.of("alpha", "beta", "gamma");
              List<String> tags =
                  new WordsTagDriver(new Words())
                      .onProgress(ProgressBars.console("tag", ProgressBars.Style.OFF))
                      .run(words);
              Results<Integer> lengths = new WordsLengthDriver().runAll(words);
              List<Integer> doubled = Parallel.cpu((Integer n) -> n * 2).run(lengths.values());
              long failedAt = -1;
              try {
                new WordsLengthDriver().run(List.of("a", "", "c"));
              } catch (ParallelForException e) {
                failedAt = e.index();
              }
              Module runtime = ProgressBars.class.getModule();
              System.out.println("tags=" + tags);
              System.out.println("doubled=" + doubled);
              System.out.println("failed at=" + failedAt);
              System.out.println(
                  "runtime module=" + (runtime.isNamed() ? runtime.getName() : "unnamed"));
              if (runtime.isNamed()) {
                System.out.println("automatic=" + runtime.getDescriptor().isAutomatic());
              }
            }
          }
          """);
    }

    void writeClass(String relative, String source) throws IOException {
      Path file = root.resolve("src").resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, source);
    }

    Command.Result compile(Layout layout, String libraries, String processorPath)
        throws IOException {
      List<String> command = new ArrayList<>();
      command.add(tool("javac"));
      command.addAll(List.of("-Xlint:all", "-Werror", "-d", "classes"));
      command.addAll(List.of(layout == Layout.MODULE_PATH ? "--module-path" : "-classpath"));
      command.add(libraries);
      // Explicitly: JDK 23 and later run no processor found on the class path by default.
      command.addAll(List.of("--processor-path", processorPath));
      try (Stream<Path> files = Files.walk(root.resolve("src"))) {
        files
            .filter(f -> f.toString().endsWith(".java"))
            .map(f -> root.relativize(f).toString())
            .sorted()
            .forEach(command::add);
      }
      return Command.run(root, command);
    }

    Command.Result run(Layout layout, String libraries) {
      List<String> command = new ArrayList<>();
      command.add(tool("java"));
      if (layout == Layout.MODULE_PATH) {
        command.addAll(
            List.of(
                "--module-path", "classes" + File.pathSeparator + libraries, "-m", "app/app.Main"));
      } else {
        command.addAll(
            List.of("-classpath", "classes" + File.pathSeparator + libraries, "app.Main"));
      }
      return Command.run(root, command);
    }

    private String tool(String name) {
      return jdk.resolve("bin").resolve(name).toString();
    }
  }
}
