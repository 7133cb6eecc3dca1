package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The earlier attempts' failures an item keeps: the first and last three, the rest counted. */
class EarlierFailuresTest {
  private static String[] attachedAfter(int failures) {
    EarlierFailures earlier = new EarlierFailures();
    for (int i = 1; i <= failures; i++) {
      earlier.add(new IllegalStateException(Integer.toString(i)));
    }
    Exception last = new IllegalStateException("last");
    earlier.attachTo(last);
    return Arrays.stream(last.getSuppressed()).map(Throwable::getMessage).toArray(String[]::new);
  }

  @Test
  void upToSixAreAllKeptOldestFirst() {
    assertThat(attachedAfter(0)).isEmpty();
    assertThat(attachedAfter(2)).containsExactly("1", "2");
    assertThat(attachedAfter(4)).containsExactly("1", "2", "3", "4");
    assertThat(attachedAfter(6)).containsExactly("1", "2", "3", "4", "5", "6");
  }

  @Test
  void beyondSixTheFirstAndLastThreeAreKeptAndTheRestCounted() {
    assertThat(attachedAfter(7)).containsExactly("1", "2", "3", "5", "6", "7");
    assertThat(attachedAfter(8)).containsExactly("1", "2", "3", "6", "7", "8");
    assertThat(attachedAfter(100_000)).containsExactly("1", "2", "3", "99998", "99999", "100000");

    EarlierFailures earlier = new EarlierFailures();
    for (int i = 0; i < 6; i++) {
      earlier.add(new IllegalStateException());
    }
    assertThat(earlier.dropped()).isZero();
    earlier.add(new IllegalStateException());
    assertThat(earlier.dropped()).isEqualTo(1);
  }

  @Test
  void theSameInstanceThrownEveryTimeIsNotAttachedToItself() {
    EarlierFailures earlier = new EarlierFailures();
    IllegalStateException same = new IllegalStateException("same");
    earlier.add(same);
    earlier.add(same);

    earlier.attachTo(same);

    assertThat(same.getSuppressed()).isEmpty();
  }
}
