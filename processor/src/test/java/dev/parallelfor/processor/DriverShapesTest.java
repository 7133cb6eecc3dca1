package dev.parallelfor.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.parallelfor.processor.TestCompiler.compile;
import static dev.parallelfor.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every method shape that must give a working driver compiles without warnings, together with the
 * driver it gets (compile-testing compiles generated sources too). The drivers are run against the
 * engine in the integration-tests module.
 */
class DriverShapesTest {

  private static String driver(Compilation compilation, String name) throws IOException {
    assertThat(compilation).succeededWithoutWarnings();
    JavaFileObject file =
        compilation
            .generatedSourceFile(name)
            .orElseThrow(() -> new AssertionError("no driver " + name));
    // Whitespace is normalized so that checks do not depend on where long lines wrap.
    return file.getCharContent(true).toString().replaceAll("\\s+", " ");
  }

  @Test
  void instanceMethodGetsConstructorTakingTheTarget() throws IOException {
    String driver =
        driver(
            compile(
                source(
                    "test.Words",
                    """
                    package test;
                    import dev.parallelfor.ParallelFor;
                    public class Words {
                      @ParallelFor String upper(String item) { return item.toUpperCase(); }
                    }
                    """)),
            "test.WordsUpperDriver");
    assertThat(driver).contains("public WordsUpperDriver(Words target)");
    assertThat(driver).contains("public List<String> run(Iterable<? extends String> items)");
    assertThat(driver).contains("public List<String> run(Stream<? extends String> items)");
    assertThat(driver).contains("public String apply(long index, String item) throws Exception {");
    assertThat(driver).contains("return target.upper(item);");
    assertThat(driver).doesNotContain("runRange");
  }

  /**
   * A driver declares no option of its own: it inherits them from {@code Configurable}, and the
   * calls users write stay source compatible, the type of each step and of each result included.
   */
  @Test
  void optionsComeFromConfigurableAndTheCallsUsersWriteStillCompile() throws IOException {
    Compilation compilation =
        compile(
            source(
                "test.Squares",
                """
                package test;
                import dev.parallelfor.ParallelFor;
                public class Squares {
                  @ParallelFor int square(int x) { return x * x; }
                }
                """),
            source(
                "test.Usage",
                """
                package test;
                import dev.parallelfor.runtime.ProgressBars;
                import dev.parallelfor.runtime.Results;
                import dev.parallelfor.runtime.RetryPolicy;
                import java.time.Duration;
                import java.util.List;
                import java.util.concurrent.Executors;
                import java.util.stream.Stream;
                class Usage {
                  List<Integer> all(List<Integer> items) {
                    SquaresSquareDriver driver = new SquaresSquareDriver(new Squares())
                        .parallelism(4)
                        .onProgress(ProgressBars.console("squares"))
                        .timeout(Duration.ofMinutes(1))
                        .itemTimeout(Duration.ofSeconds(1))
                        .retry(RetryPolicy.on(IllegalStateException.class).attempts(2))
                        .rateLimit(100)
                        .executor(Executors.newCachedThreadPool())
                        .name("squares");
                    Results<Integer> outcomes = driver.runAll(Stream.of(1, 2));
                    List<Integer> range = driver.runRange(0, 10);
                    return outcomes.size() == 0 ? range : driver.run(items);
                  }
                }
                """));
    String driver = driver(compilation, "test.SquaresSquareDriver");
    assertThat(driver)
        .contains(
            "public final class SquaresSquareDriver extends Configurable<SquaresSquareDriver>");
    for (String option : List.of("parallelism(", "executor(", "onProgress(", "timeout(", " on(")) {
      assertThat(driver).doesNotContain("public SquaresSquareDriver " + option.strip());
    }
    long lines =
        compilation
            .generatedSourceFile("test.SquaresSquareDriver")
            .orElseThrow()
            .getCharContent(true)
            .toString()
            .lines()
            .count();
    assertThat(lines).isAtMost(150);
  }

