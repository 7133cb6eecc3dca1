package dev.parallelfor.sample;

import dev.parallelfor.Mode;
import dev.parallelfor.ParallelFor;
import dev.parallelfor.WorkerLocal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 checksums of files. The annotation makes the processor write {@code
 * ChecksumsSha256Driver}, which runs {@link #sha256(Path, MessageDigest)} over many files on all
 * cores, each worker with its own {@code MessageDigest}: {@code driver.run(files,
 * Checksums::newDigest)}.
 */
public final class Checksums {
  private final int bufferSize;

  /** Reads files in 64 KiB blocks. */
  public Checksums() {
    this(64 * 1024);
  }

  /**
   * Reads files in blocks of the given size.
   *
   * @param bufferSize bytes read at a time, at least 1
   */
  public Checksums(int bufferSize) {
    if (bufferSize < 1) {
      throw new IllegalArgumentException("bufferSize must be >= 1, was " + bufferSize);
    }
    this.bufferSize = bufferSize;
  }

  /**
   * The SHA-256 of a file's content. Called from several threads at once by the driver, but with a
   * digest of the calling worker's own ({@code @WorkerLocal}): a {@code MessageDigest} is not
   * thread-safe, and making one per file costs more than reusing one per worker.
   *
   * @param file a regular file
   * @param digest a SHA-256 digest that no other thread uses meanwhile; reset first
   * @return the checksum as 64 lower-case hex digits
   * @throws IOException if the file cannot be read
   */
  // CPU mode although it reads files: hashing, not waiting, dominates when the files are cached,
  // and more threads than cores would not hash faster.
  @ParallelFor(mode = Mode.CPU)
  public String sha256(Path file, @WorkerLocal MessageDigest digest) throws IOException {
    digest.reset(); // a file that failed to read may have left some of its bytes in it
    byte[] buffer = new byte[bufferSize];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) != -1; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * A new SHA-256 digest: the supplier of each worker's own.
   *
   * @return the digest
   */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
