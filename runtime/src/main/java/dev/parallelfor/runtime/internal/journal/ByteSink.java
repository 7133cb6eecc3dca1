package dev.parallelfor.runtime.internal.journal;

import java.io.DataOutput;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.util.Arrays;

/**
 * A growable byte array to encode records and results into: a {@link DataOutput} without the
 * locking of {@code ByteArrayOutputStream} and without the copy per call of {@code
 * DataOutputStream}. Big-endian, as {@link DataOutput} says. Confined to one thread.
 */
public final class ByteSink extends OutputStream implements DataOutput {
  private byte[] bytes;
  private int size;

  /**
   * A sink that holds {@code capacity} bytes before it grows.
   *
   * @param capacity the first capacity
   */
  public ByteSink(int capacity) {
    bytes = new byte[Math.max(capacity, 16)];
  }

  /**
   * Forgets what was written and drops an array larger than {@code capacity}.
   *
   * @param capacity the largest array to keep
   */
  void shrinkTo(int capacity) {
    size = 0;
    if (bytes.length > capacity) {
      bytes = new byte[capacity];
    }
  }

  /** Forgets what was written, keeping the array. */
  public void reset() {
    size = 0;
  }

  /**
   * How many bytes were written.
   *
   * @return the size
   */
  public int size() {
    return size;
  }

  /**
   * The array that holds the bytes, valid up to {@link #size()} until the next write.
   *
   * @return the backing array
   */
  byte[] array() {
    return bytes;
  }

  /**
   * A copy of the bytes written.
   *
   * @return the bytes
   */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  private void ensure(int more) {
    if (more > bytes.length - size) {
      long wanted = Math.max((long) bytes.length << 1, (long) size + more);
      if (wanted > Integer.MAX_VALUE - 8) {
        if ((long) size + more > Integer.MAX_VALUE - 8) {
          throw new OutOfMemoryError("a record of more than 2 GB");
        }
        wanted = Integer.MAX_VALUE - 8;
      }
      bytes = Arrays.copyOf(bytes, (int) wanted);
    }
  }

  /**
   * Writes an unsigned LEB128 varint: 7 bits a byte, low bits first.
   *
   * @param value the value, read as unsigned
   */
  public void writeVarLong(long value) {
    ensure(10);
    while ((value & ~0x7FL) != 0) {
      bytes[size++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    bytes[size++] = (byte) value;
  }

  /**
   * Writes a big-endian int at {@code position}, which must be within what was written.
   *
   * @param position where
   * @param value the value
   */
  void putIntAt(int position, int value) {
    bytes[position] = (byte) (value >>> 24);
    bytes[position + 1] = (byte) (value >>> 16);
    bytes[position + 2] = (byte) (value >>> 8);
    bytes[position + 3] = (byte) value;
  }

  @Override
  public void write(int b) {
    ensure(1);
    bytes[size++] = (byte) b;
  }

  @Override
  public void write(byte[] b) {
    write(b, 0, b.length);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, bytes, size, len);
    size += len;
  }

  @Override
  public void writeBoolean(boolean v) {
    write(v ? 1 : 0);
  }

  @Override
  public void writeByte(int v) {
    write(v);
  }

  @Override
  public void writeShort(int v) {
    ensure(2);
    bytes[size++] = (byte) (v >>> 8);
    bytes[size++] = (byte) v;
  }

  @Override
  public void writeChar(int v) {
    writeShort(v);
  }

  @Override
  public void writeInt(int v) {
    ensure(4);
    putIntAt(size, v);
    size += 4;
  }

  @Override
  public void writeLong(long v) {
    writeInt((int) (v >>> 32));
    writeInt((int) v);
  }

  @Override
  public void writeFloat(float v) {
    writeInt(Float.floatToRawIntBits(v));
  }

  @Override
  public void writeDouble(double v) {
    writeLong(Double.doubleToRawLongBits(v));
  }

  @Override
  public void writeBytes(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[size++] = (byte) s.charAt(i);
    }
  }

  @Override
  public void writeChars(String s) {
    int n = s.length();
    ensure(2 * n);
    for (int i = 0; i < n; i++) {
      writeChar(s.charAt(i));
    }
  }

  /** Modified UTF-8 with a two-byte length, as {@link DataOutput#writeUTF} specifies. */
  @Override
  public void writeUTF(String s) throws UTFDataFormatException {
    int n = s.length();
    long encoded = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      encoded += c != 0 && c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    if (encoded > 0xFFFF) {
      throw new UTFDataFormatException("encoded string too long: " + encoded + " bytes");
    }
    writeShort((int) encoded);
    ensure((int) encoded);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c != 0 && c < 0x80) {
        bytes[size++] = (byte) c;
      } else if (c < 0x800) {
        bytes[size++] = (byte) (0xC0 | (c >> 6));
        bytes[size++] = (byte) (0x80 | (c & 0x3F));
      } else {
        bytes[size++] = (byte) (0xE0 | (c >> 12));
        bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[size++] = (byte) (0x80 | (c & 0x3F));
      }
    }
  }
}
