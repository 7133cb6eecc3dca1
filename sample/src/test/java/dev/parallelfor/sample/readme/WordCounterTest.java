package dev.parallelfor.sample.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordCounterTest {
  @Test
  void theReadmeExampleCountsWordsInInputOrder() {
    List<String> documents = List.of("one two  three\nfour", "   ", "five");

    assertThat(WordCounterExample.countAll(documents)).containsExactly(4L, 0L, 1L);
  }

  @Test
  void theReadmeRangeExampleSquaresEveryValue() {
    List<Long> squares = SquaresExample.squares();

    assertThat(squares).hasSize(1_000_000);
    assertThat(squares.get(0)).isZero();
    assertThat(squares.get(999_999)).isEqualTo(999_999L * 999_999L);
  }
}
