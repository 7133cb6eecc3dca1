package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The backoff's spread: between half of the policy's delay and all of it. */
class AttemptsTest {
  /** Draws {@code value} whatever the bound; records the bound it was asked for. */
  private static final class Fixed implements RandomGenerator {
    private final long value;
    long bound = -1;

    Fixed(long value) {
      this.value = value;
    }

    @Override
    public long nextLong() {
      throw new AssertionError("only bounded draws are expected");
    }

    @Override
    public long nextLong(long bound) {
      this.bound = bound;
      return value;
    }
  }

  @Test
  void theDrawRangesFromNothingOffToHalfOff() {
    Fixed none = new Fixed(0);
    Fixed most = new Fixed(50);

    assertThat(Attempts.jittered(100, none)).isEqualTo(100);
    assertThat(none.bound).isEqualTo(51);
    assertThat(Attempts.jittered(100, most)).isEqualTo(50);
    assertThat(Attempts.jittered(101, new Fixed(50))).isEqualTo(51);
  }

  @Test
  void delaysTooShortToHalveAreWaitedWhole() {
    Fixed unused = new Fixed(7);

    assertThat(Attempts.jittered(0, unused)).isZero();
    assertThat(Attempts.jittered(1, unused)).isEqualTo(1);
    assertThat(unused.bound).isEqualTo(-1);
  }

  @Test
  void realDrawsCoverTheWholeRangeAndNeverLeaveIt() {
    SplittableRandom random = new SplittableRandom(42);
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < 10_000; i++) {
      long wait = Attempts.jittered(1_000, random);
      min = Math.min(min, wait);
      max = Math.max(max, wait);
    }

    assertThat(min).isBetween(500L, 510L);
    assertThat(max).isBetween(990L, 1_000L);
    assertThat(Attempts.jittered(Long.MAX_VALUE, random))
        .isBetween(Long.MAX_VALUE / 2, Long.MAX_VALUE);
  }
}
