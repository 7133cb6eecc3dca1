package dev.parallelfor.runtime.internal.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A file channel whose n-th write writes half its bytes and fails as a full disk does. */
final class FailingChannel extends FileChannel {
  private final FileChannel file;
  private int writesBeforeFailure;

  private FailingChannel(FileChannel file, int failingWrite) {
    this.file = file;
    this.writesBeforeFailure = failingWrite - 1;
  }

  static FailingChannel open(Path path, int failingWrite) throws IOException {
    return new FailingChannel(
        FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE), failingWrite);
  }

  private void maybeFail(ByteBuffer src, long position) throws IOException {
    if (writesBeforeFailure-- == 0) {
      ByteBuffer half = src.duplicate();
      half.limit(src.position() + src.remaining() / 2);
      file.write(half, position);
      throw new IOException("No space left on device");
    }
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    maybeFail(src, position);
    return file.write(src, position);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    maybeFail(src, file.position());
    return file.write(src);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    throw new UnsupportedOperationException();
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return file.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return file.read(dsts, offset, length);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return file.read(dst, position);
  }

  @Override
  public long position() throws IOException {
    return file.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    file.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return file.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    file.truncate(size);
    return this;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    file.force(metaData);
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    return file.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    return file.transferFrom(src, position, count);
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    return file.map(mode, position, size);
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return file.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return file.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    file.close();
  }
}
