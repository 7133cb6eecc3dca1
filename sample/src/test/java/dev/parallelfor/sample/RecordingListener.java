package dev.parallelfor.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelfor.runtime.Progress;
import dev.parallelfor.runtime.ProgressListener;
import java.util.ArrayList;
import java.util.List;

/** Keeps every progress call of one run, to check what a progress bar would have been shown. */
final class RecordingListener implements ProgressListener {
  private final List<Long> starts = new ArrayList<>();
  private final List<Progress> updates = new ArrayList<>();
  private final List<Progress> finishes = new ArrayList<>();

  @Override
  public synchronized void onStart(long total) {
    starts.add(total);
  }

  @Override
  public synchronized void onProgress(Progress progress) {
    updates.add(progress);
  }

  @Override
  public synchronized void onFinish(Progress progress) {
    finishes.add(progress);
  }

  /** Checks one complete run of {@code total} items, {@code failed} of which failed. */
  synchronized void assertCompleteRun(long total, long failed) {
    assertThat(starts).containsExactly(total);
    assertThat(finishes).hasSize(1);
    Progress last = finishes.get(0);
    assertThat(last.completed()).isEqualTo(total);
    assertThat(last.total()).isEqualTo(total);
    assertThat(last.failed()).isEqualTo(failed);
    long previous = 0;
    for (Progress update : updates) {
      assertThat(update.completed()).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(total);
      previous = update.completed();
    }
  }
}
