package dev.parallelfor.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.parallelfor.processor.TestCompiler.compile;
import static dev.parallelfor.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The product of item types, return types, static or instance, {@code @Index} positions and shared
 * arguments (some {@code @WorkerLocal}): every combination gets a driver that compiles without a
 * warning.
 */
class CombinationsTest {
  private static final List<String> ITEMS =
      List.of("int", "Long", "String", "int[]", "List<String>", "T");
  private static final List<String> RESULTS = List.of("void", "int", "String", "List<?>", "T");
  private static final List<String> INDEXES = List.of("", "@Index int i", "@Index long i");
  private static final List<String> SHARED =
      List.of(
          "",
          "int n, double d",
          "String... xs",
          "Map<String, T> m",
          "@WorkerLocal List<T> scratch, int n, @WorkerLocal StringBuilder... sbs");

  @Test
  void everyCombinationCompilesWithoutWarnings() throws IOException {
    Compilation compilation = compile(source("test.Combinations", combinations()));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFiles()).hasSize(combinationCount());
    for (JavaFileObject driver : compilation.generatedSourceFiles()) {
      // Drivers are facades over the public API, so the runtime's module exports no internals.
      assertThat(driver.getCharContent(true).toString())
          .doesNotContain("dev.parallelfor.runtime.internal");
    }
  }

  /**
   * What a strict user build turns on: every lint as an error and every Javadoc check that the
   * project's own build runs, which reads the generated drivers too (their links, HTML and tags).
   * Not {@code missing}: an execution form's one-line Javadoc links to the loop's, which documents
   * its parameters, instead of copying them.
   */
  @Test
  void everyCombinationCompilesUnderEveryLintAndDoclintCheckAsErrors() {
    Compilation compilation =
        javac()
            .withProcessors(new ParallelForProcessor())
            .withOptions("-Xlint:all", "-Werror", "-Xdoclint:all,-missing")
            .compile(source("test.Combinations", combinations()));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFiles()).hasSize(combinationCount());
  }

  private static int combinationCount() {
    return ITEMS.size() * RESULTS.size() * INDEXES.size() * SHARED.size();
  }

  /** One documented class with a method for every combination. */
  private static String combinations() {
    StringBuilder code =
        new StringBuilder(
            """
            package test;
            import dev.parallelfor.Index;
            import dev.parallelfor.ParallelFor;
            import dev.parallelfor.WorkerLocal;
            import java.util.List;
            import java.util.Map;
            /** Every shape of annotated method. */
            public class Combinations {
              /** Creates the target of the instance methods. */
              public Combinations() {}
            """);
    int count = 0;
    for (String item : ITEMS) {
      for (String result : RESULTS) {
        for (String index : INDEXES) {
          for (String shared : SHARED) {
            code.append(method(count, item, result, index, shared, count % 3 == 0));
            count++;
          }
        }
      }
    }
    code.append("}\n");
    return code.toString();
  }

  private static String method(
      int number, String item, String result, String index, String shared, boolean isStatic) {
    boolean generic = item.equals("T") || result.equals("T") || shared.contains("T>");
    List<String> parameters = new ArrayList<>();
    // The index goes first for even numbers and last for odd ones, around the item and shared.
    if (!index.isEmpty() && number % 2 == 0) {
      parameters.add(index);
    }
    parameters.add(item + " item");
    if (!index.isEmpty() && number % 2 == 1 && !shared.contains("...")) {
      parameters.add(index);
    }
    if (!shared.isEmpty()) {
      parameters.add(shared);
    }
    if (!index.isEmpty() && number % 2 == 1 && shared.contains("...")) {
      parameters.add(parameters.size() - 1, index);
    }
    String body =
        switch (result) {
          case "void" -> "";
          case "int" -> "return 1;";
          case "String" -> "return \"\";";
          default -> "return null;";
        };
    StringBuilder doc = new StringBuilder("  /**\n   * Method " + number + ".\n   *\n");
    if (generic) {
      doc.append("   * @param <T> a type\n");
    }
    for (String parameter : parameters) {
      // "Map<String, T> m" is one declaration: split only at commas outside angle brackets.
      for (String declaration : parameter.split(",(?![^<]*>) ")) {
        String name = declaration.substring(declaration.lastIndexOf(' ') + 1);
        doc.append("   * @param ").append(name).append(" a value\n");
      }
    }
    if (!result.equals("void")) {
      doc.append("   * @return a value\n");
    }
    doc.append("   */\n");
    return doc
        + "  @ParallelFor public "
        + (isStatic ? "static " : "")
        + (generic ? "<T> " : "")
        + result
        + " m"
        + number
        + "("
        + String.join(", ", parameters)
        + ") { "
        + body
        + " }\n";
  }
}
