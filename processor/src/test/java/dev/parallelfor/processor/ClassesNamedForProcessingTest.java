package dev.parallelfor.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.parallelfor.ParallelFor;
import java.io.File;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * javac also processes compiled classes named on its command line, by binary name, so a method of a
 * local class reaches the processor as an element: it gets the same error as in source.
 */
class ClassesNamedForProcessingTest {
  @TempDir Path dir;

  @Test
  void methodOfACompiledLocalClassIsOneError() throws Exception {
    String classPath =
        Path.of(ParallelFor.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    Path sources = Files.createDirectories(dir.resolve("src/test"));
    Files.writeString(
        sources.resolve("Outer.java"),
        """
        package test;
        import dev.parallelfor.ParallelFor;
        class Outer {
          void run() {
            class Worker {
              @ParallelFor String m(String item) { return item; }
            }
          }
        }
        """);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter output = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      boolean compiled =
          javac
              .getTask(
                  output,
                  files,
                  null,
                  List.of("-proc:none", "-classpath", classPath, "-d", classes.toString()),
                  null,
                  files.getJavaFileObjects(sources.resolve("Outer.java")))
              .call();
      assertWithMessage(output.toString()).that(compiled).isTrue();
      assertThat(Files.exists(classes.resolve("test/Outer$1Worker.class"))).isTrue();

      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      JavaCompiler.CompilationTask task =
          javac.getTask(
              output,
              files,
              diagnostics,
              List.of(
                  "-proc:only",
                  "-Xlint:all,-processing",
                  "-classpath",
                  classes + File.pathSeparator + classPath),
              List.of("test.Outer$1Worker"),
              null);
      task.setProcessors(List.of(new ParallelForProcessor()));
      assertThat(task.call()).isFalse();
      List<String> reported =
          diagnostics.getDiagnostics().stream()
              .map(d -> d.getKind() + ": " + d.getMessage(Locale.ROOT))
              .toList();
      assertThat(reported)
          .containsExactly(
              Diagnostic.Kind.ERROR
                  + ": @ParallelFor method m(String) is in a local or anonymous class, which a"
                  + " generated driver cannot name; move it to a top-level or static nested class");
    }
  }
}
