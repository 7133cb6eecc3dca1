package dev.parallelfor.sample.readme;

import dev.parallelfor.Mode;
import dev.parallelfor.ParallelFor;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** docs/worker-state.md's checksum before {@code @WorkerLocal}: a new digest for every blob. */
class DigestPerFile {
  // docs:digestBefore
  @ParallelFor(mode = Mode.CPU)
  String sha256(byte[] blob) throws NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256"); // a new one for every blob
    return HexFormat.of().formatHex(digest.digest(blob));
  }
  // docs:end
}
