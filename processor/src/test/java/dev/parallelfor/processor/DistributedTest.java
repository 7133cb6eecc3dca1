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
 * {@code @Distributed}: what must travel to the cluster's members is checked at compile time, one
 * error per offending type on the element at fault, and a valid method's driver gets a serializable
 * task class (its {@code on(Cluster)} comes from {@code Configurable}).
 */
class DistributedTest {

  @Test
  void serializableTypesCompileWithoutWarnings() throws IOException {
    JavaFileObject file =
        source(
            "test.Sums",
            """
            package test;
            import dev.parallelfor.Distributed;
            import dev.parallelfor.ParallelFor;
            import java.io.Serializable;
            import java.util.List;
            class Sums {
              @Distributed
              @ParallelFor
              static long sum(int n, List<Long> weights, long[] extra, String... tags) {
                return n;
              }

              @Distributed
              @ParallelFor
              static <T extends Serializable> void visit(T item, Integer times) {}
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).succeededWithoutWarnings();
    String driver =
        compilation
            .generatedSourceFile("test.SumsSumDriver")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    assertThat(driver)
        .contains("public final class SumsSumDriver extends Configurable<SumsSumDriver>");
    assertThat(driver).doesNotContain(" on(Cluster");
    assertThat(driver)
        .contains(
            "static final class Task implements IndexedItemFunction<Integer, Long>, Serializable");
    assertThat(driver).contains("public List<Long> runRange(int from, int to");
  }

  /**
   * Every distributed shape compiles as a strict user build compiles it: every lint as an error and
   * every Javadoc check, which reads the generated task classes too.
   */
  @Test
  void everyDistributedShapeCompilesUnderEveryLintAndDoclintCheckAsErrors() {
    List<String> items = List.of("int", "String", "List<String>", "T");
    List<String> results = List.of("void", "int", "T");
    List<String> indexes = List.of("", "@Index int i");
    List<String> shared = List.of("", "int n;double d", "Map<String, T> m;String... xs");
    StringBuilder code =
        new StringBuilder(
            """
            package test;
            import dev.parallelfor.Distributed;
            import dev.parallelfor.Index;
            import dev.parallelfor.ParallelFor;
            import java.io.Serializable;
            import java.util.List;
            import java.util.Map;
            /** Every shape of distributed method. */
            public class Shapes implements Serializable {
              /** The version of the serialized form. */
              private static final long serialVersionUID = 1L;
              /** Creates the target of the instance methods. */
              public Shapes() {}
            """);
    int count = 0;
    for (String item : items) {
      for (String result : results) {
        for (String index : indexes) {
          for (String more : shared) {
            List<String> parameters = new ArrayList<>();
            parameters.add(item + " item");
            if (!index.isEmpty()) {
              parameters.add(index);
            }
            if (!more.isEmpty()) {
              parameters.addAll(List.of(more.split(";")));
            }
            boolean generic = (item + result + more).contains("T");
            StringBuilder doc = new StringBuilder();
            if (generic) {
              doc.append("\n   * @param <T> a value type");
            }
            for (String parameter : parameters) {
              String name = parameter.substring(parameter.lastIndexOf(' ') + 1);
              doc.append("\n   * @param ").append(name).append(" a value");
            }
            if (!result.equals("void")) {
              doc.append("\n   * @return a value");
            }
            code.append(
                String.format(
                    """
                      /**
                       * Shape %d.
                       *%s
                       */
                      @Distributed
                      @ParallelFor
                      %s%s%s m%d(%s) { %s }
                    """,
                    count,
                    doc,
                    count % 2 == 0 ? "public static " : "public ",
                    generic ? "<T extends Serializable> " : "",
                    result,
                    count,
                    String.join(", ", parameters),
                    result.equals("void") ? "" : "return " + defaultValue(result) + ";"));
            count++;
          }
        }
      }
    }
    code.append("}\n");
    Compilation compilation =
        javac()
            .withProcessors(new ParallelForProcessor())
            .withOptions("-Xlint:all", "-Werror", "-Xdoclint:all,-missing")
            .compile(source("test.Shapes", code.toString()));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFiles()).hasSize(count);
  }

  private static String defaultValue(String type) {
    return switch (type) {
      case "int" -> "0";
      default -> "null";
    };
  }

  @Test
  void aTargetThatIsNotSerializableIsAnErrorOnDistributed() {
    JavaFileObject file =
        source(
            "test.Render",
            """
            package test;
            import dev.parallelfor.Distributed;
            import dev.parallelfor.ParallelFor;
            class Render {
              @Distributed
              @ParallelFor
              String render(String file) { return file; }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Distributed method render(String) sends its target Render to the cluster's members,"
                + " but Render is not serializable")
        .inFile(file)
        .onLine(5);
  }

  @Test
  void anItemAndASharedArgumentOfTheSameTypeAreOneError() {
    JavaFileObject file =
        source(
            "test.Paths",
            """
            package test;
            import dev.parallelfor.Distributed;
            import dev.parallelfor.ParallelFor;
            import java.nio.file.Path;
            class Paths {
              @Distributed
              @ParallelFor
              static String read(Path file,
                  Path root) { return file.toString(); }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "sends its item file to the cluster's members, but Path is not serializable")
        .inFile(file)
        .onLine(8);
  }

  @Test
  void eachOffendingTypeIsOneErrorOnTheElementAtFault() {
    JavaFileObject file =
        source(
            "test.Fetch",
            """
            package test;
            import dev.parallelfor.Distributed;
            import dev.parallelfor.ParallelFor;
            import java.net.http.HttpClient;
            import java.util.List;
            import java.util.Optional;
            class Fetch {
              @Distributed
              @ParallelFor
              static Optional<String> fetch(
                  List<Thread> urls,
                  HttpClient client) { return Optional.empty(); }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation)
        .hadErrorContaining(
            "sends its item urls to the cluster's members, but Thread is not serializable")
        .inFile(file)
        .onLine(11);
    assertThat(compilation)
        .hadErrorContaining(
            "sends its shared argument client to the cluster's members, but HttpClient is not"
                + " serializable")
        .inFile(file)
        .onLine(12);
    assertThat(compilation)
        .hadErrorContaining(
            "sends its result to the cluster's members, but Optional<String> is not serializable")
        .inFile(file)
        .onLine(10);
  }

  @Test
  void anUnboundedTypeVariableIsAnError() {
    JavaFileObject file =
        source(
            "test.Generic",
            """
            package test;
            import dev.parallelfor.Distributed;
            import dev.parallelfor.ParallelFor;
            class Generic {
              @Distributed
              @ParallelFor
              static <T> String show(T item) { return String.valueOf(item); }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("but T is not serializable").inFile(file).onLine(7);
    assertThat(compilation).hadErrorContaining("bounding T with Serializable");
  }

  @Test
  void distributedWithoutParallelForIsAnError() {
    JavaFileObject file =
        source(
            "test.Alone",
            """
            package test;
            import dev.parallelfor.Distributed;
            class Alone {
              @Distributed
              static String show(String item) { return item; }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("@Distributed has no effect on show(String)")
        .inFile(file)
        .onLine(4);
  }

  @Test
  void aResultOfAnOffendingTypeAlreadyReportedIsNoSecondError() {
    JavaFileObject file =
        source(
            "test.Paths",
            """
            package test;
            import dev.parallelfor.Distributed;
            import dev.parallelfor.ParallelFor;
            import java.nio.file.Path;
            class Paths {
              @Distributed
              @ParallelFor
              static Path resolve(
                  Path file) { return file; }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "sends its item file to the cluster's members, but Path is not serializable")
        .inFile(file)
        .onLine(9);
  }

  /**
   * Hazelcast serializes items and results itself, so its own interface is offered for them; a
   * shared argument travels inside the task through Java serialization, so only Serializable is.
   */
  @Test
  void onlyItemsAndResultsAreOfferedHazelcastsSerialization() {
    JavaFileObject file =
        source(
            "test.Fetch",
            """
            package test;
            import dev.parallelfor.Distributed;
            import dev.parallelfor.ParallelFor;
            import java.net.http.HttpClient;
            class Fetch {
              @Distributed
              @ParallelFor
              static Thread fetch(
                  Object url,
                  HttpClient client) { return null; }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation)
        .hadErrorContaining(
            "@Distributed method fetch(Object, HttpClient) sends its item url to the cluster's"
                + " members, but Object is not serializable; use a primitive or a type that"
                + " implements java.io.Serializable (or Hazelcast's DataSerializable), or remove"
                + " @Distributed")
        .inFile(file)
        .onLine(9);
    assertThat(compilation)
        .hadErrorContaining(
            "@Distributed method fetch(Object, HttpClient) sends its shared argument client to"
                + " the cluster's members, but HttpClient is not serializable; use a primitive or"
                + " a type that implements java.io.Serializable, or remove @Distributed")
        .inFile(file)
        .onLine(10);
    assertThat(compilation)
        .hadErrorContaining(
            "@Distributed method fetch(Object, HttpClient) sends its result to the cluster's"
                + " members, but Thread is not serializable; use a primitive or a type that"
                + " implements java.io.Serializable (or Hazelcast's DataSerializable), or remove"
                + " @Distributed")
        .inFile(file)
        .onLine(8);
  }

  @Test
  void theTasksJavadocNamesWhereEachTypeVariableComesFrom() throws IOException {
    JavaFileObject file =
        source(
            "test.Box",
            """
            package test;
            import dev.parallelfor.Distributed;
            import dev.parallelfor.ParallelFor;
            import java.io.Serializable;
            class Box<T extends Serializable> implements Serializable {
              private static final long serialVersionUID = 1L;
              @Distributed
              @ParallelFor
              <R extends Serializable> R pick(R item) { return item; }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).succeededWithoutWarnings();
    String driver =
        compilation
            .generatedSourceFile("test.BoxPickDriver")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    String task = driver.substring(driver.indexOf("Calls {@code pick} for one item"));
    assertThat(task).contains("@param <T> the type variable {@code T} of {@code Box}");
    assertThat(task).contains("@param <R> the type variable {@code R} of {@code pick}");
  }

  /**
   * Hazelcast serializes items and results itself, so its {@code DataSerializable} types travel as
   * those; a shared argument travels inside the task through Java serialization, so it does not.
   */
  @Test
  void hazelcastsOwnSerializableTypesTravelAsItemsAndResultsOnly() {
    JavaFileObject hazelcast =
        source(
            "com.hazelcast.nio.serialization.DataSerializable",
            """
            package com.hazelcast.nio.serialization;
            public interface DataSerializable {}
            """);
    JavaFileObject point =
        source(
            "test.Point",
            """
            package test;
            public class Point implements com.hazelcast.nio.serialization.DataSerializable {}
            """);
    JavaFileObject file =
        source(
            "test.Move",
            """
            package test;
            import dev.parallelfor.Distributed;
            import dev.parallelfor.ParallelFor;
            class Move {
              @Distributed
              @ParallelFor
              static Point move(Point item) { return item; }
              @Distributed
              @ParallelFor
              static int shift(int item,
                  Point origin) { return item; }
            }
            """);
    Compilation compilation = compile(hazelcast, point, file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@Distributed method shift(int, Point) sends its shared argument origin to the"
                + " cluster's members, but Point is not serializable; use a primitive or a type"
                + " that implements java.io.Serializable, or remove @Distributed")
        .inFile(file)
        .onLineContaining("Point origin");
  }

  /** The part of a type that cannot travel is found inside arrays, wildcards and bounds. */
  @Test
  void theOffendingPartIsFoundInsideArraysWildcardsAndBounds() {
    JavaFileObject file =
        source(
            "test.Parts",
            """
            package test;
            import dev.parallelfor.Distributed;
            import dev.parallelfor.ParallelFor;
            import java.io.Serializable;
            import java.util.List;
            class Parts {
              @Distributed
              @ParallelFor
              static <T extends Runnable & AutoCloseable> int bad(T item,
                  Thread[] threads,
                  List<? extends Process> processes) { return 0; }
              @Distributed
              @ParallelFor
              static <T extends Runnable & Serializable> int good(T item,
                  Integer[][] counts, List<? extends Serializable> parts) { return 0; }
              @Distributed
              @ParallelFor
              static <C extends List<C>> int cyclic(C item) { return 0; }
              @Distributed
              @ParallelFor
              static <C extends List<C> & Runnable> int cyclicBounds(C item) { return 0; }
              @Distributed
              @ParallelFor
              static int deep(
                  List<List<List<List<List<List<List<List<Thread>>>>>>>> item) { return 0; }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation)
        .hadErrorContaining(
            "sends its item item to the cluster's members, but T is not serializable; use a"
                + " primitive or a type that implements java.io.Serializable (or Hazelcast's"
                + " DataSerializable), for example by bounding T with Serializable, or remove"
                + " @Distributed")
        .inFile(file)
        .onLineContaining("int bad(T item,");
    assertThat(compilation)
        .hadErrorContaining(
            "sends its shared argument threads to the cluster's members, but Thread is not"
                + " serializable")
        .inFile(file)
        .onLineContaining("Thread[] threads");
    assertThat(compilation)
        .hadErrorContaining(
            "sends its shared argument processes to the cluster's members, but Process is not"
                + " serializable")
        .inFile(file)
        .onLineContaining("List<? extends Process> processes");
    assertThat(compilation)
        .hadErrorContaining(
            "sends its item item to the cluster's members, but Thread is not serializable")
        .inFile(file)
        .onLineContaining("List<List<List<");
  }
}
