package dev.parallelfor.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.parallelfor.processor.TestCompiler.compile;
import static dev.parallelfor.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The product of item types, return types, static or instance, {@code @Index} positions and shared
 * arguments: every combination gets a driver that compiles without a warning.
 */
class CombinationsTest {
  private static final List<String> ITEMS =
      List.of("int", "Long", "String", "int[]", "List<String>", "T");
  private static final List<String> RESULTS = List.of("void", "int", "String", "List<?>", "T");
  private static final List<String> INDEXES = List.of("", "@Index int i", "@Index long i");
  private static final List<String> SHARED =
      List.of("", "int n, double d", "String... xs", "Map<String, T> m");

  @Test
  void everyCombinationCompilesWithoutWarnings() {
    StringBuilder code =
        new StringBuilder(
            """
            package test;
            import dev.parallelfor.Index;
            import dev.parallelfor.ParallelFor;
            import java.util.List;
            import java.util.Map;
            public class Combinations {
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
    Compilation compilation = compile(source("test.Combinations", code.toString()));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFiles()).hasSize(count);
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
    return "  @ParallelFor "
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
