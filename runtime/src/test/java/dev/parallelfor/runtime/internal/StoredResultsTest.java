package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoredResultsTest {
  private static final byte[] A = {1};
  private static final byte[] B = {2};

  @Test
  void aRecordFarPastTheOthersOfAnInputOfUnknownSizeIsKeptWithoutHugeArrays() {
    StoredResults stored = new StoredResults(-1);
    long far = Integer.MAX_VALUE - 100L; // arrays this long would need 24 GB

    stored.record(0, 7, A);
    stored.record(far, 9, B);

    assertThat(stored.records()).isEqualTo(2);
    assertThat(stored.take(far, 8)).as("another item's fingerprint").isNull();
    assertThat(stored.take(far, 9)).isEqualTo(B);
    assertThat(stored.take(far, 9)).as("taken once").isNull();
    assertThat(stored.take(0, 7)).isEqualTo(A);
  }

  @Test
  void aLaterRecordReplacesAnEarlierOneWhereverTheEarlierIsKept() {
    StoredResults stored = new StoredResults(-1);
    long position = 200_000; // far at first, in the arrays once the records before it came
    stored.record(position, 1, A);
    for (long i = 0; i < 100_000; i++) {
      stored.record(i, i, A);
    }

    stored.record(position, 2, B);

    assertThat(stored.records()).isEqualTo(100_001);
    assertThat(stored.take(position, 1)).as("the replaced record").isNull();
    assertThat(stored.take(position, 2)).isEqualTo(B);
  }

  @Test
  void recordsPastAKnownInputsEndAreLeftOut() {
    StoredResults stored = new StoredResults(10);

    stored.record(10, 1, A);
    stored.record(-1, 1, A);

    assertThat(stored.records()).isZero();
    assertThat(stored.take(10, 1)).isNull();
  }
}