  @Test
  void staticMethodGetsNoArgumentConstructorAndStaticCall() throws IOException {
    String driver =
        driver(
            compile(
                source(
                    "test.Maths",
                    """
                    package test;
                    import dev.parallelfor.ParallelFor;
                    public class Maths {
                      @ParallelFor static long twice(long item) { return 2 * item; }
                    }
                    """)),
            "test.MathsTwiceDriver");
    assertThat(driver).contains("public MathsTwiceDriver()");
    assertThat(driver).doesNotContain("private final Maths target");
    assertThat(driver).contains("Maths.twice(item)");
    assertThat(driver).contains("public List<Long> runRange(long from, long to)");
    assertThat(driver).contains("rangeLoop(new RangeFunction<Long>() {");
    assertThat(driver).contains("public Long apply(long index, long value) throws Exception {");
    assertThat(driver).contains("return Maths.twice(value);");
  }

  @Test
  void interfaceAbstractAndDefaultMethods() throws IOException {
    Compilation compilation =
        compile(
            source(
                "test.Shape",
                """
                package test;
                import dev.parallelfor.ParallelFor;
                public interface Shape {
                  @ParallelFor double area(double scale);
                  @ParallelFor default String describe(String prefix) { return prefix + area(1); }
                  @ParallelFor static int side(int item) { return item; }
                }
                """));
    assertThat(driver(compilation, "test.ShapeAreaDriver"))
        .contains("public ShapeAreaDriver(Shape target)");
    assertThat(driver(compilation, "test.ShapeDescribeDriver")).contains("target.describe(item)");
    assertThat(driver(compilation, "test.ShapeSideDriver")).contains("Shape.side(item)");
  }

  @Test
  void enumAndRecordMethods() throws IOException {
    Compilation compilation =
        compile(
            source(
                "test.Unit",
                """
                package test;
                import dev.parallelfor.ParallelFor;
                public enum Unit {
                  KM, MILE;
                  @ParallelFor double convert(double value) { return this == KM ? value : value * 1.6; }
                }
                """),
            source(
                "test.Scale",
                """
                package test;
                import dev.parallelfor.ParallelFor;
                public record Scale(int factor) {
                  @ParallelFor int apply(int item) { return item * factor; }
                }
                """));
    assertThat(driver(compilation, "test.UnitConvertDriver"))
        .contains("public UnitConvertDriver(Unit target)");
    assertThat(driver(compilation, "test.ScaleApplyDriver"))
        .contains("public List<Integer> runRange(int from, int to)");
  }

  @Test
  void staticNestedTypesJoinTheirNamesWithUnderscores() throws IOException {
    Compilation compilation =
        compile(
            source(
                "test.Outer",
                """
                package test;
                import dev.parallelfor.ParallelFor;
                public class Outer {
                  static class Inner {
                    @ParallelFor String render(String item) { return item; }
                    interface Deeper {
                      @ParallelFor String render(String item);
                    }
                  }
                }
                """));
    assertThat(driver(compilation, "test.Outer_InnerRenderDriver"))
        .contains("public Outer_InnerRenderDriver(Outer.Inner target)");
    assertThat(driver(compilation, "test.Outer_Inner_DeeperRenderDriver"))
        .contains("public Outer_Inner_DeeperRenderDriver(Outer.Inner.Deeper target)");
  }

  @Test
  void voidMethodRunsReturnNothingAndRunAllGivesResultsOfVoid() throws IOException {
    String driver =
        driver(
            compile(
                source(
                    "test.Sink",
                    """
                    package test;
                    import dev.parallelfor.ParallelFor;
                    public class Sink {
                      @ParallelFor void accept(int item) {}
                    }
                    """)),
            "test.SinkAcceptDriver");
    assertThat(driver).contains("public void run(Iterable<? extends Integer> items)");
    assertThat(driver)
        .contains("settings().<Integer, Void>loop(new IndexedItemFunction<Integer, Void>() {");
    assertThat(driver).contains("public Void apply(long index, Integer item) throws Exception {");
    assertThat(driver).contains("loop().forEach(items);");
    assertThat(driver).contains("public CompletableFuture<Void> runAsync(");
    assertThat(driver).contains("public Results<Void> runAll(");
    assertThat(driver).contains("public void runRange(int from, int to)");
    assertThat(driver).contains("settings().<Void>rangeLoop(new RangeFunction<Void>() {");
    assertThat(driver).contains("rangeLoop().forEach(Range.of((long) from, (long) to));");
  }

