package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelfor.runtime.ProgressLine.Scale;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The line's text. Cases marked "tqdm" are ported from tqdm's own test suite, {@code
 * tests/tests_tqdm.py} ({@code test_format_interval}, {@code test_format_meter}, {@code
 * test_si_format}), with tqdm's {@code ncols} as the width and its {@code rate} as the given rate.
 */
class ProgressLineTest {
  private static final ProgressLine NO_LABEL = ProgressLine.of("");

  private static Progress progress(long completed, long failed, long total, long millis) {
    return new Progress(completed, failed, total, Duration.ofMillis(millis));
  }

  private static Progress seconds(long completed, long total, long seconds) {
    return progress(completed, 0, total, seconds * 1000);
  }

  @Test
  void tqdmFormatInterval() {
    assertThat(ProgressLine.interval(60)).isEqualTo("01:00");
    assertThat(ProgressLine.interval(6160)).isEqualTo("1:42:40");
    assertThat(ProgressLine.interval(238113)).isEqualTo("66:08:33");
    assertThat(ProgressLine.interval(-1)).isEqualTo("-00:01");
    assertThat(ProgressLine.interval(-60)).isEqualTo("-01:00");
    assertThat(ProgressLine.interval(-100000)).isEqualTo("-27:46:40");
    assertThat(ProgressLine.interval(0)).isEqualTo("00:00");
  }

  @Test
  void tqdmFormatMeterWithTheDefaultBarOfTenCells() {
    String expected = "  0%|          | 0/1000 [00:13<?, ?it/s]";
    assertThat(NO_LABEL.render(seconds(0, 1000, 13), expected.length())).isEqualTo(expected);
    expected = " 23%|██▎       | 231/1000 [06:32<21:44,  1.70s/it]";
    assertThat(NO_LABEL.render(seconds(231, 1000, 392), expected.length())).isEqualTo(expected);
  }

  @Test
  void tqdmFormatMeterFillsTheWidthWithTheBar() {
    assertThat(ProgressLine.of("desc: ").render(seconds(0, 1000, 13), 68))
        .isEqualTo("desc:   0%|                                | 0/1000 [00:13<?, ?it/s]");
    assertThat(ProgressLine.of("desc").render(seconds(0, 1000, 13), 68))
        .isEqualTo("desc:   0%|                                | 0/1000 [00:13<?, ?it/s]");
    assertThat(NO_LABEL.ascii(true).render(seconds(231, 1000, 392), 56))
        .isEqualTo(" 23%|###6            | 231/1000 [06:32<21:44,  1.70s/it]");
  }

  @Test
  void tqdmFormatMeterShowsNoTotalWhenTheCountPassesIt() {
    assertThat(NO_LABEL.render(seconds(10000, 1000, 13))).isEqualTo("10000it [00:13, 769.23it/s]");
    assertThat(NO_LABEL.render(seconds(5, -1, 1))).isEqualTo("5it [00:01,  5.00it/s]");
  }

  @Test
  void tqdmFormatMeterScalesCountsAndRates() {
    assertThat(NO_LABEL.unit("iB").scale(Scale.SI).render(seconds(100000, 1000, 13)))
        .isEqualTo("100kiB [00:13, 7.69kiB/s]");
  }

  @Test
  void tqdmFormatMeterWithoutABarAndWithAGivenRate() {
    // tqdm: format_meter(100, 1000, 12, ncols=0, rate=7.33)
    assertThat(NO_LABEL.render(seconds(100, 1000, 12), 7.33, 0, ""))
        .isEqualTo(" 10% 100/1000 [00:12<02:02,  7.33it/s]");
  }

  @Test
  void tqdmFormatMeterWithoutATotalFitsTenColumns() {
    // tqdm: len(format_meter(1, None, 12, ncols=10)) == 10 (tqdm cuts; this line drops parts)
    assertThat(NO_LABEL.render(seconds(1, -1, 12), 10)).isEqualTo("1it");
  }

  @Test
  void tqdmSiFormat() {
    ProgressLine si = NO_LABEL.scale(Scale.SI);
    assertThat(si.unit("B").render(seconds(1, 9, 1))).contains("9.00 ");
    long[] totals = {
      99,
      999,
      9994,
      9999,
      99499,
      99999,
      999999,
      999999999,
      999999999999L,
      999999999999999L,
      999999999999999999L
    };
    String[] shown = {
      "99.0 ", "999 ", "9.99k ", "10.0k ", "99.5k ", "100k ", "1.00M ", "1.00G ", "1.00T ",
      "1.00P ", "1.00E "
    };
    for (int i = 0; i < totals.length; i++) {
      assertThat(si.render(seconds(1, totals[i], 1))).contains(shown[i]);
    }
    // tqdm's larger cases (Z, Y) do not fit a long; the prefixes past E are checked directly.
    assertThat(ProgressLine.sizeOf(999999999999999999999.0, Scale.SI)).isEqualTo("1.00Z");
    assertThat(ProgressLine.sizeOf(999999999999999999999999.0, Scale.SI)).isEqualTo("1.0Y");
    assertThat(ProgressLine.sizeOf(9999999999999999999999999.0, Scale.SI)).isEqualTo("10.0Y");
  }

