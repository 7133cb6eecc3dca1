package dev.parallelfor.sample;

import dev.parallelfor.runtime.ProgressListener;
import dev.parallelfor.runtime.Results;
import java.io.IOException;
import java.nio.file.Path;
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
  /** Files checksummed by both loops before timing, so the JIT has compiled the hot code. */
  static final int WARM_UP_FILES = 500;

  private ChecksumJob() {}

  /**
   * What the job found.
   *
   * @param files the files, in the order checksummed
   * @param forLoop the {@code for} loop's checksums by index, null where the file could not be read
   * @param forLoopTime how long the {@code for} loop took
   * @param driver the driver's outcome for each file
   * @param driverTime how long the driver took
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
    driver.runAll(warmUp);

    // The driver goes first: on a folder whose files are not cached yet, it pays for the disk.
    long start = System.nanoTime();
    Results<String> results = driver.onProgress(listener).runAll(files);
    Duration driverTime = Duration.ofNanos(System.nanoTime() - start);

    start = System.nanoTime();
    List<String> loop = forLoop(checksums, files);
    Duration loopTime = Duration.ofNanos(System.nanoTime() - start);

    return new Outcome(List.copyOf(files), loop, loopTime, results, driverTime);
  }

  /** The loop the driver replaces. */
  private static List<String> forLoop(Checksums checksums, List<Path> files) {
    List<String> sums = new ArrayList<>(files.size());
    for (Path file : files) {
      try {
        sums.add(checksums.sha256(file));
      } catch (IOException e) {
        sums.add(null);
      }
    }
    return Collections.unmodifiableList(sums);
  }
}