  @Test
  void primitiveArrayGenericAndWildcardTypes() throws IOException {
    String driver =
        driver(
            compile(
                source(
                    "test.Types",
                    """
                    package test;
                    import dev.parallelfor.ParallelFor;
                    import java.util.List;
                    import java.util.Map;
                    public class Types {
                      @ParallelFor boolean flag(char item) { return item == 'x'; }
                      @ParallelFor int[] digits(byte[] item) { return new int[item.length]; }
                      @ParallelFor List<String> words(Map<String, List<Integer>> item) {
                        return List.copyOf(item.keySet());
                      }
                      @ParallelFor List<? extends Number> numbers(List<? super Integer> item) {
                        return List.of(1);
                      }
                    }
                    """)),
            "test.TypesFlagDriver");
    assertThat(driver).contains("public List<Boolean> run(Iterable<? extends Character> items)");
    assertThat(driver).doesNotContain("runRange");
    Compilation compilation =
        compile(
            source(
                "test.Types",
                """
                package test;
                import dev.parallelfor.ParallelFor;
                import java.util.List;
                import java.util.Map;
                public class Types {
                  @ParallelFor int[] digits(byte[] item) { return new int[item.length]; }
                  @ParallelFor List<String> words(Map<String, List<Integer>> item) {
                    return List.copyOf(item.keySet());
                  }
                  @ParallelFor List<? extends Number> numbers(List<? super Integer> item) {
                    return List.of(1);
                  }
                }
                """));
    assertThat(driver(compilation, "test.TypesDigitsDriver"))
        .contains("public List<int[]> run(Iterable<? extends byte[]> items)");
    assertThat(driver(compilation, "test.TypesWordsDriver"))
        .contains(
            "public List<List<String>> run(Iterable<? extends Map<String, List<Integer>>> items)");
    assertThat(driver(compilation, "test.TypesNumbersDriver"))
        .contains(
            "public List<List<? extends Number>> run(Iterable<? extends List<? super Integer>>"
                + " items)");
  }

  @Test
  void genericMethodPassesItsTypeVariablesExplicitly() throws IOException {
    String driver =
        driver(
            compile(
                source(
                    "test.Sorting",
                    """
                    package test;
                    import dev.parallelfor.ParallelFor;
                    import java.util.Collections;
                    import java.util.List;
                    public class Sorting {
                      @ParallelFor
                      <T extends Comparable<? super T>> T max(List<T> item) {
                        return Collections.max(item);
                      }
                    }
                    """)),
            "test.SortingMaxDriver");
    assertThat(driver)
        .contains("public final class SortingMaxDriver<T extends Comparable<? super T>>");
    assertThat(driver).contains("public List<T> run(Iterable<? extends List<T>> items)");
    assertThat(driver).contains("target.<T>max(item)");
  }

  @Test
  void methodOfGenericTypeTakesTheTypeVariablesOfTypeThenMethod() throws IOException {
    String driver =
        driver(
            compile(
                source(
                    "test.Box",
                    """
                    package test;
                    import dev.parallelfor.ParallelFor;
                    import java.io.Serializable;
                    import java.util.function.Function;
                    public class Box<T extends Number & Serializable> {
                      @ParallelFor
                      <R> R map(T item, Function<? super T, ? extends R> f) { return f.apply(item); }
                      @ParallelFor static <E> E same(E item) { return item; }
                    }
                    """)),
            "test.BoxMapDriver");
    assertThat(driver)
        .contains("public final class BoxMapDriver<T extends Number & Serializable, R>");
    assertThat(driver).contains("public BoxMapDriver(Box<T> target)");
    assertThat(driver)
        .contains(
            "public List<R> run(Iterable<? extends T> items, Function<? super T, ? extends R> f)");
    assertThat(driver).contains("target.<R>map(item, f)");
  }

  @Test
  void staticGenericMethodOfGenericTypeTakesOnlyTheMethodsTypeVariables() throws IOException {
    String driver =
        driver(
            compile(
                source(
                    "test.Box",
                    """
                    package test;
                    import dev.parallelfor.ParallelFor;
                    public class Box<T> {
                      @ParallelFor static <E> E same(E item) { return item; }
                    }
                    """)),
            "test.BoxSameDriver");
    assertThat(driver).contains("public final class BoxSameDriver<E>");
    assertThat(driver).contains("Box.<E>same(item)");
  }