  @Test
  void binaryScaleDividesByKibibytes() {
    ProgressLine bytes = ProgressLine.of("copy").unit("B").scale(Scale.BINARY);
    assertThat(bytes.render(progress(1_300_000_000L, 0, 10_000_000_000L, 100_000)))
        .isEqualTo("copy:  13% 1.21Gi/9.31Gi [01:40<11:09, 12.4MiB/s]");
    assertThat(ProgressLine.sizeOf(1024, Scale.BINARY)).isEqualTo("1.00Ki");
    assertThat(ProgressLine.sizeOf(12.3e6, Scale.SI)).isEqualTo("12.3M");
    assertThat(
            ProgressLine.of("copy")
                .unit("B")
                .scale(Scale.SI)
                .render(seconds(1_230_000_000L, 10_000_000_000L, 100)))
        .isEqualTo("copy:  12% 1.23G/10.0G [01:40<11:53, 12.3MB/s]");
  }

  @Test
  void unitNamesTheItems() {
    assertThat(ProgressLine.of("scan").unit("files").render(seconds(200, -1, 4)))
        .isEqualTo("scan: 200files [00:04, 50.00files/s]");
    assertThat(ProgressLine.of("scan").unit("files").render(seconds(2, -1, 5)))
        .isEqualTo("scan: 2files [00:05,  2.50s/files]");
  }

  @Test
  void percentIsRoundedDownSoHundredMeansDone() {
    // tqdm's "{:3.0f}" would show 100% here; a bar that says 100% before the end misleads.
    assertThat(NO_LABEL.render(progress(999, 0, 1000, 10_000)))
        .isEqualTo(" 99% 999/1000 [00:10<00:00, 99.90it/s]");
    assertThat(NO_LABEL.render(progress(9, 0, 1000, 1_000)))
        .isEqualTo("  0% 9/1000 [00:01<01:50,  9.00it/s]");
  }

  @Test
  void remainingTimeIsRoundedDownAsTqdmDoes() {
    // One of two items in 5.9 s: 5.9 s left, shown as 5, like the 5.9 s elapsed.
    assertThat(NO_LABEL.render(progress(1, 0, 2, 5_900)))
        .isEqualTo(" 50% 1/2 [00:05<00:05,  5.90s/it]");
  }

  @Test
  void anEmptyInputShowsItsCountLikeAnUnknownTotal() {
    assertThat(ProgressLine.of("t").render(progress(0, 0, 0, 0), 40, Ending.done()))
        .isEqualTo("t: 0it [00:00, ?it/s] done");
  }

  @Test
  void failedItemsAreCountedInTheBrackets() {
    assertThat(ProgressLine.of("get").render(progress(2, 1, 4, 1_000)))
        .isEqualTo("get:  50% 2/4 [00:01<00:01,  2.00it/s, 1 failed]");
  }

  @Test
  void eachEighthOfACellHasItsBlock() {
    String eighths = " ▏▎▍▌▋▊▉";
    for (int k = 0; k < 8; k++) {
      assertThat(NO_LABEL.cells(k / 8.0, 1)).as("%d/8", k).isEqualTo(eighths.substring(k, k + 1));
    }
    assertThat(NO_LABEL.cells(1, 1)).isEqualTo("█");
    assertThat(NO_LABEL.ascii(true).cells(0.42, 10)).isEqualTo("####2     ");
    assertThat(NO_LABEL.ascii(true).cells(1, 10)).isEqualTo("##########");
    for (int i = 0; i <= 1000; i++) {
      assertThat(NO_LABEL.cells(i / 1000.0, 13)).hasSize(13);
    }
  }

  @Test
  void theLastLineOfTheReadmesExampleFitsEightyColumns() {
    // The example that ended at 85 characters: label "words", 1,000 items, done.
    String last =
        ProgressLine.of("words").render(progress(1000, 0, 1000, 10_400), 79, Ending.done());
    assertThat(last)
        .isEqualTo(
            "words: 100%|██████████████████████████| 1000/1000 [00:10<00:00, 96.15it/s] done")
        .hasSize(79);
  }

