package dev.parallelfor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelfor.runtime.Completed;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every execution form of a generated driver, over items and over ranges, in completion order. */
class EveryFormTest {
  private static final List<Long> SQUARES_3_TO_9 =
      LongStream.range(3, 9).map(n -> n * n).boxed().toList();

  @Test
  void everyRangeFormOfAnIntDriver() {
    ArithmeticSquareDriver driver = new ArithmeticSquareDriver();
    assertThat(driver.runRange(3, 9)).isEqualTo(SQUARES_3_TO_9);
    assertThat(driver.runAllRange(3, 9).values()).isEqualTo(SQUARES_3_TO_9);
    assertThat(driver.runAsyncRange(3, 9).join()).isEqualTo(SQUARES_3_TO_9);
    try (Stream<Long> results = driver.streamRange(3, 9)) {
      assertThat(results.toList()).isEqualTo(SQUARES_3_TO_9);
    }
    try (Stream<Completed<Long>> results = driver.asCompletedRange(3, 9)) {
      assertThat(results.sorted(Comparator.comparingLong(Completed::index)).toList())
          .extracting(Completed::value)
          .isEqualTo(SQUARES_3_TO_9);
    }
  }

  @Test
  void longAndBoxedItemDriversTakeRangesOfTheirOwnBoundType() {
    long big = Integer.MAX_VALUE + 5L;
    assertThat(new ArithmeticTwiceDriver().runRange(big, big + 2))
        .containsExactly(2 * big, 2 * big + 2);
    assertThat(new ArithmeticDescribeIntegerDriver().runAllRange(-1, 1).values())
        .containsExactly("int -1", "int 0");
    try (Stream<String> results = new ArithmeticDescribeLongDriver().streamRange(big, big + 1)) {
      assertThat(results).containsExactly("long " + big);
    }
  }

  @Test
  void asCompletedOfItemsGivesEveryResultOnceWithItsIndex() {
    List<String> words = List.of("a", "b", "c", "d", "e");
    try (Stream<Completed<String>> results =
        new TextsUpperDriver(new Texts("!")).parallelism(2).asCompleted(words.stream())) {
      assertThat(results.toList())
          .containsExactlyInAnyOrder(
              new Completed<>(0, "A!"),
              new Completed<>(1, "B!"),
              new Completed<>(2, "C!"),
              new Completed<>(3, "D!"),
              new Completed<>(4, "E!"));
    }
  }

  @Test
  void voidDriversRunEveryRangeFormKeepingNoResults() {
    Recorder recorder = new Recorder();
    RecorderRecordValueDriver driver = new RecorderRecordValueDriver(recorder);
    driver.runRange(0, 3);
    driver.runAsyncRange(3, 6).join();
    assertThat(driver.runAllRange(6, 8).succeeded()).isEqualTo(2);
    try (Stream<Void> results = driver.streamRange(8, 10)) {
      assertThat(results.count()).isEqualTo(2);
    }
    try (Stream<Completed<Void>> results = driver.asCompletedRange(10, 12)) {
      assertThat(results.map(Completed::index)).containsExactlyInAnyOrder(0L, 1L);
    }
    assertThat(recorder.seen()).hasSize(12).containsEntry(11L, "value 11");
  }

  @Test
  void parametersNamedLikeTheDriversOwnNamesReachTheMethod() {
    ClashAddDriver driver = new ClashAddDriver();
    assertThat(driver.run(List.of(10, 20), 1, 2, 3, 4, 5, 6, 7))
        .containsExactly("10@0:28", "20@1:28");
    assertThat(driver.runRange(5, 7, 1, 1, 1, 1, 1, 1, 1)).containsExactly("5@0:7", "6@1:7");
  }

  @Test
  void aRangeFormRefusesBoundsOutOfOrderBeforeAnyItemStarts() {
    assertThatThrownBy(() -> new ArithmeticSquareDriver().asCompletedRange(5, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from=5, to=4");
  }
}
