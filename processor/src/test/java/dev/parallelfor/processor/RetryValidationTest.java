package dev.parallelfor.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.parallelfor.processor.TestCompiler.compile;
import static dev.parallelfor.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @Retry}: each broken rule is one compile error on the value at fault; the valid forms
 * compile without warnings.
 */
class RetryValidationTest {

  private static void assertOnlyError(
      Compilation compilation, JavaFileObject file, String message, int line) {
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadWarningCount(0);
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLine(line);
  }

  @Test
  void aCheckedTypeTheMethodCanNeverThrow() {
    JavaFileObject file =
        source(
            "test.Fetch",
            """
            package test;
            import dev.parallelfor.Mode;
            import dev.parallelfor.ParallelFor;
            import dev.parallelfor.Retry;
            import java.io.IOException;
            import java.sql.SQLException;
            class Fetch {
              @ParallelFor(mode = Mode.IO)
              @Retry(
                  on = {IOException.class,
                        SQLException.class},
                  attempts = 2)
              String fetch(String url) throws IOException { return url; }
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "@Retry(on = SQLException.class) can never apply: fetch(String) cannot throw the checked"
            + " exception SQLException (it is not in its throws clause, nor a subtype or supertype"
            + " of a type there); add it to the throws clause, or remove it from on",
        11);
  }

  @Test
  void fewerThanOneAttempt() {
    JavaFileObject file =
        source(
            "test.Fetch",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            import dev.parallelfor.Retry;
            class Fetch {
              @ParallelFor
              @Retry(
                  attempts = 0)
              String fetch(String url) { return url; }
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "@Retry attempts must be >= 1 (the first attempt counts), was 0; give the most attempts"
            + " per item, for example attempts = 3",
        7);
  }

  @Test
  void aBackoffThatDoesNotParse() {
    JavaFileObject file =
        source(
            "test.Fetch",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            import dev.parallelfor.Retry;
            class Fetch {
              @ParallelFor
              @Retry(
                  backoff = "2 seconds")
              String fetch(String url) { return url; }
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "@Retry backoff \"2 seconds\" is not a duration; write milliseconds or seconds such as"
            + " \"200ms\", \"1s\" or \"1.5s\", or an ISO-8601 duration such as \"PT0.2S\"",
        7);
  }

  @Test
  void aNegativeOrUnitlessBackoffIsAnError() {
    for (String backoff : new String[] {"PT-1S", "200", "-1s", "1.5 s", "1e3ms", ""}) {
      JavaFileObject file =
          source(
              "test.Fetch",
              """
              package test;
              import dev.parallelfor.ParallelFor;
              import dev.parallelfor.Retry;
              class Fetch {
                @ParallelFor
                @Retry(backoff = "%s")
                String fetch(String url) { return url; }
              }
              """
                  .formatted(backoff));
      assertOnlyError(compile(file), file, "@Retry backoff \"" + backoff + "\"", 6);
    }
  }

  @Test
  void retryWithoutParallelFor() {
    JavaFileObject file =
        source(
            "test.Fetch",
            """
            package test;
            import dev.parallelfor.Retry;
            import java.io.IOException;
            class Fetch {
              @Retry(on = IOException.class)
              String fetch(String url) throws IOException { return url; }
            }
            """);
    assertOnlyError(
        compile(file),
        file,
        "@Retry on fetch(String) has no effect without @ParallelFor; annotate the method"
            + " @ParallelFor too, or remove @Retry",
        5);
  }

  @Test
  void everyBrokenValueIsReportedOnce() {
    JavaFileObject file =
        source(
            "test.Fetch",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            import dev.parallelfor.Retry;
            class Fetch {
              @ParallelFor
              @Retry(
                  on = java.io.IOException.class,
                  attempts = -1,
                  backoff = "later")
              String fetch(String url) { return url; }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation).hadErrorContaining("on = IOException.class").inFile(file).onLine(7);
    assertThat(compilation).hadErrorContaining("attempts must be >= 1").inFile(file).onLine(8);
    assertThat(compilation).hadErrorContaining("backoff \"later\"").inFile(file).onLine(9);
  }

  @Test
  void validFormsCompileWithoutWarnings() {
    JavaFileObject file =
        source(
            "test.Fetch",
            """
            package test;
            import dev.parallelfor.Mode;
            import dev.parallelfor.ParallelFor;
            import dev.parallelfor.Retry;
            import java.io.FileNotFoundException;
            import java.io.IOException;
            import java.io.UncheckedIOException;
            import java.util.concurrent.TimeoutException;
            class Fetch {
              @ParallelFor(mode = Mode.IO, driverName = "Defaults")
              @Retry
              String defaults(String url) { return url; }

              @ParallelFor(mode = Mode.IO, driverName = "Millis")
              @Retry(on = FileNotFoundException.class, attempts = 1, backoff = "200ms")
              String subtypeOfThrown(String url) throws IOException { return url; }

              @ParallelFor(mode = Mode.IO, driverName = "Seconds")
              @Retry(on = IOException.class, attempts = 5, backoff = "1s")
              String supertypeOfThrown(String url) throws FileNotFoundException { return url; }

              @ParallelFor(mode = Mode.IO, driverName = "Fraction")
              @Retry(on = {UncheckedIOException.class, Exception.class}, backoff = "1.5s")
              String unchecked(String url) { return url; }

              @ParallelFor(mode = Mode.IO, driverName = "Iso")
              @Retry(on = {TimeoutException.class, Throwable.class}, backoff = "PT0.2S")
              String timeouts(String url) { return url; }

              @ParallelFor(mode = Mode.IO, driverName = "Zero")
              @Retry(on = Error.class, backoff = "0ms")
              <E extends IOException> String generic(String url) throws E { return url; }

              @ParallelFor(mode = Mode.IO, driverName = "GenericThrows")
              @Retry(on = FileNotFoundException.class, backoff = "0.25s")
              <E extends IOException> String genericThrows(String url) throws E { return url; }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.Fraction")
        .contentsAsUtf8String()
        .contains("Duration.ofMillis(1500)");
    assertThat(compilation)
        .generatedSourceFile("test.Defaults")
        .contentsAsUtf8String()
        .containsMatch(
            "RetryPolicy.on\\(Exception.class\\)\\s*.attempts\\(3\\)\\s*"
                + ".backoff\\(Duration.ofMillis\\(100\\)\\)");
  }

  @Test
  void anOnTypeThatDoesNotExistIsTheCompilersErrorOnly() {
    JavaFileObject file =
        source(
            "test.Fetch",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            import dev.parallelfor.Retry;
            class Fetch {
              @ParallelFor
              @Retry(on = NoSuchException.class)
              String fetch(String url) { return url; }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("NoSuchException").inFile(file).onLine(6);
  }
}
