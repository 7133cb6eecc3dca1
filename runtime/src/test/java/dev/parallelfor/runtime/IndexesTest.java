package dev.parallelfor.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertThrows(ParallelForException.class, () -> loop.parallelism(1).runRange(0L, 5L));
    assertEquals(2, failure.index());
    assertTrue(failure.getCause() instanceof IndexOutOfBoundsException);
  }
}
