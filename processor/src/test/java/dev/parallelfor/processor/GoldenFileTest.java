package dev.parallelfor.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.parallelfor.processor.TestCompiler.compile;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Pins the whole generated source of typical drivers, Javadoc and layout included, against files
 * under {@code src/test/resources/golden}: the annotated input and the driver expected for it.
 */
class GoldenFileTest {

  private static void assertGolden(String input, String driver, String expected)
      throws IOException {
    Compilation compilation = compile(JavaFileObjects.forResource("golden/" + input));
    assertThat(compilation).succeededWithoutWarnings();
    String actual =
        compilation.generatedSourceFile(driver).orElseThrow().getCharContent(true).toString();
    String update = System.getProperty("parallelfor.golden.update");
    if (update != null) { // -Dparallelfor.golden.update=src/test/resources/golden rewrites them
      Files.writeString(Path.of(update, expected), actual, StandardCharsets.UTF_8);
    }
    JavaFileObject golden = JavaFileObjects.forResource("golden/" + expected);
    assertThat(compilation).generatedSourceFile(driver).hasSourceEquivalentTo(golden);
    // Source equivalence ignores comments and layout; the exact text pins those too.
    assertThat(actual).isEqualTo(resource("golden/" + expected));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = GoldenFileTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void instanceMethodWithSharedArgumentsAndVarargs() throws IOException {
    assertGolden(
        "Thumbnailer.java",
        "com.example.thumbs.ThumbnailerRenderDriver",
        "ThumbnailerRenderDriver.java");
  }

  @Test
  void distributedMethodWithItsTaskClass() throws IOException {
    assertGolden("Scorer.java", "com.example.score.ScorerScoreDriver", "ScorerScoreDriver.java");
  }

  @Test
  void staticMethodWithIndexRangeAndDriverName() throws IOException {
    assertGolden("Ranges.java", "com.example.ranges.Squares", "Squares.java");
  }

  @Test
  void voidGenericMethodOfGenericInterface() throws IOException {
    assertGolden("Cache.java", "com.example.cache.CacheStoreDriver", "CacheStoreDriver.java");
  }

  @Test
  void workerLocalParametersTakeSuppliersAndAPerWorkerLoop() throws IOException {
    assertGolden("Hasher.java", "com.example.hash.HasherDigestDriver", "HasherDigestDriver.java");
  }

  @Test
  void retryAnnotationBecomesTheDriversDefaultPolicy() throws IOException {
    assertGolden("Fetcher.java", "com.example.fetch.FetcherFetchDriver", "FetcherFetchDriver.java");
  }
}
