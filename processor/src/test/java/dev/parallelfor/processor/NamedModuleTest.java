package dev.parallelfor.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.parallelfor.ParallelFor;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a named module the driver carries {@code @Generated} only if the module reads {@code
 * java.compiler}, so that it compiles either way.
 */
class NamedModuleTest {
  @TempDir Path dir;

  private static Path jarOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static Path moduleInfo(Path location) {
    return Files.isDirectory(location) ? location.resolve("module-info.class") : location;
  }

  private String compileModule(String requires) throws Exception {
    Path annotations = jarOf(ParallelFor.class);
    Path runtime = jarOf(Class.forName("dev.parallelfor.runtime.internal.Engine"));
    // Jars or, in a reactor build, class directories: both hold a module-info.
    assertThat(Files.exists(moduleInfo(annotations))).isTrue();
    assertThat(Files.exists(moduleInfo(runtime))).isTrue();
    Path sources = Files.createDirectories(dir.resolve("src/app"));
    Files.writeString(
        dir.resolve("src/module-info.java"),
        "module app { requires dev.parallelfor; requires dev.parallelfor.runtime; "
            + requires
            + " }\n");
    Files.writeString(
        sources.resolve("Work.java"),
        """
        package app;
        import dev.parallelfor.ParallelFor;
        public class Work {
          @ParallelFor public String m(String item) { return item; }
        }
        """);
    Path generated = Files.createDirectories(dir.resolve("generated"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter output = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      JavaCompiler.CompilationTask task =
          javac.getTask(
              output,
              files,
              null,
              List.of(
                  "--module-path",
                  annotations + java.io.File.pathSeparator + runtime,
                  "-d",
                  Files.createDirectories(dir.resolve("classes")).toString(),
                  "-s",
                  generated.toString(),
                  "-Xlint:all,-requires-automatic",
                  "-Werror"),
              null,
              files.getJavaFileObjects(
                  dir.resolve("src/module-info.java"), sources.resolve("Work.java")));
      task.setProcessors(List.of(new ParallelForProcessor()));
      boolean success = task.call();
      assertWithMessage(output.toString()).that(success).isTrue();
    }
    assertThat(output.toString()).isEmpty();
    return Files.readString(generated.resolve("app/WorkMDriver.java"));
  }

  @Test
  void moduleThatDoesNotReadJavaCompilerGetsNoGeneratedAnnotation() throws Exception {
    assertThat(compileModule("")).doesNotContain("@Generated");
  }

  @Test
  void moduleThatReadsJavaCompilerGetsTheGeneratedAnnotation() throws Exception {
    assertThat(compileModule("requires java.compiler;"))
        .contains("@Generated(\"dev.parallelfor.processor.ParallelForProcessor\")");
  }

  @Test
  void moduleThatReadsJavaCompilerThroughJavaSeGetsTheGeneratedAnnotation() throws Exception {
    assertThat(compileModule("requires java.se;")).contains("@Generated(");
  }
}
