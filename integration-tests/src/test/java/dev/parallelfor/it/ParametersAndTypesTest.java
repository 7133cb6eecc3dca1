package dev.parallelfor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelfor.runtime.Results;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * @Index, void, primitive, array and generic shapes, and runRange, run on the engine.
 */
class ParametersAndTypesTest {

  @Test
  void indexIntAndLongInAnyPositionGetTheItemsPosition() {
    Positions positions = new Positions();
    List<String> items = List.of("a", "b", "c");
    assertThat(new PositionsFirstDriver(positions).run(items)).containsExactly("0:a", "1:b", "2:c");
    assertThat(new PositionsMiddleDriver(positions).run(items, "@"))
        .containsExactly("a@0", "b@1", "c@2");
    assertThat(new PositionsLastDriver(positions).run(items, "#"))
        .containsExactly("a#0", "b#1", "c#2");
  }

  @Test
  void indexInRunRangeIsThePositionAndTheItemIsTheValue() {
    assertThat(new PositionsValueAtDriver(new Positions()).runRange(10, 13))
        .containsExactly("0=10", "1=11", "2=12");
  }

  @Test
  void runRangeOverIntAndLongItems() {
    assertThat(new ArithmeticSquareDriver().runRange(0, 5)).containsExactly(0L, 1L, 4L, 9L, 16L);
    long start = 3_000_000_000L;
    assertThat(new ArithmeticTwiceDriver().runRange(start, start + 3))
        .containsExactly(6_000_000_000L, 6_000_000_002L, 6_000_000_004L);
    assertThat(new ArithmeticDescribeIntegerDriver().runRange(-1, 1))
        .containsExactly("int -1", "int 0");
    assertThat(new ArithmeticDescribeLongDriver().runRange(start, start + 1))
        .containsExactly("long 3000000000");
    assertThat(new ArithmeticSquareDriver().runRange(7, 7)).isEmpty();
  }

  @Test
  void runRangeRejectsFromAfterTo() {
    assertThatThrownBy(() -> new ArithmeticSquareDriver().runRange(5, 4))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void voidMethodCallsEveryItemOnceWithItsPosition() {
    Recorder recorder = new Recorder();
    List<String> items = LongStream.range(0, 300).mapToObj(i -> "item" + i).toList();
    new RecorderRecordDriver(recorder).run(items);
    assertThat(recorder.seen()).hasSize(300);
    for (int i = 0; i < 300; i++) {
      assertThat(recorder.seen()).containsEntry((long) i, "item" + i);
    }
  }

  @Test
  void voidMethodAsyncRunAllStreamAndRange() {
    Recorder recorder = new Recorder();
    RecorderRecordValueDriver driver = new RecorderRecordValueDriver(recorder);
    CompletableFuture<Void> future = driver.runAsync(List.of(1L, 2L));
    assertThat(future.join()).isNull();
    Results<Void> results = driver.runAll(List.of(3L));
    assertThat(results.size()).isEqualTo(1);
    assertThat(results.succeeded()).isEqualTo(1);
    assertThat(results.value(0)).isNull();
    driver.runRange(10L, 12L);
    assertThat(recorder.seen().keySet()).containsExactlyInAnyOrder(1L, 2L, 3L, 10L, 11L);
  }

  @Test
  void primitiveItemsAndResultsAreBoxed() {
    Primitives primitives = new Primitives();
    assertThat(new PrimitivesHalfDriver(primitives).run(List.of(1, 4))).containsExactly(0.5, 2.0);
    assertThat(new PrimitivesHalfDriver(primitives).runRange(0, 2)).containsExactly(0.0, 0.5);
    assertThat(new PrimitivesIsUpperDriver(primitives).run(List.of('a', 'B')))
        .containsExactly(false, true);
    assertThat(new PrimitivesFlipDriver().run(List.of((byte) 1, (byte) 2), (byte) 3))
        .containsExactly((byte) 2, (byte) 1);
  }

  @Test
  void arrayItemsAndResults() {
    Primitives primitives = new Primitives();
    assertThat(new PrimitivesSumDriver(primitives).run(List.of(new int[] {1, 2}, new int[] {})))
        .containsExactly(3, 0);
    List<char[]> letters = new PrimitivesLettersDriver(primitives).run(List.of("ab", "c"));
    assertThat(letters.get(0)).containsExactly('a', 'b');
    assertThat(letters.get(1)).containsExactly('c');
  }

  @Test
  void genericTypeAndMethodVariables() {
    GenericsMapAboveFloorDriver<Integer, String> driver =
        new GenericsMapAboveFloorDriver<>(new Generics<>(10));
    assertThat(driver.run(List.of(5, 10, 20), i -> "big " + i, "small"))
        .containsExactly("small", "big 10", "big 20");
  }

  @Test
  void staticGenericMethodWithBoundedVariable() {
    List<String> max =
        new GenericsMaxDriver<String>().run(List.of(List.of("a", "c", "b"), List.of("z")));
    assertThat(max).containsExactly("c", "z");
  }

  @Test
  void wildcardAndNestedGenericTypes() {
    Generics<String> generics = new Generics<>("");
    List<List<? extends Number>> lengths =
        new GenericsLengthsDriver<>(generics).run(List.of(List.<Object>of("ab", "c")));
    assertThat(lengths).containsExactly(List.of(2, 1));
    List<Map<Character, List<String>>> groups =
        new GenericsByInitialDriver().run(List.of(List.of("apple", "avocado", "banana")));
    assertThat(groups)
        .containsExactly(Map.of('a', List.of("apple", "avocado"), 'b', List.of("banana")));
  }

  @Test
  void genericVarargsSharedArgument() {
    assertThat(
            new GenericsCountInDriver()
                .run(List.of("a", "b"), List.of("a", "a"), List.of("b", "a")))
        .containsExactly(3, 1);
    assertThat(new GenericsCountInDriver().run(List.of("a"))).containsExactly(0);
  }
}