  /** Counts at their extremes: fast, slow, long, failing, sized or not. */
  private static final List<Progress> EXTREMES =
      List.of(
          progress(0, 0, 1000, 0),
          progress(420, 3, 1000, 4_272),
          progress(999_999, 0, 1_000_000, 500),
          progress(2_000_000, 0, 4_000_000, 1_000), // 2,000,000 it/s
          progress(4_000_000_000L, 12_345, -1, 2_000), // 2,000,000,000 it/s, failures
          progress(500, 250, 1000, 7_200_000), // two hours, 14.40s/it
          progress(123_456_789, 0, -1, 7_200_000),
          progress(1000, 1000, 1000, 360_000_000)); // a hundred hours, every item failed

  private static final List<Ending> ENDINGS =
      List.of(
          Ending.done(),
          new Ending(Ending.Kind.FAILED, 123_456_789, Optional.empty()),
          new Ending(Ending.Kind.TIMED_OUT, -1, Optional.empty()),
          new Ending(Ending.Kind.CANCELLED, -1, Optional.empty()));

  @Test
  void noLineIsWiderThanItsWidthFromTwentyColumnsUp() {
    for (ProgressLine line :
        List.of(
            ProgressLine.of("words"),
            ProgressLine.of(""),
            ProgressLine.of("a label longer than a narrow terminal").unit("files"),
            ProgressLine.of("copy").unit("B").scale(Scale.BINARY).ascii(true))) {
      for (int columns = 20; columns <= 200; columns++) {
        int width = columns - 1;
        for (Progress p : EXTREMES) {
          for (double rate : new double[] {0, p.ratePerSecond(), 2e9}) {
            assertThat(line.render(p, rate, width, "")).hasSizeLessThanOrEqualTo(width);
          }
          for (Ending ending : ENDINGS) {
            String last = line.render(p, width, ending);
            assertThat(last).as("%d columns", columns).hasSizeLessThanOrEqualTo(width);
            String word = ending.describe();
            assertThat(last)
                .as("%d columns", columns)
                .endsWith(word.length() <= width ? word : word.substring(0, word.indexOf(' ')));
          }
        }
      }
    }
  }

  @Test
  void theBarShrinksFirstThenTheRateThenTheTimesThenTheLabel() {
    ProgressLine words = ProgressLine.of("words");
    Progress p = progress(420, 3, 1000, 4_272);
    assertThat(words.render(p, 79))
        .isEqualTo(
            "words:  42%|█████████▏            | 420/1000 [00:04<00:05, 98.31it/s, 3 failed]");
    assertThat(words.render(p, 60))
        .isEqualTo("words:  42%|█▎ | 420/1000 [00:04<00:05, 98.31it/s, 3 failed]");
    assertThat(words.render(p, 59))
        .isEqualTo("words:  42% 420/1000 [00:04<00:05, 98.31it/s, 3 failed]");
    assertThat(words.render(p, 55))
        .isEqualTo("words:  42% 420/1000 [00:04<00:05, 98.31it/s, 3 failed]");
    assertThat(words.render(p, 54)).isEqualTo("words:  42% 420/1000 [00:04<00:05, 3 failed]");
    assertThat(words.render(p, 31)).isEqualTo("words:  42% 420/1000 [3 failed]");
    assertThat(words.render(p, 30)).isEqualTo(" 42% 420/1000 [3 failed]");
    assertThat(words.render(p, 23)).isEqualTo(" 42% [3 failed]");
    assertThat(words.render(p, 3)).isEqualTo("");
  }

  @Test
  void theWidthMustBePositive() {
    assertThatThrownBy(() -> NO_LABEL.render(progress(1, 0, 2, 1), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("width must be at least 1, was 0");
  }

  @Test
  void tqdmEma() {
    // tqdm: test_ema, EMA(0.01)
    RateEstimate.Average ema = new RateEstimate.Average(0.01);
    assertThat(ema.add(10)).isCloseTo(10, org.assertj.core.data.Offset.offset(0.005));
    assertThat(ema.add(1)).isCloseTo(5.48, org.assertj.core.data.Offset.offset(0.005));
    assertThat(ema.value()).isCloseTo(5.48, org.assertj.core.data.Offset.offset(0.005));
    assertThat(ema.add(1)).isCloseTo(3.97, org.assertj.core.data.Offset.offset(0.005));
    assertThat(ema.add(1)).isCloseTo(3.22, org.assertj.core.data.Offset.offset(0.005));
  }

  @Test
  void theSmoothedRateFollowsARunThatSlowsDown() {
    RateEstimate rate = new RateEstimate();
    assertThat(rate.update(progress(0, 0, 100, 0))).isZero();
    assertThat(rate.update(progress(10, 0, 100, 1_000))).isCloseTo(10, within());
    // Then one item a second for ten seconds: the average since the start is 20/11 = 1.8 it/s.
    double shown = 0;
    for (int s = 1; s <= 10; s++) {
      shown = rate.update(progress(10 + s, 0, 100, 1_000 + s * 1_000L));
    }
    assertThat(shown).isLessThan(1.3).isGreaterThan(1.0);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
