package dev.parallelfor.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.parallelfor.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The processor declares only the annotations it handles and claims them, so that a user's build
 * under {@code -Xlint:all -Werror} gets no warning from it, and leaves other code's annotations to
 * the processors after it.
 */
class AnnotationClaimsTest {
  private static final JavaFileObject UPLOADER =
      source(
          "test.Uploader",
          """
          package test;
          import dev.parallelfor.Index;
          import dev.parallelfor.Mode;
          import dev.parallelfor.ParallelFor;
          import java.util.List;
          public class Uploader {
            @ParallelFor(mode = Mode.IO, parallelism = 4)
            @dev.parallelfor.Retry(on = IllegalStateException.class)
            public String upload(String file, @Index long position, List<String> targets) {
              return file + position + targets;
            }
          }
          """);

  @Test
  void supportsOnlyItsAnnotationsAndTheGeneratedAnnotationOfItsDrivers() {
    assertThat(new ParallelForProcessor().getSupportedAnnotationTypes())
        .containsExactly(
            "dev.parallelfor.ParallelFor",
            "dev.parallelfor.Index",
            "dev.parallelfor.WorkerLocal",
            "dev.parallelfor.Distributed",
            "dev.parallelfor.Retry",
            "javax.annotation.processing.Generated");
  }

  /** Independent of the driver's body: only javac's processing lint is on. */
  @Test
  void noProcessingWarningUnderXlintProcessingAndWerror() {
    Compilation compilation =
        javac()
            .withProcessors(new ParallelForProcessor())
            .withOptions("-Xlint:processing", "-Werror")
            .compile(UPLOADER);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(0);
    assertThat(compilation.generatedSourceFile("test.UploaderUploadDriver")).isPresent();
  }

  @Test
  void validSourceCompilesUnderXlintAllAndWerror() {
    Compilation compilation =
        javac()
            .withProcessors(new ParallelForProcessor())
            .withOptions("-Xlint:all", "-Werror")
            .compile(UPLOADER);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(0);
  }

  @Test
  void validSourceGetsNoWarningAtAllUnderXlintAll() {
    Compilation compilation =
        javac()
            .withProcessors(new ParallelForProcessor())
            .withOptions("-Xlint:all")
            .compile(UPLOADER);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(0);
  }

  @Test
  void generatedAnnotationOfOtherCodeIsLeftToTheProcessorsAfterThisOne() {
    JavaFileObject other =
        source(
            "test.Other",
            """
            package test;
            @javax.annotation.processing.Generated("elsewhere")
            class Other {}
            """);
    GeneratedProbe probe = new GeneratedProbe();
    Compilation compilation =
        javac()
            .withProcessors(new ParallelForProcessor(), probe)
            .withOptions("-Xlint:all,-processing")
            .compile(UPLOADER, other);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(probe.offered).contains("javax.annotation.processing.Generated");
  }

  /** Records which annotations javac offers it, after the processors before it claimed theirs. */
  private static final class GeneratedProbe extends AbstractProcessor {
    final List<String> offered = new ArrayList<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("javax.annotation.processing.Generated");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
      annotations.forEach(a -> offered.add(a.getQualifiedName().toString()));
      return false;
    }
  }
}
