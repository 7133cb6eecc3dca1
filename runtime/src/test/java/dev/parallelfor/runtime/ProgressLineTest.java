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
}
