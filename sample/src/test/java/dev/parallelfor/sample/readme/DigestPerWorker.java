package dev.parallelfor.sample.readme;

import dev.parallelfor.Mode;
import dev.parallelfor.ParallelFor;
import dev.parallelfor.WorkerLocal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** docs/worker-state.md's checksum with {@code @WorkerLocal}: one digest per worker. */
class DigestPerWorker {
  // docs:digestAfter
  @ParallelFor(mode = Mode.CPU)
  String sha256(byte[] blob, @WorkerLocal MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest(blob)); // digest() resets it for the next blob
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
  // docs:end
}