  @Test
  void sharedArgumentsIncludingPrimitivesAndVarargs() throws IOException {
    Compilation compilation =
        compile(
            source(
                "test.Shared",
                """
                package test;
                import dev.parallelfor.ParallelFor;
                import java.util.List;
                import java.util.Map;
                public class Shared {
                  @ParallelFor String one(String item, Map<String, String> lookup) {
                    return lookup.get(item);
                  }
                  @ParallelFor String several(String item, int times, double scale, String... tags) {
                    return item;
                  }
                  @SafeVarargs
                  @ParallelFor static int generic(String item, List<String>... lists) {
                    return lists.length;
                  }
                }
                """));
    assertThat(driver(compilation, "test.SharedOneDriver"))
        .contains("run(Iterable<? extends String> items, Map<String, String> lookup)");
    String several = driver(compilation, "test.SharedSeveralDriver");
    assertThat(several)
        .contains(
            "public List<String> run(Iterable<? extends String> items, int times, double scale,"
                + " String... tags)");
    assertThat(several).contains("target.several(item, times, scale, tags)");
    String generic = driver(compilation, "test.SharedGenericDriver");
    assertThat(generic).contains("@SafeVarargs public final List<Integer> run(");
  }

  @Test
  void indexParameterInAnyPosition() throws IOException {
    Compilation compilation =
        compile(
            source(
                "test.Positions",
                """
                package test;
                import dev.parallelfor.Index;
                import dev.parallelfor.ParallelFor;
                public class Positions {
                  @ParallelFor String first(@Index int i, String item) { return i + item; }
                  @ParallelFor String middle(String item, @Index long i, String suffix) {
                    return item + i + suffix;
                  }
                  @ParallelFor String last(String item, String suffix, @Index int i) {
                    return item + suffix + i;
                  }
                  @ParallelFor int range(@Index long i, int item) { return item; }
                }
                """));
    assertThat(driver(compilation, "test.PositionsFirstDriver"))
        .contains("return target.first(Indexes.toInt(index), item);");
    String middle = driver(compilation, "test.PositionsMiddleDriver");
    assertThat(middle).contains("run(Iterable<? extends String> items, String suffix)");
    assertThat(middle).contains("return target.middle(item, index, suffix);");
    assertThat(driver(compilation, "test.PositionsLastDriver"))
        .contains("return target.last(item, suffix, Indexes.toInt(index));");
    assertThat(driver(compilation, "test.PositionsRangeDriver"))
        .contains("return target.range(index, (int) value);");
  }

  @Test
  void checkedExceptionsAreAllowed() throws IOException {
    String driver =
        driver(
            compile(
                source(
                    "test.Files",
                    """
                    package test;
                    import dev.parallelfor.Mode;
                    import dev.parallelfor.ParallelFor;
                    import java.io.IOException;
                    public class Files {
                      @ParallelFor(mode = Mode.IO)
                      byte[] read(String item) throws IOException, InterruptedException {
                        throw new IOException(item);
                      }
                      @ParallelFor
                      String parse(String item) throws Exception { return item; }
                    }
                    """)),
            "test.FilesReadDriver");
    assertThat(driver).contains("LoopSettings.of(Mode.IO)");
  }

  @Test
  void rangeForBoxedItems() throws IOException {
    Compilation compilation =
        compile(
            source(
                "test.Boxed",
                """
                package test;
                import dev.parallelfor.ParallelFor;
                public class Boxed {
                  @ParallelFor String ofInteger(Integer item) { return "" + item; }
                  @ParallelFor String ofLong(Long item) { return "" + item; }
                }
                """));
    assertThat(driver(compilation, "test.BoxedOfIntegerDriver"))
        .contains("return target.ofInteger((int) value);");
    assertThat(driver(compilation, "test.BoxedOfLongDriver"))
        .contains("public List<String> runRange(long from, long to)");
  }

