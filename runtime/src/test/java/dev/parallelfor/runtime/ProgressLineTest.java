package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private static final int WIDTH = 57;

  private static Progress progress(long completed, long failed, long total, long millis) {
    return new Progress(completed, failed, total, Duration.ofMillis(millis));
  }

  @Test
  void partialCellUsesEighthBlocks() {
    assertThat(ProgressLine.bar("render", progress(420, 0, 1000, 4272), WIDTH, true))
        .isEqualTo("render  42%|████▏     |  420/1000 [00:04<00:06, 98.3 it/s]");
  }

  @Test
  void zeroPercentShowsAnEmptyBarAndUnknownRate() {
    assertThat(ProgressLine.bar("render", progress(0, 0, 1000, 0), WIDTH, true))
        .isEqualTo("render   0%|          |    0/1000 [00:00<?, ? it/s]");
  }

  @Test
  void hundredPercentFillsTheBar() {
    assertThat(ProgressLine.bar("render", progress(1000, 0, 1000, 10_000), WIDTH, true))
        .isEqualTo("render 100%|██████████| 1000/1000 [00:10<00:00, 100 it/s]");
  }

  @Test
  void percentIsRoundedDownSoHundredMeansDone() {
    assertThat(ProgressLine.plain("", progress(999, 0, 1000, 10_000)))
        .isEqualTo(" 99% 999/1000 [00:10<00:00, 99.9 it/s]");
  }

  @Test
  void barTakesTheRoomTheLineLeavesWithinLimits() {
    Progress p = progress(420, 0, 1000, 4272);
    assertThat(ProgressLine.bar("render", p, 200, true))
        .isEqualTo(
            "render  42%|████████████████▊                       |  420/1000 [00:04<00:06, 98.3 it/s]");
    assertThat(ProgressLine.bar("render", p, 20, true))
        .isEqualTo("render  42%|████▏     |  420/1000 [00:04<00:06, 98.3 it/s]");
    assertThat(ProgressLine.bar("", p, WIDTH, true))
        .isEqualTo(" 42%|██████▎        |  420/1000 [00:04<00:06, 98.3 it/s]");
  }

  @Test
  void barKeepsItsRightEdgeAsCountsAndRatesGrow() {
    int cells = ProgressLine.cellsFor("render", 100_000, 80);
    int edge = -1;
    for (long done : new long[] {0, 7, 99, 4_321, 99_999, 100_000}) {
      for (long millis : new long[] {1, 999, 59_000, 3_599_000}) {
        String line =
            ProgressLine.barOfCells("render", progress(done, 0, 100_000, millis), cells, true);
        int right = line.indexOf('|', line.indexOf('|') + 1);
        if (edge < 0) {
          edge = right;
        }
        assertThat(right).as(line).isEqualTo(edge);
        assertThat(line.indexOf('/')).as(line).isEqualTo(edge + 8);
      }
    }
    // Times and rates on their usual scale fit the width they were sized for.
    assertThat(ProgressLine.barOfCells("render", progress(99_999, 0, 100_000, 59_000), cells, true))
        .hasSizeLessThanOrEqualTo(80);
  }

  @Test
  void halfCellAtZeroElapsed() {
    assertThat(ProgressLine.bar("render", progress(5, 0, 10, 0), WIDTH, true))
        .isEqualTo("render  50%|██████      |  5/10 [00:00<00:00, ? it/s]");
  }

  @Test
  void unknownTotalShowsCountAndRate() {
    assertThat(ProgressLine.bar("render", progress(420, 0, -1, 4272), WIDTH, true))
        .isEqualTo("render 420 [00:04, 98.3 it/s]");
    assertThat(ProgressLine.plain("render", progress(420, 0, -1, 4272)))
        .isEqualTo("render 420 [00:04, 98.3 it/s]");
    assertThat(ProgressLine.plain("", progress(0, 0, -1, 0))).isEqualTo("0 [00:00, ? it/s]");
  }

  @Test
  void longRunsShowHoursAndSecondsPerItem() {
    assertThat(ProgressLine.bar("crawl", progress(500, 0, 1000, 3_723_000), WIDTH, true))
        .isEqualTo("crawl  50%|█████     |  500/1000 [1:02:03<1:02:03, 7.45 s/it]");
  }

  @Test
  void failedItemsAreCounted() {
    assertThat(ProgressLine.plain("render", progress(420, 3, 1000, 4272)))
        .isEqualTo("render  42% 420/1000 [00:04<00:06, 98.3 it/s, 3 failed]");
    assertThat(ProgressLine.bar("render", progress(420, 3, -1, 4272), WIDTH, true))
        .isEqualTo("render 420 [00:04, 98.3 it/s, 3 failed]");
  }

  @Test
  void emptyInputIsComplete() {
    assertThat(ProgressLine.plain("render", progress(0, 0, 0, 0)))
        .isEqualTo("render 100% 0/0 [00:00<?, ? it/s]");
  }

  @Test
  void asciiCellsUseHashesAndTenths() {
    assertThat(ProgressLine.cells(0.42, 10, false)).isEqualTo("####2     ");
    assertThat(ProgressLine.cells(0.4, 10, false)).isEqualTo("####      ");
    assertThat(ProgressLine.cells(1, 10, false)).isEqualTo("##########");
  }

  @Test
  void cellsHaveTheirLengthWhateverTheFraction() {
    for (int i = 0; i <= 1000; i++) {
      assertThat(ProgressLine.cells(i / 1000.0, 13, true)).hasSize(13);
    }
    assertThat(ProgressLine.cells(0, 4, true)).isEqualTo("    ");
    assertThat(ProgressLine.cells(0.125 / 4, 4, true)).isEqualTo("▏   ");
    assertThat(ProgressLine.cells(0.875 / 4, 4, true)).isEqualTo("▉   ");
  }

  @Test
  void timesAreMinutesSecondsOrHours() {
    assertThat(ProgressLine.time(Duration.ZERO)).isEqualTo("00:00");
    assertThat(ProgressLine.time(Duration.ofMillis(59_999))).isEqualTo("00:59");
    assertThat(ProgressLine.time(Duration.ofSeconds(754))).isEqualTo("12:34");
    assertThat(ProgressLine.time(Duration.ofSeconds(3_723))).isEqualTo("1:02:03");
    assertThat(ProgressLine.time(Duration.ofHours(30))).isEqualTo("30:00:00");
  }

  @Test
  void ninetyNinePointNinePercentLeavesTheLastCellPartial() {
    Progress p = progress(999, 0, 1000, 10_000);
    assertThat(ProgressLine.bar("render", p, WIDTH, true))
        .isEqualTo("render  99%|█████████▉|  999/1000 [00:10<00:00, 99.9 it/s]");
    assertThat(ProgressLine.barOfCells("render", p, 10, false))
        .isEqualTo("render  99%|#########9|  999/1000 [00:10<00:00, 99.9 it/s]");
  }

  @Test
  void smallSharesRoundDownToWholePercents() {
    assertThat(ProgressLine.plain("", progress(9, 0, 1000, 1_000)))
        .isEqualTo("  0% 9/1000 [00:01<01:50, 9.00 it/s]");
    assertThat(ProgressLine.plain("", progress(10, 0, 1000, 1_000)))
        .isEqualTo("  1% 10/1000 [00:01<01:39, 10.0 it/s]");
    assertThat(ProgressLine.plain("", progress(1, 0, 3, 1_000)))
        .isEqualTo(" 33% 1/3 [00:01<00:02, 1.00 it/s]");
  }

  @Test
  void emptyInputDrawsAFullBar() {
    assertThat(ProgressLine.bar("render", progress(0, 0, 0, 0), WIDTH, true))
        .isEqualTo("render 100%|██████████████| 0/0 [00:00<?, ? it/s]");
  }

  @Test
  void moreItemsThanTheTotalShowAFullBarAndNothingLeft() {
    assertThat(ProgressLine.plain("", progress(12, 0, 10, 1_000)))
        .isEqualTo("100% 12/10 [00:01<00:00, 12.0 it/s]");
    assertThat(ProgressLine.barOfCells("", progress(120, 0, 10, 1_000), 10, false))
        .isEqualTo("100%|##########| 120/10 [00:01<00:00, 120 it/s]");
  }

  @Test
  void failedItemsAreCountedInTheBarWithAKnownTotal() {
    assertThat(ProgressLine.barOfCells("", new Progress(3, 3, 4, Duration.ofSeconds(3)), 10, false))
        .isEqualTo(" 75%|#######5  | 3/4 [00:03<00:01, 1.00 it/s, 3 failed]");
    assertThat(ProgressLine.plain("", new Progress(4, 1, 4, Duration.ofSeconds(2))))
        .isEqualTo("100% 4/4 [00:02<00:00, 2.00 it/s, 1 failed]");
  }

  @Test
  void cellsForLeavesRoomForTheLabelTheCountsAndTheTimes() {
    // "render " 7, "100%|" 5, "| " 2, "1000/1000" 9, " [00:00<00:00, " 15, rate 10, "]" 1: 49.
    assertThat(ProgressLine.cellsFor("render", 1000, 60)).isEqualTo(11);
    assertThat(ProgressLine.cellsFor("render", 1000, 59)).isEqualTo(ProgressLine.MIN_CELLS);
    assertThat(ProgressLine.cellsFor("render", 1000, 58)).isEqualTo(ProgressLine.MIN_CELLS);
    assertThat(ProgressLine.cellsFor("render", 1000, 0)).isEqualTo(ProgressLine.MIN_CELLS);
    assertThat(ProgressLine.cellsFor("render", 1000, 88)).isEqualTo(39);
    assertThat(ProgressLine.cellsFor("render", 1000, 89)).isEqualTo(ProgressLine.MAX_CELLS);
    assertThat(ProgressLine.cellsFor("render", 1000, 90)).isEqualTo(ProgressLine.MAX_CELLS);
  }

  @Test
  void cellsForCountsTheLabelItsSpaceAndTheTotalsDigits() {
    assertThat(ProgressLine.cellsFor("", 1000, 60)).isEqualTo(18);
    assertThat(ProgressLine.cellsFor("ab", 1000, 60)).isEqualTo(15);
    assertThat(ProgressLine.cellsFor("", 9, 60)).isEqualTo(24);
    assertThat(ProgressLine.cellsFor("", 10, 60)).isEqualTo(22);
    // An unknown total is sized like a one-digit one (no bar is drawn for it anyway).
    assertThat(ProgressLine.cellsFor("", -1, 60)).isEqualTo(24);
    assertThat(ProgressLine.cellsFor("", 0, 60)).isEqualTo(24);
  }

  @Test
  void eachEighthOfACellHasItsBlock() {
    String eighths = " ▏▎▍▌▋▊▉";
    for (int k = 0; k < 8; k++) {
      assertThat(ProgressLine.cells(k / 8.0, 1, true))
          .as("%d/8", k)
          .isEqualTo(eighths.substring(k, k + 1));
    }
    assertThat(ProgressLine.cells(1, 1, true)).isEqualTo("█");
    assertThat(ProgressLine.cells(0.9999, 1, true)).isEqualTo("▉");
  }

  @Test
  void asciiPartialCellShowsTheTenthRoundedDown() {
    assertThat(ProgressLine.cells(0.05, 1, false)).isEqualTo(" ");
    assertThat(ProgressLine.cells(0.15, 1, false)).isEqualTo("1");
    assertThat(ProgressLine.cells(0.55, 1, false)).isEqualTo("5");
    assertThat(ProgressLine.cells(0.95, 1, false)).isEqualTo("9");
    assertThat(ProgressLine.cells(0.999, 2, false)).isEqualTo("#9");
  }

  @Test
  void cellsClampTheFractionToTheBar() {
    assertThat(ProgressLine.cells(1.5, 4, true)).isEqualTo("████");
    assertThat(ProgressLine.cells(-0.5, 4, false)).isEqualTo("    ");
  }

  @Test
  void hoursStartAtTheHourAndNegativeTimesShowZero() {
    assertThat(ProgressLine.time(Duration.ofSeconds(3_599))).isEqualTo("59:59");
    assertThat(ProgressLine.time(Duration.ofSeconds(3_600))).isEqualTo("1:00:00");
    assertThat(ProgressLine.time(Duration.ofSeconds(60))).isEqualTo("01:00");
    assertThat(ProgressLine.time(Duration.ofSeconds(-5))).isEqualTo("00:00");
  }

  @Test
  void timeLeftIsRoundedToTheNearestSecondWhileElapsedIsRoundedDown() {
    // One of two items in 5.5 s: 5.5 s left, shown as 6; 5.5 s elapsed, shown as 5.
    assertThat(ProgressLine.plain("", progress(1, 0, 2, 5_500)))
        .isEqualTo(" 50% 1/2 [00:05<00:06, 5.50 s/it]");
    assertThat(ProgressLine.plain("", progress(1, 0, 2, 5_400)))
        .isEqualTo(" 50% 1/2 [00:05<00:05, 5.40 s/it]");
  }

  @Test
  void rateHasThreeSignificantDigitsAcrossItsScales() {
    assertThat(rateOf(4, 5_000)).isEqualTo("1.25 s/it");
    assertThat(rateOf(1, 1_000)).isEqualTo("1.00 it/s");
    assertThat(rateOf(19, 2_000)).isEqualTo("9.50 it/s");
    assertThat(rateOf(10, 1_000)).isEqualTo("10.0 it/s");
    assertThat(rateOf(999, 10_000)).isEqualTo("99.9 it/s");
    assertThat(rateOf(100, 1_000)).isEqualTo("100 it/s");
    assertThat(rateOf(12_345, 1_000)).isEqualTo("12345 it/s");
    assertThat(rateOf(0, 1_000)).isEqualTo("? it/s");
    assertThat(rateOf(7, 0)).isEqualTo("? it/s");
  }

  /** The rate as an unknown-total line shows it: {@code "n [mm:ss, rate]"}. */
  private static String rateOf(long completed, long millis) {
    String line = ProgressLine.plain("", progress(completed, 0, -1, millis));
    return line.substring(line.indexOf(", ") + 2, line.length() - 1);
  }
}
