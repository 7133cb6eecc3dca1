package dev.parallelfor.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.parallelfor.processor.TestCompiler.compile;
import static dev.parallelfor.processor.TestCompiler.compileWith;
import static dev.parallelfor.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * User code with its own errors gets exactly the compiler's errors: the processor neither crashes
 * nor adds errors of its own, and waits for types that another processor generates.
 */
class ErroneousCodeTest {

  @Test
  void unresolvedItemTypeGivesOnlyTheCompilersError() {
    JavaFileObject file =
        source(
            "test.Typo",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Typo {
              @ParallelFor String m(Strin item) { return ""; }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(file)
        .onLineContaining("Strin item");
    assertThat(compilation)
        .hadNoteContaining(
            "no driver was generated for m(Strin) because some of its types could not be resolved")
        .inFile(file)
        .onLineContaining("Strin item");
    RecordingProcessor recording = new RecordingProcessor();
    compileWith(new Processor[] {recording}, file);
    assertThat(recording.created()).isEmpty();
  }

  @Test
  void unresolvedSharedArgumentAndReturnTypesGiveOnlyTheCompilersErrors() {
    JavaFileObject file =
        source(
            "test.Typos",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            import java.util.List;
            class Typos {
              @ParallelFor List<Reslt> m(String item, Confg config) { return null; }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("class Reslt");
    assertThat(compilation).hadErrorContaining("class Confg");
  }

  @Test
  void errorInAMethodBodyDoesNotStopTheDriverOrAddErrors() {
    JavaFileObject file =
        source(
            "test.Body",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Body {
              @ParallelFor String m(String item) { return 42; }
              void other() { undefined(); }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("incompatible types")
        .inFile(file)
        .onLineContaining("return 42");
    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(file)
        .onLineContaining("undefined()");
    RecordingProcessor recording = new RecordingProcessor();
    compileWith(new Processor[] {recording}, file);
    assertThat(recording.created()).containsExactly("test.BodyMDriver");
  }

  @Test
  void erroneousAnnotationValueGivesOnlyTheCompilersError() {
    JavaFileObject file =
        source(
            "test.BadMode",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class BadMode {
              @ParallelFor(mode = Mode.GPU) String m(String item) { return item; }
            }
            """);
    Compilation compilation = compile(file);
    // javac's own two errors, exactly as without the processor.
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(file)
        .onLineContaining("Mode.GPU");
    assertThat(compilation)
        .hadErrorContaining("an enum annotation value must be an enum constant")
        .inFile(file)
        .onLineContaining("Mode.GPU");
    RecordingProcessor recording = new RecordingProcessor();
    compileWith(new Processor[] {recording}, file);
    assertThat(recording.created()).isEmpty();
  }

  @Test
  void missingSupertypeOfTheTargetGivesOnlyTheCompilersError() {
    JavaFileObject file =
        source(
            "test.Orphan",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Orphan extends MissingBase {
              @ParallelFor String m(String item) { return item; }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(file)
        .onLineContaining("MissingBase");
  }

  @Test
  void methodWaitsForATypeThatAnotherProcessorGeneratesLater() throws IOException {
    JavaFileObject file =
        source(
            "test.Later",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            import java.util.List;
            class Later {
              @ParallelFor Result m(Item item, List<Config> configs) { return null; }
            }
            """);
    Compilation compilation =
        compileWith(
            new Processor[] {
              new ParallelForProcessor(), new TypesGenerator("Item", "Result", "Config")
            },
            file);
    assertThat(compilation).succeededWithoutWarnings();
    String driver =
        compilation
            .generatedSourceFile("test.LaterMDriver")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    assertThat(driver)
        .contains("public List<Result> run(Iterable<? extends Item> items, List<Config> configs)");
  }

  @Test
  void unexpectedExceptionBecomesOneErrorPerMethodAndProcessingGoesOn() {
    JavaFileObject first =
        source(
            "test.First",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class First {
              @ParallelFor String m(String item) { return item; }
            }
            """);
    JavaFileObject second =
        source(
            "test.Second",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Second {
              @ParallelFor String n(String item) { return item; }
            }
            """);
    Compilation compilation =
        compileWith(
            new Processor[] {new RecordingProcessor(new IllegalStateException("disk on fire"))},
            first,
            second);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "internal error in the ParallelFor processor, please report:"
                + " java.lang.IllegalStateException: disk on fire")
        .inFile(first)
        .onLineContaining("String m(String item)");
    assertThat(compilation)
        .hadErrorContaining("internal error in the ParallelFor processor, please report:")
        .inFile(second)
        .onLineContaining("String n(String item)");
    assertThat(compilation).hadErrorContaining("at dev.parallelfor.processor.");
  }

  /** Writes empty public classes in package {@code test} in its first round. */
  private static final class TypesGenerator extends AbstractProcessor {
    private final String[] names;
    private boolean done;

    TypesGenerator(String... names) {
      this.names = names;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
      if (done) {
        return false;
      }
      done = true;
      for (String name : names) {
        try (Writer writer =
            processingEnv.getFiler().createSourceFile("test." + name).openWriter()) {
          writer.write("package test;\npublic class " + name + " {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  /** A driver that cannot be written is one error that names it and what went wrong. */
  @Test
  void aDriverThatCannotBeWrittenIsOneErrorOnItsMethod() {
    JavaFileObject file =
        source(
            "test.Full",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Full {
              @ParallelFor String m(String item) { return item; }
            }
            """);
    Compilation compilation =
        compileWith(
            new Processor[] {new RecordingProcessor(new IOException("no space left on device"))},
            file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "could not write the driver test.FullMDriver: java.io.IOException: no space left on"
                + " device")
        .inFile(file)
        .onLineContaining("String m(String item)");
  }
}