  @Test
  void driversTellTheErasureOfTheirResultType() throws IOException {
    Compilation compilation =
        compile(
            source(
                "test.Results",
                """
                package test;
                import dev.parallelfor.ParallelFor;
                import java.util.List;
                import java.util.Map;
                public class Results<N extends Number> {
                  @ParallelFor List<String> words(String item) { return List.of(item); }
                  @ParallelFor Map<String, Integer>[] maps(String item) { return null; }
                  @ParallelFor N number(String item) { return null; }
                  @ParallelFor long[] longs(String item) { return null; }
                  @ParallelFor void nothing(String item) {}
                }
                """));
    assertThat(compilation).succeeded();
    assertThat(driver(compilation, "test.ResultsWordsDriver")).contains(", List.class)");
    assertThat(driver(compilation, "test.ResultsMapsDriver")).contains(", Map[].class)");
    assertThat(driver(compilation, "test.ResultsNumberDriver")).contains(", Number.class)");
    assertThat(driver(compilation, "test.ResultsLongsDriver")).contains(", long[].class)");
    assertThat(driver(compilation, "test.ResultsNothingDriver")).contains(", void.class)");
  }

  @Test
  void driverNameReplacesTheSimpleName() throws IOException {
    Compilation compilation =
        compile(
            source(
                "test.Named",
                """
                package test;
                import dev.parallelfor.Mode;
                import dev.parallelfor.ParallelFor;
                public class Named {
                  @ParallelFor(driverName = "Squares", parallelism = 3)
                  int square(int item) { return item * item; }
                }
                """));
    String driver = driver(compilation, "test.Squares");
    assertThat(driver).contains("public final class Squares extends Configurable<Squares> {");
    assertThat(driver).contains("LoopSettings.of(Mode.CPU)");
    assertThat(driver)
        .contains(".name(\"Squares\", \"Named.square(int)\", Integer.class) .parallelism(3)");
    assertThat(compilation.generatedSourceFile("test.NamedSquareDriver")).isEmpty();
  }

  @Test
  void twoMethodsOfOneClassAndMethodsInSeveralPackages() throws IOException {
    Compilation compilation =
        compile(
            source(
                "one.Text",
                """
                package one;
                import dev.parallelfor.ParallelFor;
                public class Text {
                  @ParallelFor public String trim(String item) { return item.trim(); }
                  @ParallelFor public int length(String item) { return item.length(); }
                }
                """),
            source(
                "two.Text",
                """
                package two;
                import dev.parallelfor.ParallelFor;
                public class Text {
                  @ParallelFor public String trim(String item) { return item.strip(); }
                }
                """));
    assertThat(driver(compilation, "one.TextTrimDriver")).startsWith("package one;");
    assertThat(driver(compilation, "one.TextLengthDriver")).startsWith("package one;");
    assertThat(driver(compilation, "two.TextTrimDriver")).startsWith("package two;");
  }

  @Test
  void sharedArgumentNamesThatClashWithTheDriversOwnNames() throws IOException {
    String driver =
        driver(
            compile(
                source(
                    "test.Clash",
                    """
                    package test;
                    import dev.parallelfor.ParallelFor;
                    public class Clash {
                      @ParallelFor
                      String m(int value, String items, String item, long index, Object target,
                          Object options, int from, int to) {
                        return "";
                      }
                    }
                    """)),
            "test.ClashMDriver");
    assertThat(driver)
        .contains("public String apply(long index_, Integer item_) throws Exception {");
    assertThat(driver)
        .contains(
            "return ClashMDriver.this.target.m(item_, items, item, index, target, options, from,"
                + " to);");
    assertThat(driver).contains("public String apply(long index_, long value) throws Exception {");
    assertThat(driver)
        .contains(
            "return ClashMDriver.this.target.m((int) value, items, item, index, target, options,"
                + " from, to);");
    assertThat(driver).contains("runRange(int from_, int to_,");
    assertThat(driver)
        .contains(
            "return rangeLoop(items, item, index, target, options, from, to).run(Range.of((long)"
                + " from_, (long) to_))");
  }

