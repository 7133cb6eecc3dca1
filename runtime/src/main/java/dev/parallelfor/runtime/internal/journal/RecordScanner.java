package dev.parallelfor.runtime.internal.journal;

import dev.parallelfor.runtime.spi.CheckpointJournal.RecordVisitor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads a journal's records from a file channel, in large positional reads, and finds where the
 * intact records end (see {@link JournalFormat}). Confined to one thread.
 */
final class RecordScanner {
  private final FileChannel channel;
  private final long fileSize;
  private final CRC32C crc = new CRC32C();
  private byte[] buffer = new byte[256 * 1024];
  // buffer[start, end) holds the file's bytes from offset bufferOffset + start.
  private int start;
  private int end;
  private long bufferOffset;

  private RecordScanner(FileChannel channel, long from, long fileSize) {
    this.channel = channel;
    this.fileSize = fileSize;
    this.bufferOffset = from;
  }

  /**
   * Hands each intact record from {@code from} on to {@code visitor}.
   *
   * @return the offset where the intact records end
   */
  static long scan(FileChannel channel, long from, long fileSize, RecordVisitor visitor)
      throws IOException {
    return new RecordScanner(channel, from, fileSize).scan(visitor);
  }

  private long scan(RecordVisitor visitor) throws IOException {
    while (true) {
      long recordOffset = bufferOffset + start;
      if (!available(JournalFormat.RECORD_OVERHEAD)) {
        return recordOffset;
      }
      int length = intAt(start);
      long left = fileSize - recordOffset - JournalFormat.RECORD_OVERHEAD;
      if (length < JournalFormat.MIN_PAYLOAD
          || length > JournalFormat.MAX_PAYLOAD
          || length > left
          || !available(JournalFormat.RECORD_OVERHEAD + length)) {
        return recordOffset;
      }
      int payload = start + JournalFormat.RECORD_OVERHEAD;
      crc.reset();
      crc.update(buffer, start, 4);
      crc.update(buffer, payload, length);
      if ((int) crc.getValue() != intAt(start + 4)) {
        return recordOffset;
      }
      int payloadEnd = payload + length;
      long index = 0;
      int at = payload;
      int shift = 0;
      while (true) {
        if (at >= payloadEnd || shift >= 64) {
          return recordOffset;
        }
        byte b = buffer[at++];
        index |= (long) (b & 0x7F) << shift;
        shift += 7;
        if (b >= 0) {
          break;
        }
      }
      if (index < 0 || payloadEnd - at < 8) {
        return recordOffset;
      }
      long fingerprint = ((long) intAt(at) << 32) | (intAt(at + 4) & 0xFFFFFFFFL);
      at += 8;
      visitor.record(index, fingerprint, Arrays.copyOfRange(buffer, at, payloadEnd));
      start = payloadEnd;
    }
  }

  /**
   * Whether {@code n} bytes from {@code start} are in the buffer, after reading more if need be.
   */
  private boolean available(int n) throws IOException {
    if (end - start >= n) {
      return true;
    }
    if (bufferOffset + start + n > fileSize) {
      return false;
    }
    if (n > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(n, buffer.length * 2));
    }
    System.arraycopy(buffer, start, buffer, 0, end - start);
    bufferOffset += start;
    end -= start;
    start = 0;
    ByteBuffer into = ByteBuffer.wrap(buffer);
    while (end < n) {
      into.limit(buffer.length).position(end);
      int read = channel.read(into, bufferOffset + end);
      if (read < 0) {
        return false;
      }
      end += read;
    }
    return true;
  }

  private int intAt(int at) {
    return (buffer[at] << 24)
        | ((buffer[at + 1] & 0xFF) << 16)
        | ((buffer[at + 2] & 0xFF) << 8)
        | (buffer[at + 3] & 0xFF);
  }
}
