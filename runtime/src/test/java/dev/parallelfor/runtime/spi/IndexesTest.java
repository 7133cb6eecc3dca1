package dev.parallelfor.runtime.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parallelfor.runtime.Parallel;
import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.ParallelLoop;
import dev.parallelfor.runtime.Range;
import org.junit.jupiter.api.Test;

class IndexesTest {
  @Test
  void positionsUpToIntegerMaxValueConvertUnchanged() {
    assertEquals(0, Indexes.toInt(0));
    assertEquals(Integer.MAX_VALUE, Indexes.toInt(Integer.MAX_VALUE));
  }

  @Test
  void aPositionPastIntegerMaxValueFailsNamingThePositionAndTheFix() {
    IndexOutOfBoundsException e =
        assertThrows(IndexOutOfBoundsException.class, () -> Indexes.toInt(Integer.MAX_VALUE + 1L));
    assertTrue(e.getMessage().contains("item 2147483648"), e.getMessage());
    assertTrue(e.getMessage().contains("@Index long"), e.getMessage());
  }

  @Test
  void aFailedConversionFailsThatItemOfTheRun() {
    // What a driver of an @Index int method does past Integer.MAX_VALUE, shown on a short range by
    // shifting the index the function receives.
    ParallelLoop<Long, Integer> loop =
        Parallel.cpu((long index, Long item) -> Indexes.toInt(index + Integer.MAX_VALUE - 1L));
    ParallelForException failure =
        assertThrows(ParallelForException.class, () -> loop.parallelism(1).run(Range.of(0L, 5L)));
    assertEquals(2, failure.index());
    assertTrue(failure.getCause() instanceof IndexOutOfBoundsException);
  }

  @Test
  void anyPositionInRangeKeepsItsValue() {
    assertThat(Indexes.toInt(1)).isEqualTo(1);
    assertThat(Indexes.toInt(123_456_789L)).isEqualTo(123_456_789);
  }

  @Test
  void theMessageNamesTheItemAndTheDeclarationToUse() {
    assertThatThrownBy(() -> Indexes.toInt(Long.MAX_VALUE))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage(
            "item 9223372036854775807 is past Integer.MAX_VALUE, so an @Index int parameter"
                + " cannot hold its position; declare the parameter @Index long");
  }

  @Test
  void aNegativePositionIsRejectedToo() {
    assertThatThrownBy(() -> Indexes.toInt(-1))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageStartingWith("item -1 ");
    assertThatThrownBy(() -> Indexes.toInt(Long.MIN_VALUE))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageStartingWith("item -9223372036854775808 ");
  }
}