  @Test
  void parametersNamedLikeTheTypesTheDriverBodyUsesStillCompile() throws IOException {
    // A parameter hides a type of the same simple name wherever that name is an expression
    // (Engine.run(...), Calc.add(...)): the driver renames only its own names, never the type's.
    String driver =
        driver(
            compile(
                source(
                    "test.Calc",
                    """
                    package test;
                    import dev.parallelfor.Index;
                    import dev.parallelfor.ParallelFor;
                    public class Calc {
                      @ParallelFor
                      static int add(int item, @Index int position, int Engine, int Calc,
                          int Indexes, int Objects, int Mode, int List, int LoopSettings,
                          int settings, int Stream, int Parallel, int Range, int ParallelLoop) {
                        return item + position + Engine + Calc + Indexes + Objects + Mode + List
                            + LoopSettings + settings + Stream + Parallel + Range + ParallelLoop;
                      }
                    }
                    """)),
            "test.CalcAddDriver");
    assertThat(driver).contains("int Engine, int Calc_, int Indexes_, int Objects,");
    assertThat(driver).contains("int Range_, int ParallelLoop)");
    assertThat(driver).contains(".run(Range.of((long) from, (long) to))");
    assertThat(driver)
        .contains("Calc.add(item, Indexes.toInt(index), Engine, Calc_, Indexes_, Objects,");
  }

  @Test
  void deprecatedMethodDriverCompilesWithoutDeprecationWarnings() throws IOException {
    String driver =
        driver(
            compile(
                source(
                    "test.Old",
                    """
                    package test;
                    import dev.parallelfor.ParallelFor;
                    public class Old {
                      @Deprecated @ParallelFor String m(String item) { return item; }
                      @Deprecated(forRemoval = true) static class Gone {}
                      @SuppressWarnings("removal")
                      @ParallelFor String n(Gone item) { return ""; }
                      @Deprecated static class Outdated {
                        @ParallelFor String o(String item) { return item; }
                      }
                    }
                    """)),
            "test.OldMDriver");
    assertThat(driver).contains("@SuppressWarnings({\"deprecation\", \"removal\"})");
  }

  @Test
  void protectedAndPackagePrivateTypesOfTheSamePackageAreReachable() throws IOException {
    driver(
        compile(
            source(
                "test.Access",
                """
                package test;
                import dev.parallelfor.ParallelFor;
                class Access {
                  static class Item {}
                  protected static class Result {}
                  @ParallelFor protected Result m(Item item) { return new Result(); }
                }
                """)),
        "test.AccessMDriver");
  }

  @Test
  void typeInTheUnnamedPackage() throws IOException {
    String driver =
        driver(
            compile(
                source(
                    "Plain",
                    """
                    import dev.parallelfor.ParallelFor;
                    class Plain {
                      @ParallelFor String m(String item) { return item; }
                    }
                    """)),
            "PlainMDriver");
    assertThat(driver).startsWith("import ");
    assertThat(driver).contains("public PlainMDriver(Plain target)");
  }

  @Test
  void objectItemsGenericArraysAndStaticGenericVoid() throws IOException {
    Compilation compilation =
        compile(
            source(
                "test.Any",
                """
                package test;
                import dev.parallelfor.ParallelFor;
                public class Any {
                  @ParallelFor Object id(Object item) { return item; }
                  @ParallelFor static <T> T firstOf(T[] item) { return item[0]; }
                  @ParallelFor static <T extends Number> void each(T item, Class<? extends T> type) {}
                }
                """));
    assertThat(driver(compilation, "test.AnyIdDriver"))
        .contains("public List<Object> run(Iterable<?> items)");
    assertThat(driver(compilation, "test.AnyFirstOfDriver"))
        .contains("public List<T> run(Iterable<? extends T[]> items)");
    assertThat(driver(compilation, "test.AnyEachDriver"))
        .contains("public void run(Iterable<? extends T> items, Class<? extends T> type)");
  }

