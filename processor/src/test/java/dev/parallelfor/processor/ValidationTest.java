package dev.parallelfor.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
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
 * Every shape that must not get a driver is one clear compile error, on the element at fault,
 * saying what is wrong and how to fix it; no driver is written and nothing else is reported.
 */
class ValidationTest {

  private static void assertOnlyError(
      Compilation compilation, JavaFileObject file, String message, String lineContaining) {
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadWarningCount(0);
    assertThat(compilation)
        .hadErrorContaining(message)
        .inFile(file)
        .onLineContaining(lineContaining);
    assertNoDriverWritten(file);
  }

  /** A failed compilation hides its generated files, so a recording processor looks instead. */
  private static void assertNoDriverWritten(JavaFileObject... files) {
    RecordingProcessor recording = new RecordingProcessor();
    compileWith(new Processor[] {recording}, files);
    assertThat(recording.created()).isEmpty();
  }

  @Test
  void privateMethod() {
    JavaFileObject file =
        source(
            "test.Render",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            import java.nio.file.Path;
            class Render {
              @ParallelFor
              private String render(Path file) { return ""; }
            }
            """);
    Compilation compilation = compile(file);
    assertOnlyError(
        compilation,
        file,
        "@ParallelFor methods cannot be private; make render(Path) package-private or public",
        "private String render");
    assertThat(compilation).hadErrorContaining("").inFile(file).onLine(6);
  }

  @Test
  void methodOfInnerClass() {
    JavaFileObject file =
        source(
            "test.Outer",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Outer {
              class Inner {
                @ParallelFor String m(String item) { return item; }
              }
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "@ParallelFor method m(String) is in the inner class Inner, whose instances need an"
            + " enclosing instance; make Inner a static nested class or move the method to a"
            + " top-level class",
        "String m(String item)");
  }

  @Test
  void methodOfLocalClass() {
    JavaFileObject file =
        source(
            "test.Local",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Local {
              void run() {
                class Worker {
                  @ParallelFor String m(String item) { return item; }
                }
              }
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "@ParallelFor method m(String) is in a local or anonymous class, which a generated driver"
            + " cannot name; move it to a top-level or static nested class",
        "String m(String item)");
  }

  @Test
  void methodOfAnonymousClassWithQualifiedAnnotation() {
    JavaFileObject file =
        source(
            "test.Anonymous",
            """
            package test;
            class Anonymous {
              Object worker = new Object() {
                @dev.parallelfor.ParallelFor String m(String item) { return item; }
              };
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "@ParallelFor method m(String) is in a local or anonymous class",
        "String m(String item)");
  }

  @Test
  void methodOfEnumConstantBody() {
    JavaFileObject file =
        source(
            "test.Op",
            """
            package test;
            import dev.parallelfor.*;
            enum Op {
              PLUS {
                @ParallelFor int apply(int item) { return item; }
              };
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "@ParallelFor method apply(int) is in a local or anonymous class",
        "int apply(int item)");
  }

  /**
   * Where javac analyses code after errors (as Error Prone's setup asks), a file the processor has
   * scanned is not scanned again before analysis.
   */
  @Test
  void methodOfLocalClassIsReportedOnceWhenTheCompilerGoesOnAfterErrors() {
    JavaFileObject mixed =
        source(
            "test.Mixed",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Mixed {
              @ParallelFor String top(String item) { return item; }
              void run() {
                class Worker {
                  @ParallelFor String m(String item) { return item; }
                }
              }
            }
            """);
    JavaFileObject local =
        source(
            "test.Local",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Local {
              Object worker = new Object() {
                @ParallelFor String n(String item) { return item; }
              };
            }
            """);
    Compilation compilation =
        javac()
            .withProcessors(new ParallelForProcessor())
            .withOptions("-Xlint:all,-processing", "--should-stop=ifError=FLOW")
            .compile(mixed, local);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("@ParallelFor method m(String) is in a local or anonymous class")
        .inFile(mixed)
        .onLineContaining("String m(String item)");
    assertThat(compilation)
        .hadErrorContaining("@ParallelFor method n(String) is in a local or anonymous class")
        .inFile(local)
        .onLineContaining("String n(String item)");
  }

  /**
   * javac first calls the processor in the second round, for a generated file: the files of the
   * first round are scanned before analysis.
   */
  @Test
  void methodOfLocalClassInARoundThatDidNotCallTheProcessor() {
    JavaFileObject local =
        source(
            "test.Local",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Local {
              void run() {
                class Worker {
                  @ParallelFor String m(String item) { return item; }
                }
              }
            }
            """);
    Compilation compilation =
        compileWith(
            new Processor[] {
              new ParallelForProcessor(),
              new SourceGenerator(
                  "test.Later",
                  """
                  package test;
                  class Later {
                    @dev.parallelfor.ParallelFor String later(String item) { return item; }
                  }
                  """)
            },
            local);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("@ParallelFor method m(String) is in a local or anonymous class")
        .inFile(local)
        .onLineContaining("String m(String item)");
  }

  /** Writes one source file in its first round, whatever the annotations. */
  private static final class SourceGenerator extends AbstractProcessor {
    private final String name;
    private final String code;
    private boolean done;

    SourceGenerator(String name, String code) {
      this.name = name;
      this.code = code;
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
      if (!done) {
        done = true;
        try (Writer writer = processingEnv.getFiler().createSourceFile(name).openWriter()) {
          writer.write(code);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @Test
  void annotationNamedParallelForFromAnotherPackageIsNotOurs() {
    JavaFileObject annotation =
        source(
            "other.ParallelFor",
            """
            package other;
            public @interface ParallelFor {}
            """);
    JavaFileObject file =
        source(
            "test.Local",
            """
            package test;
            import other.ParallelFor;
            class Local {
              Object worker = new Object() {
                @ParallelFor String m(String item) { return item; }
              };
            }
            """);
    assertThat(compile(annotation, file)).succeededWithoutWarnings();
  }

  @Test
  void noParameters() {
    JavaFileObject file =
        source(
            "test.Empty",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Empty {
              @ParallelFor String m() { return ""; }
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "@ParallelFor method m() has no item parameter; add a parameter that receives one item,"
            + " e.g. m(String item)",
        "String m()");
  }

  @Test
  void twoIndexParameters() {
    JavaFileObject file =
        source(
            "test.Twice",
            """
            package test;
            import dev.parallelfor.Index;
            import dev.parallelfor.ParallelFor;
            class Twice {
              @ParallelFor String m(@Index int first, String item,
                  @Index long second) { return item; }
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "only one parameter can be annotated @Index, but both first and second are; remove @Index"
            + " from second",
        "@Index long second");
  }

  @Test
  void indexOnANonIntegerParameter() {
    JavaFileObject file =
        source(
            "test.BadIndex",
            """
            package test;
            import dev.parallelfor.Index;
            import dev.parallelfor.ParallelFor;
            class BadIndex {
              @ParallelFor String m(String item,
                  @Index Integer position) { return item; }
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "@Index parameter position must be int or long, but is Integer; change its type to int or"
            + " long, or remove @Index",
        "@Index Integer position");
  }

  @Test
  void indexAsTheOnlyParameter() {
    JavaFileObject file =
        source(
            "test.OnlyIndex",
            """
            package test;
            import dev.parallelfor.Index;
            import dev.parallelfor.ParallelFor;
            class OnlyIndex {
              @ParallelFor String m(
                  @Index int i) { return ""; }
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "@ParallelFor method m(int) has no item parameter: its only parameter i is the @Index"
            + " position; add a parameter that receives one item, e.g. m(String item, @Index int i)",
        "@Index int i");
  }

  @Test
  void negativeParallelism() {
    JavaFileObject file =
        source(
            "test.Negative",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Negative {
              @ParallelFor(
                  parallelism = -2)
              String m(String item) { return item; }
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "parallelism must be >= 0 (0 = the mode's default), was -2; give the most items in flight,"
            + " or leave parallelism out",
        "parallelism = -2");
  }

  @Test
  void driverNameThatIsNotAnIdentifier() {
    JavaFileObject file =
        source(
            "test.BadName",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class BadName {
              @ParallelFor(
                  driverName = "my.Driver")
              String m(String item) { return item; }
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "driverName \"my.Driver\" is not a valid Java class name; use a simple name such as"
            + " \"RenderDriver\", without a package",
        "driverName = \"my.Driver\"");
  }

  @Test
  void driverNameThatIsAKeyword() {
    JavaFileObject file =
        source(
            "test.Keyword",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Keyword {
              @ParallelFor(driverName = "class") String m(String item) { return item; }
            }
            """);
    assertOnlyError(
        compile(file), file, "driverName \"class\" is not a valid Java class name", "\"class\"");
  }

  @Test
  void twoDriversWithOneNameSuggestDriverName() {
    JavaFileObject file =
        source(
            "test.Overloads",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Overloads {
              @ParallelFor String render(String item) { return item; }
              @ParallelFor String render(Integer item) { return "" + item; }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "the driver test.OverloadsRenderDriver is already generated for"
                + " Overloads.render(String); give one of the two methods another name with"
                + " @ParallelFor(driverName = \"...\")")
        .inFile(file)
        .onLineContaining("render(Integer item)");
    // The first method keeps its driver; the second gets none.
    RecordingProcessor recording = new RecordingProcessor();
    compileWith(new Processor[] {recording}, file);
    assertThat(recording.created()).containsExactly("test.OverloadsRenderDriver");
  }

  @Test
  void warningAndWriteErrorOfOneMethodAreEachReportedOnce() {
    JavaFileObject file =
        source(
            "test.Both",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Both {
              @ParallelFor String render(String item) { return item; }
              @ParallelFor synchronized String render(Integer item) { return "" + item; }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadErrorContaining("the driver test.BothRenderDriver is already generated for")
        .inFile(file)
        .onLineContaining("render(Integer item)");
    assertThat(compilation)
        .hadWarningContaining("render(Integer) is synchronized")
        .inFile(file)
        .onLineContaining("render(Integer item)");
  }

  @Test
  void twoTypesWhoseDefaultDriverNamesCollide() {
    JavaFileObject nested =
        source(
            "test.A",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class A {
              static class B {
                @ParallelFor String render(String item) { return item; }
              }
            }
            """);
    JavaFileObject flat =
        source(
            "test.A_B",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class A_B {
              @ParallelFor String render(String item) { return item; }
            }
            """);
    Compilation compilation = compile(nested, flat);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("the driver test.A_BRenderDriver is already generated for");
  }

  @Test
  void driverNameOfAnExistingType() {
    JavaFileObject file =
        source(
            "test.Taken",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Taken {
              @ParallelFor(driverName = "Taken") String m(String item) { return item; }
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "cannot generate the driver test.Taken because a type of that name already exists;"
            + " choose another name with @ParallelFor(driverName = \"...\")",
        "String m(String item)");
  }

  @Test
  void targetTypeNotAccessibleFromItsPackage() {
    JavaFileObject file =
        source(
            "test.Holder",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Holder {
              private static class Hidden {
                @ParallelFor String m(String item) { return item; }
              }
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "@ParallelFor method m(String) is in the private type Hidden, which its driver in package"
            + " test cannot reach; make Hidden package-private or public",
        "String m(String item)");
  }

  @Test
  void parameterTypeNotAccessibleFromTheDriver() {
    JavaFileObject file =
        source(
            "test.Secret",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            import java.util.List;
            class Secret {
              private static class Key {}
              @ParallelFor String m(
                  List<Key> item) { return ""; }
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "parameter item of m(List<Key>) uses Key, which is private, so the generated driver in"
            + " package test cannot reach it; make Key package-private or public",
        "List<Key> item");
  }

  @Test
  void methodTypeParameterHidingTheTargetsTypeParameter() {
    JavaFileObject file =
        source(
            "test.Shadow",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Shadow<T> {
              @ParallelFor <T> T m(T item) { return item; }
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "type parameter T of m(T) hides the type parameter of the same name of Shadow, and the"
            + " driver takes both; rename one of them",
        "<T> T m(T item)");
  }

  @Test
  void everyBrokenRuleOfOneMethodIsReportedOnce() {
    JavaFileObject file =
        source(
            "test.Many",
            """
            package test;
            import dev.parallelfor.Index;
            import dev.parallelfor.ParallelFor;
            class Many {
              @ParallelFor(parallelism = -1)
              private String m(@Index String item) { return item; }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation).hadErrorContaining("cannot be private");
    assertThat(compilation).hadErrorContaining("must be int or long");
    assertThat(compilation).hadErrorContaining("has no item parameter");
    assertThat(compilation).hadErrorContaining("parallelism must be >= 0");
    assertNoDriverWritten(file);
  }

  @Test
  void localClassesAreSkippedQuietlyWithoutJavacsTreeApi() {
    JavaFileObject file =
        source(
            "test.Local",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Local {
              @ParallelFor String member(String item) { return item; }
              void run() {
                class Worker {
                  @ParallelFor String m(String item) { return item; }
                }
              }
            }
            """);
    RecordingProcessor recording = new RecordingProcessor();
    assertThat(compileWith(new Processor[] {recording}, file)).succeededWithoutWarnings();
    assertThat(recording.created()).containsExactly("test.LocalMemberDriver");
  }

  @Test
  void publicTypesOfOtherPackagesAreReachableButProtectedOnesAreNot() {
    JavaFileObject hidden =
        source(
            "other.Hidden",
            """
            package other;
            public class Hidden {
              protected static class Result {}
              public static class Maker {
                public static Object make() { return null; }
              }
            }
            """);
    JavaFileObject file =
        source(
            "test.Uses",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            import java.util.List;
            class Uses {
              @ParallelFor <T extends Comparable<T>> List<? extends other.Hidden.Maker> m(
                  String item) { return null; }
            }
            """);
    assertThat(compile(hidden, file)).succeededWithoutWarnings();
    JavaFileObject bad =
        source(
            "test.Bad",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Bad {
              @ParallelFor static <T extends Iterable<?>> String m(T item) { return ""; }
              static class Sub extends other.Hidden {
                @ParallelFor
                static String n(String item, Class<? extends Result> type) { return ""; }
              }
            }
            """);
    Compilation compilation = compile(hidden, bad);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "parameter type of n(String, Class<? extends Result>) uses Result, which is not"
                + " public, so the generated driver in package test cannot reach it; make Result"
                + " public")
        .inFile(bad)
        .onLineContaining("Class<? extends Result> type");
  }

  /** A method the driver cannot call gets the one error that says so, not also its types. */
  @Test
  void methodOfAPrivateInnerClassUsingThatClassIsOneError() {
    JavaFileObject file =
        source(
            "test.Outer",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Outer {
              private class Inner {
                @ParallelFor String m(Inner item) { return ""; }
              }
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "@ParallelFor method m(Inner) is in the inner class Inner, whose instances need an"
            + " enclosing instance; make Inner a static nested class or move the method to a"
            + " top-level class",
        "String m(Inner item)");
  }

  @Test
  void methodOfAPrivateTypeUsingThatTypeIsOneError() {
    JavaFileObject file =
        source(
            "test.Holder",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Holder {
              private static class Hidden {
                @ParallelFor String m(Hidden item) { return ""; }
              }
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "@ParallelFor method m(Hidden) is in the private type Hidden, which its driver in package"
            + " test cannot reach; make Hidden package-private or public",
        "String m(Hidden item)");
  }

  @Test
  void returnTypeNotAccessibleFromTheDriver() {
    JavaFileObject file =
        source(
            "test.Secret",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Secret {
              private static class Key {}
              @ParallelFor
              Key m(String item) { return null; }
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "the return type of m(String) uses Key, which is private, so the generated driver in"
            + " package test cannot reach it; make Key package-private or public",
        "Key m(String item)");
  }

  /** The driver of an instance method declares the target's type variables, bounds included. */
  @Test
  void boundOfTheTargetsTypeVariableNotAccessibleFromTheDriver() {
    JavaFileObject file =
        source(
            "test.Outer",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Outer {
              private static class Key {}
              static class Box<T extends Key> {
                @ParallelFor String m(String item) { return item; }
              }
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "the bound of type parameter T uses Key, which is private, so the generated driver in"
            + " package test cannot reach it; make Key package-private or public",
        "static class Box<T extends Key>");
  }

  /** The driver of a static method declares only the method's type variables. */
  @Test
  void boundOfTheTargetsTypeVariableDoesNotMatterToAStaticMethod() {
    JavaFileObject file =
        source(
            "test.Outer",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Outer {
              private static class Key {}
              static class Box<T extends Key> {
                @ParallelFor static String m(String item) { return item; }
              }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFile("test.Outer_BoxMDriver")).isPresent();
  }

  /**
   * After an error in a round javac stops before analysis, where files are scanned otherwise: the
   * files of a round are scanned in that round, so a local class's method is reported beside it.
   */
  @Test
  void methodOfLocalClassIsReportedBesideAnErrorOfTheSameRound() {
    JavaFileObject file =
        source(
            "test.Mixed",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class Mixed {
              @ParallelFor private String top(String item) { return item; }
              void run() {
                class Worker {
                  @ParallelFor String m(String item) { return item; }
                }
              }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("@ParallelFor methods cannot be private; make top(String)")
        .inFile(file)
        .onLineContaining("private String top(String item)");
    assertThat(compilation)
        .hadErrorContaining("@ParallelFor method m(String) is in a local or anonymous class")
        .inFile(file)
        .onLineContaining("String m(String item)");
  }

  /** In the annotation's own package {@code @ParallelFor} needs no import. */
  @Test
  void methodOfLocalClassInTheAnnotationsPackage() {
    JavaFileObject file =
        source(
            "dev.parallelfor.Local",
            """
            package dev.parallelfor;
            class Local {
              Object worker = new Object() {
                @ParallelFor String m(String item) { return item; }
              };
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "@ParallelFor method m(String) is in a local or anonymous class",
        "String m(String item)");
  }

  @Test
  void methodOfLocalClassInTheUnnamedPackage() {
    JavaFileObject file =
        source(
            "Local",
            """
            import dev.parallelfor.*;
            class Local {
              Object worker = new Object() {
                @ParallelFor String m(String item) { return item; }
              };
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "@ParallelFor method m(String) is in a local or anonymous class",
        "String m(String item)");
  }

  /**
   * Only methods inside local classes are refused: other annotations there, and members declared
   * after a local class, are left alone.
   */
  @Test
  void membersAfterALocalClassGetTheirDrivers() {
    JavaFileObject file =
        source(
            "test.After",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            class After {
              Object run() {
                class Worker {
                  @Override public String toString() { return "worker"; }
                }
                return new Worker();
              }
              @ParallelFor String m(String item) { return item; }
              static class Nested {
                @ParallelFor String n(String item) { return item; }
              }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFile("test.AfterMDriver")).isPresent();
    assertThat(compilation.generatedSourceFile("test.After_NestedNDriver")).isPresent();
  }
}
