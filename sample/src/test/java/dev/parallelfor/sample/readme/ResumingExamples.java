package dev.parallelfor.sample.readme;

// docs:resumeSync
import dev.parallelfor.runtime.Checkpoint;
// docs:end
// docs:resumeCodec
import dev.parallelfor.runtime.ResultCodec;
// docs:end
import dev.parallelfor.sample.Checksums;
import dev.parallelfor.sample.ChecksumsSha256Driver;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** docs/resuming.md's examples, run by {@code ResumingExamplesTest}. */
final class ResumingExamples {
  private ResumingExamples() {}

  /** An order of a shop, whose {@code toString} shows what may change between runs. */
  record Order(String id, String status) {}

  /** A rendered thumbnail. */
  record Thumb(String name, byte[] png) implements Serializable {}

  static List<String> resume(Checksums checksums, List<Path> files, Path dir) {
    Path journal = dir.resolve("sums.journal");
    // docs:resume
    List<String> sums =
        new ChecksumsSha256Driver(checksums)
            .checkpoint(journal) // made if missing, resumed from if there
            .run(files, Checksums::newDigest);
    // docs:end
    return sums;
  }

  static Checkpoint sync(Path dir) {
    Path journal = dir.resolve("sums.journal");
    // docs:resumeSync
    Checkpoint durable =
        Checkpoint.file(journal)
            .syncEvery(Duration.ZERO); // each chunk's results are on the disk before they count
    // docs:end
    return durable;
  }

  static Checkpoint key(Path dir) {
    Path journal = dir.resolve("orders.journal");
    // docs:resumeKey
    Checkpoint byId = Checkpoint.file(journal).key((Order order) -> order.id());
    // docs:end
    return byId;
  }

  static Checkpoint codec(Path dir) {
    Path journal = dir.resolve("thumbs.journal");
    // docs:resumeCodec
    Checkpoint thumbs = Checkpoint.file(journal).codec(ResultCodec.serializable(Thumb.class));
    // docs:end
    return thumbs;
  }
}
