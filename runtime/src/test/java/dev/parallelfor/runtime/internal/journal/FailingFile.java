package dev.parallelfor.runtime.internal.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** A journal file whose n-th write writes half its bytes and fails, as a full disk does. */
final class FailingFile extends RandomAccessFile {
  private int writesBeforeFailure;

  FailingFile(Path path, int failingWrite) throws IOException {
    super(path.toFile(), "rw");
    this.writesBeforeFailure = failingWrite - 1;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (writesBeforeFailure-- == 0) {
      super.write(bytes, offset, length / 2);
      throw new IOException("No space left on device");
    }
    super.write(bytes, offset, length);
  }
}
