package dev.parallelfor.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.parallelfor.processor.TestCompiler.compile;
import static dev.parallelfor.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Code that compiles but nearly surely does not do what its author meant gets a warning that
 * {@code @SuppressWarnings("parallelfor")} silences: a synchronized method, {@code @Index} outside
 * a {@code @ParallelFor} method. A throws clause alone never warns.
 */
class WarningsTest {

  /**
   * Reading a file before hashing it is the most common CPU job, and a CPU method may well be
   * interruptible: neither throws clause says the method blocks, so neither warns, even under
   * {@code -Xlint:all -Werror}.
   */
  @Test
  void cpuMethodsThatDeclareIOExceptionOrInterruptedExceptionCompileUnderWerror() {
    JavaFileObject file =
        source(
            "test.Hashes",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            import java.io.IOException;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.security.MessageDigest;
            import java.security.NoSuchAlgorithmException;
            import java.util.HexFormat;
            public class Hashes {
              @ParallelFor
              public String sha256(Path p) throws IOException, NoSuchAlgorithmException {
                return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
              }
              @ParallelFor
              public long work(long seed) throws InterruptedException {
                if (Thread.interrupted()) {
                  throw new InterruptedException();
                }
                return seed * 31;
              }
            }
            """);
    Compilation compilation =
        javac()
            .withProcessors(new ParallelForProcessor())
            .withOptions("-Xlint:all", "-Werror")
            .compile(file);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFile("test.HashesSha256Driver")).isPresent();
    assertThat(compilation.generatedSourceFile("test.HashesWorkDriver")).isPresent();
  }

  @Test
  void suppressWarningsOnTheMethodSilencesTheWarning() {
    Compilation compilation =
        compile(
            source(
                "test.Suppressed",
                """
                package test;
                import dev.parallelfor.ParallelFor;
                class Suppressed {
                  @SuppressWarnings("parallelfor")
                  @ParallelFor synchronized String m(String item) { return item; }
                }
                """));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFile("test.SuppressedMDriver")).isPresent();
  }

  @Test
  void suppressWarningsOnAnEnclosingTypeSilencesTheWarning() {
    Compilation compilation =
        compile(
            source(
                "test.Outer",
                """
                package test;
                import dev.parallelfor.ParallelFor;
                @SuppressWarnings({"unchecked", "parallelfor"})
                class Outer {
                  static class Inner {
                    @ParallelFor synchronized String m(String item) { return item; }
                  }
                }
                """));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void otherSuppressionsDoNotSilenceTheWarning() {
    Compilation compilation =
        compile(
            source(
                "test.Other",
                """
                package test;
                import dev.parallelfor.ParallelFor;
                class Other {
                  @SuppressWarnings("unchecked")
                  @ParallelFor synchronized String m(String item) { return item; }
                }
                """));
    assertThat(compilation).hadWarningCount(1);
  }

  @Test
  void synchronizedMethodWarnsThatItRunsOneCallAtATime() {
    JavaFileObject file =
        source(
            "test.Locked",
            """
            package test;
            import dev.parallelfor.Mode;
            import dev.parallelfor.ParallelFor;
            class Locked {
              @ParallelFor(mode = Mode.IO) synchronized String m(String item) { return item; }
              @ParallelFor static synchronized String n(String item) { return item; }
              @SuppressWarnings("parallelfor")
              @ParallelFor synchronized String quiet(String item) { return item; }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(2);
    assertThat(compilation)
        .hadWarningContaining(
            "m(String) is synchronized, so its calls on one target run one at a time and gain"
                + " nothing from running in parallel; remove synchronized and guard only the shared"
                + " state, or add @SuppressWarnings(\"parallelfor\")")
        .inFile(file)
        .onLineContaining("String m(String item)");
    assertThat(compilation)
        .hadWarningContaining("n(String) is synchronized, so its calls run one at a time")
        .inFile(file)
        .onLineContaining("String n(String item)");
  }

  @Test
  void indexOnAMethodWithoutParallelForWarnsOnThatParameter() {
    JavaFileObject file =
        source(
            "test.Forgotten",
            """
            package test;
            import dev.parallelfor.Index;
            class Forgotten {
              String render(String item,
                  @Index int position) { return item + position; }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining(
            "@Index on parameter position of render(String, int) has no effect, because"
                + " render(String, int) is not annotated @ParallelFor; annotate the method"
                + " @ParallelFor, or remove @Index")
        .inFile(file)
        .onLineContaining("@Index int position");
  }

  @Test
  void indexOnConstructorParametersWarnsOncePerParameter() {
    JavaFileObject file =
        source(
            "test.Built",
            """
            package test;
            import dev.parallelfor.Index;
            class Built {
              Built(@Index int first,
                  @Index long second) {}
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(2);
    assertThat(compilation)
        .hadWarningContaining(
            "@Index on parameter first of Built(int, long) has no effect, because only the"
                + " parameters of @ParallelFor methods receive positions; remove @Index")
        .inFile(file)
        .onLineContaining("@Index int first");
    assertThat(compilation)
        .hadWarningContaining("@Index on parameter second of Built(int, long)")
        .inFile(file)
        .onLineContaining("@Index long second");
  }

  @Test
  void indexOutsideParallelForIsSilencedBySuppressWarnings() {
    Compilation compilation =
        compile(
            source(
                "test.Deliberate",
                """
                package test;
                import dev.parallelfor.Index;
                import dev.parallelfor.ParallelFor;
                class Deliberate {
                  @SuppressWarnings("parallelfor")
                  String plain(String item, @Index int position) { return item; }
                  @ParallelFor String driven(String item, @Index int position) { return item; }
                }
                """));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFile("test.DeliberateDrivenDriver")).isPresent();
  }

  /** Messages name a method as users write it: arrays, wildcards and varargs in short form. */
  @Test
  void warningsNameArraysWildcardsAndVarargsAsWritten() {
    JavaFileObject file =
        source(
            "test.Shapes",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            import java.util.List;
            class Shapes {
              @ParallelFor synchronized String spread(String[] item, List<? super Integer> sink,
                  List<?> any, int... counts) { return ""; }
              @ParallelFor synchronized String plain(String item, int[] counts) { return item; }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(2);
    assertThat(compilation)
        .hadWarningContaining(
            "spread(String[], List<? super Integer>, List<?>, int...) is synchronized, so its"
                + " calls on one target run one at a time")
        .inFile(file)
        .onLineContaining("String spread(");
    assertThat(compilation)
        .hadWarningContaining(
            "plain(String, int[]) is synchronized, so its calls on one target run one at a time")
        .inFile(file)
        .onLineContaining("String plain(");
  }
}
