package dev.parallelfor.sample;

import dev.parallelfor.runtime.Checkpoint;
import dev.parallelfor.runtime.Ending;
import dev.parallelfor.runtime.Progress;
import dev.parallelfor.runtime.ProgressListener;
import dev.parallelfor.runtime.Results;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The sample's first job: the SHA-256 of every file, once with a plain {@code for} loop and once
 * with the generated driver, timed.
 */
public final class ChecksumJob {
  /**
   * Files checksummed by both loops before timing, so the JIT has compiled the hot code: with 500,
   * the driver's first full passes were still 2 to 4 times slower than later ones.
   */
  static final int WARM_UP_FILES = 2_000;

  /** How often each loop is timed; the best time is kept. */
  static final int TIMED_ROUNDS = 3;

  private ChecksumJob() {}

  /**
   * What the job found.
   *
   * @param files the files, in the order checksummed
   * @param forLoop the {@code for} loop's checksums by index, null where the file could not be read
   * @param forLoopTime the {@code for} loop's best time
   * @param driver the driver's outcome for each file
   * @param driverTime the driver's best time
   */
  public record Outcome(
      List<Path> files,
      List<String> forLoop,
      Duration forLoopTime,
      Results<String> driver,
      Duration driverTime) {
    /**
     * Whether both loops computed the same thing: equal checksums, and failures on the same files.
     *
     * @return true if they agree on every file
     */
    public boolean loopsAgree() {
      for (int i = 0; i < files.size(); i++) {
        boolean driverOk = driver.isSuccess(i);
        String loopValue = forLoop.get(i);
        if (driverOk != (loopValue != null)
            || (driverOk && !Objects.equals(driver.value(i), loopValue))) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Runs the job.
   *
   * @param files the files to checksum
   * @param parallelism items in flight for the driver, or 0 for the CPU mode's default
   * @param listener receives the driver's progress
   * @return both loops' results and times
   */
  public static Outcome run(List<Path> files, int parallelism, ProgressListener listener) {
    Checksums checksums = new Checksums();
    ChecksumsSha256Driver driver = new ChecksumsSha256Driver(checksums);
    if (parallelism > 0) {
      driver = driver.parallelism(parallelism);
    }

    List<Path> warmUp = files.subList(0, Math.min(files.size(), WARM_UP_FILES));
    forLoop(checksums, warmUp);
    driver.runAll(warmUp, Checksums::newDigest);

    // Each loop is timed TIMED_ROUNDS times, alternating, and keeps its best time: the first pass
    // over freshly
    // written or uncached files pays for the disk, whichever loop makes it. Only the first driver
    // run reports progress, so a progress bar shows one run.
    Results<String> results = null;
    List<String> loop = null;
    long driverNanos = Long.MAX_VALUE;
    long loopNanos = Long.MAX_VALUE;
    for (int round = 0; round < TIMED_ROUNDS; round++) {
      long start = System.nanoTime();
      // Each worker gets its own digest, made once per run rather than once per file.
      results =
          driver
              .onProgress(round == 0 ? listener : ProgressListener.none())
              .runAll(files, Checksums::newDigest);
      driverNanos = Math.min(driverNanos, System.nanoTime() - start);

      start = System.nanoTime();
      loop = forLoop(checksums, files);
      loopNanos = Math.min(loopNanos, System.nanoTime() - start);
    }
    Duration driverTime = Duration.ofNanos(driverNanos);
    Duration loopTime = Duration.ofNanos(loopNanos);

    return new Outcome(List.copyOf(files), loop, loopTime, results, driverTime);
  }

  /**
   * What a resumable run found.
   *
   * @param driver the driver's outcome for each file
   * @param restored how many files' checksums came from the journal instead of being computed
   * @param time how long the run took
   */
  public record Resumed(Results<String> driver, long restored, Duration time) {}

  /**
   * Runs the driver once, keeping each finished file's checksum in {@code journal}: a run that is
   * stopped (Ctrl-C, a kill) and started again with the same journal computes only the files the
   * journal lacks. Files are recognised by their path relative to {@code root}, so files generated
   * again into another temporary folder are the same files.
   *
   * @param files the files to checksum, under {@code root}
   * @param root the folder the files are under
   * @param journal the journal's file, made if missing
   * @param parallelism items in flight, or 0 for the CPU mode's default
   * @param listener receives the driver's progress
   * @return the driver's outcome
   */
  public static Resumed resume(
      List<Path> files, Path root, Path journal, int parallelism, ProgressListener listener) {
    ChecksumsSha256Driver driver =
        new ChecksumsSha256Driver(new Checksums())
            .checkpoint(
                Checkpoint.file(journal).key((Path file) -> root.relativize(file).toString()));
    if (parallelism > 0) {
      driver = driver.parallelism(parallelism);
    }
    LastProgress last = new LastProgress(listener);
    long start = System.nanoTime();
    Results<String> results = driver.onProgress(last).runAll(files, Checksums::newDigest);
    return new Resumed(results, last.restored, Duration.ofNanos(System.nanoTime() - start));
  }

  /** Passes progress on, and keeps how many items the run restored. */
  private static final class LastProgress implements ProgressListener {
    private final ProgressListener next;
    private volatile long restored;

    LastProgress(ProgressListener next) {
      this.next = next;
    }

    @Override
    public void onStart(long total) {
      next.onStart(total);
    }

    @Override
    public void onProgress(Progress progress) {
      next.onProgress(progress);
    }

    @Override
    public void onFinish(Progress progress, Ending ending) {
      restored = progress.restored();
      next.onFinish(progress, ending);
    }
  }

  /** The loop the driver replaces. */
  private static List<String> forLoop(Checksums checksums, List<Path> files) {
    List<String> sums = new ArrayList<>(files.size());
    MessageDigest digest = Checksums.newDigest(); // one thread, one digest
    for (Path file : files) {
      try {
        sums.add(checksums.sha256(file, digest));
      } catch (IOException e) {
        sums.add(null);
      }
    }
    return Collections.unmodifiableList(sums);
  }
}