  /**
   * An array of {@code List<?>} is reifiable, so a driver passing such varargs on needs no
   * {@code @SafeVarargs} (which javac would call redundant); bounded wildcards are not reifiable.
   */
  @Test
  void safeVarargsOnlyForVarargsThatAreNotReifiable() throws IOException {
    Compilation compilation =
        compile(
            source(
                "test.Lists",
                """
                package test;
                import dev.parallelfor.ParallelFor;
                import java.util.List;
                public class Lists {
                  @ParallelFor static int any(String item, List<?>... lists) {
                    return lists.length;
                  }
                  @SafeVarargs
                  @ParallelFor static int upper(String item, List<? extends Number>... lists) {
                    return lists.length;
                  }
                  @SafeVarargs
                  @ParallelFor static int lower(String item, List<? super Integer>... lists) {
                    return lists.length;
                  }
                  @ParallelFor static int ints(String item, int... counts) {
                    return counts.length;
                  }
                  @ParallelFor static int arrays(String item, int[]... rows) {
                    return rows.length;
                  }
                  @SafeVarargs
                  @ParallelFor static <T> int typed(String item, T... values) {
                    return values.length;
                  }
                  public static class Holder<T> {
                    public class Inner {}
                  }
                  @ParallelFor static int anyInner(String item, Holder<?>.Inner... inners) {
                    return inners.length;
                  }
                  @SafeVarargs
                  @ParallelFor static int inner(String item, Holder<String>.Inner... inners) {
                    return inners.length;
                  }
                }
                """));
    String any = driver(compilation, "test.ListsAnyDriver");
    assertThat(any)
        .contains("public List<Integer> run(Iterable<? extends String> items, List<?>... lists)");
    assertThat(any).doesNotContain("@SafeVarargs");
    assertThat(driver(compilation, "test.ListsUpperDriver"))
        .contains("@SafeVarargs public final List<Integer> run(");
    assertThat(driver(compilation, "test.ListsLowerDriver"))
        .contains("@SafeVarargs public final List<Integer> run(");
    for (String reifiable : List.of("Ints", "Arrays", "AnyInner")) {
      assertThat(driver(compilation, "test.Lists" + reifiable + "Driver"))
          .doesNotContain("@SafeVarargs");
    }
    for (String notReifiable : List.of("Typed", "Inner")) {
      assertThat(driver(compilation, "test.Lists" + notReifiable + "Driver"))
          .contains("@SafeVarargs public final");
    }
  }

  /**
   * A driver passes its varargs array on unchanged; javac calls that an unsafe use when the
   * method's varargs type is generic, so the driver says it is safe and compiles without warnings.
   */
  @Test
  void genericVarargsCompileWithoutWarnings() throws IOException {
    Compilation compilation =
        compile(
            source(
                "test.Generic",
                """
                package test;
                import dev.parallelfor.Distributed;
                import dev.parallelfor.ParallelFor;
                import java.io.Serializable;
                import java.util.List;
                public class Generic {
                  @SafeVarargs
                  @ParallelFor static <T> int typed(String item, T... values) {
                    return values.length;
                  }
                  @SafeVarargs
                  @Distributed
                  @ParallelFor static <T extends Serializable> int sent(String item, T... values) {
                    return values.length;
                  }
                  public static class Box<T> {
                    @SafeVarargs
                    @ParallelFor final int lists(String item, List<T>... lists) {
                      return lists.length;
                    }
                  }
                }
                """));
    assertThat(driver(compilation, "test.GenericTypedDriver"))
        .contains(
            "@SuppressWarnings(\"varargs\") @SafeVarargs public final List<Integer> run("
                + "Iterable<? extends String> items, T... values)");
    assertThat(driver(compilation, "test.GenericSentDriver"))
        .contains("@SafeVarargs public final List<Integer> run(");
    assertThat(driver(compilation, "test.Generic_BoxListsDriver"))
        .contains("@SafeVarargs public final List<Integer> run(");
  }

  /**
   * A driver repeats the bounds of the type variables it declares and the enclosing types of the
   * types it names, so deprecated code there is suppressed too.
   */
  @Test
  void deprecatedBoundsAndEnclosingTypesCompileWithoutDeprecationWarnings() throws IOException {
    Compilation compilation =
        compile(
            source(
                "test.Aged",
                """
                package test;
                import dev.parallelfor.ParallelFor;
                public class Aged {
                  @Deprecated static class Old {}
                  @Deprecated static class Outer {
                    class Inner {}
                  }
                  @ParallelFor <T extends Old> String bounded(String item) { return item; }
                  static class Box<T extends Old> {
                    @ParallelFor String m(String item) { return item; }
                  }
                  @ParallelFor String inner(Outer.Inner item) { return ""; }
                }
                """));
    for (String name : List.of("AgedBoundedDriver", "Aged_BoxMDriver", "AgedInnerDriver")) {
      assertThat(driver(compilation, "test." + name))
          .contains("@SuppressWarnings({\"deprecation\", \"removal\"})");
    }
  }
}
