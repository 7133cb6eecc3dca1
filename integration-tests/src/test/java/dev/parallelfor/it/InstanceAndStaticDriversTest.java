package dev.parallelfor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelfor.runtime.Results;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Drivers of instance and static methods, of nested types, interfaces, enums and records, with
 * shared arguments, driverName and several packages, run on the engine.
 */
class InstanceAndStaticDriversTest {
  private static final List<String> WORDS = IntStream.range(0, 500).mapToObj(i -> "w" + i).toList();

  @Test
  void runReturnsOneResultPerItemInInputOrderFromTheGivenTarget() {
    List<String> results = new TextsUpperDriver(new Texts("!")).run(WORDS);
    assertThat(results).isEqualTo(WORDS.stream().map(w -> w.toUpperCase() + "!").toList());
  }

  @Test
  void everyExecutionFormGivesTheSameResults() {
    TextsUpperDriver driver = new TextsUpperDriver(new Texts("."));
    List<String> expected = List.of("A.", "B.", "C.");
    assertThat(driver.run(Stream.of("a", "b", "c"))).isEqualTo(expected);
    assertThat(driver.runAsync(List.of("a", "b", "c")).join()).isEqualTo(expected);
    assertThat(driver.runAsync(Stream.of("a", "b", "c")).join()).isEqualTo(expected);
    Results<String> all = driver.runAll(List.of("a", "b", "c"));
    assertThat(all.values()).isEqualTo(expected);
    assertThat(all.succeeded()).isEqualTo(3);
    assertThat(driver.runAll(Stream.of("a", "b", "c")).values()).isEqualTo(expected);
    try (Stream<String> stream = driver.stream(List.of("a", "b", "c"))) {
      assertThat(stream.toList()).isEqualTo(expected);
    }
    try (Stream<String> stream = driver.stream(Stream.of("a", "b", "c"))) {
      assertThat(stream.toList()).isEqualTo(expected);
    }
  }

  @Test
  void streamInputIsClosed() {
    AtomicBoolean closed = new AtomicBoolean();
    new TextsUpperDriver(new Texts("")).run(Stream.of("a").onClose(() -> closed.set(true)));
    assertThat(closed).isTrue();
  }

  @Test
  void sharedArgumentsReachEveryCallIncludingVarargs() {
    TextsDecorateDriver driver = new TextsDecorateDriver(new Texts(";"));
    assertThat(driver.run(List.of("a", "b"), "-", 2)).containsExactly("--a;", "--b;");
    assertThat(driver.run(List.of("a", "b"), ">", 1, "!")).containsExactly(">a!;", ">b!;");
    assertThat(driver.run(List.of("a"), "", 0, "x", "y", "z")).containsExactly("axyz;");
    assertThat(driver.run(List.of("a"), "", 0, new String[] {"p", "q"})).containsExactly("apq;");
  }

  @Test
  void twoMethodsOfOneClassHaveTheirOwnDrivers() {
    Texts texts = new Texts("?");
    assertThat(new TextsUpperDriver(texts).run(List.of("x"))).containsExactly("X?");
    assertThat(new TextsDecorateDriver(texts).run(List.of("x"), "", 0)).containsExactly("x?");
  }

  @Test
  void sameSimpleNameInAnotherPackage() {
    assertThat(
            new dev.parallelfor.it.other.TextsUpperDriver(new dev.parallelfor.it.other.Texts())
                .run(List.of("x")))
        .containsExactly("other X");
  }

  @Test
  void staticMethodDriverNeedsNoTarget() {
    assertThat(new ArithmeticSquareDriver().run(List.of(1, 2, 3))).containsExactly(1L, 4L, 9L);
    assertThat(new ArithmeticTwiceDriver().run(List.of(5L, 6L))).containsExactly(10L, 12L);
  }

  @Test
  void driverNameAndAnnotationParallelism() {
    assertThat(new Cubes().run(List.of(1, 2, 3))).containsExactly(1L, 8L, 27L);
  }

  @Test
  void staticNestedTypes() {
    assertThat(new Outer_InnerRenderDriver(new Outer.Inner()).run(List.of("a", "b")))
        .containsExactly("<a>", "<b>");
    Outer.Inner.Deeper deeper = item -> "[" + item + "]";
    assertThat(new Outer_Inner_DeeperRenderDriver(deeper).run(List.of("a"))).containsExactly("[a]");
  }

  @Test
  void interfaceAbstractDefaultAndStaticMethods() {
    Shapes.Shape square = new Shapes.Square(2);
    assertThat(new Shapes_ShapeAreaDriver(square).run(List.of(1.0, 3.0)))
        .containsExactly(4.0, 36.0);
    assertThat(new Shapes_ShapeDescribeDriver(square).run(List.of("sq")))
        .containsExactly("sq of area 4.0");
    assertThat(new Shapes_ShapeKindDriver().runRange(3, 5)).containsExactly("3-gon", "square");
  }

  @Test
  void enumAndRecordMethods() {
    assertThat(new Shapes_UnitToMetersDriver(Shapes.Unit.KILOMETER).run(List.of(1L, 2L)))
        .containsExactly(1000L, 2000L);
    assertThat(new Shapes_SquareGrowDriver(new Shapes.Square(1)).run(List.of(1.0, 2.0)))
        .containsExactly(new Shapes.Square(2), new Shapes.Square(3));
  }

  @Test
  void sharedArgumentsNamedLikeTheDriversOwnNames() {
    assertThat(new ClashNamesDriver(new Clash()).run(List.of("a", "b"), "I", "T", "O", 7L))
        .containsExactly("a,I,0,T,O,7", "b,I,1,T,O,7");
  }

  @Test
  @SuppressWarnings("deprecation")
  void deprecatedMethod() {
    assertThat(new ClashOldDriver(new Clash()).run(List.of("a"))).containsExactly("old a");
  }

  @Test
  void nullTargetIsRejectedByName() {
    assertThatThrownBy(() -> new TextsUpperDriver(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("target");
  }

  @Test
  void nullItemsArePassedLikeAForLoopWould() {
    List<String> items = java.util.Arrays.asList("a", null, "c");
    assertThat(new Outer_Inner_DeeperRenderDriver(item -> String.valueOf(item)).run(items))
        .containsExactly("a", "null", "c");
  }
}
