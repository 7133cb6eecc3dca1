package dev.parallelfor.sample;

import dev.parallelfor.Distributed;
import dev.parallelfor.Mode;
import dev.parallelfor.ParallelFor;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * SHA-256 checksums on a cluster: the processor writes {@code ClusterChecksumsSha256Driver}, whose
 * {@code on(Cluster)} sends chunks of paths to the members. The paths travel as strings ({@link
 * Path} is not serializable), so every member must see the same files: true for members on one
 * machine, or on machines that share a file system.
 */
public final class ClusterChecksums implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Creates the checksummer; it holds no state, so it travels for nothing. */
  public ClusterChecksums() {}

  /**
   * The SHA-256 of a file's content, on whichever member runs it.
   *
   * @param file the path of a regular file, as every member can read it
   * @return the checksum as 64 lower-case hex digits
   * @throws IOException if the file cannot be read
   */
  @Distributed
  @ParallelFor(mode = Mode.CPU)
  public String sha256(String file) throws IOException {
    return new Checksums().sha256(Path.of(file), Checksums.newDigest());
  }
}
