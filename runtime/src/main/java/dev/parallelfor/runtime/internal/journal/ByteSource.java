package dev.parallelfor.runtime.internal.journal;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a byte array as a {@link DataInput}, the counterpart of {@link ByteSink}. Reading past the
 * end throws {@link EOFException}, so a short record is an error, never zeros. Confined to one
 * thread.
 */
public final class ByteSource extends InputStream implements DataInput {
  private final byte[] bytes;
  private final int limit;
  private int position;

  /**
   * Reads all of {@code bytes}.
   *
   * @param bytes what to read
   */
  public ByteSource(byte[] bytes) {
    this(bytes, 0, bytes.length);
  }

  /**
   * Reads {@code length} bytes of {@code bytes} from {@code offset}.
   *
   * @param bytes what to read
   * @param offset where to start
   * @param length how many bytes
   */
  public ByteSource(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.position = offset;
    this.limit = offset + length;
  }

  /**
   * How many bytes are left.
   *
   * @return the bytes not read yet
   */
  public int remaining() {
    return limit - position;
  }

  private int need(int n) throws EOFException {
    if (n > limit - position) {
      throw new EOFException("needed " + n + " more bytes, " + (limit - position) + " left");
    }
    int at = position;
    position += n;
    return at;
  }

  /**
   * Reads an unsigned LEB128 varint that {@link ByteSink#writeVarLong} wrote.
   *
   * @return the value
   * @throws IOException if it is cut short or longer than ten bytes
   */
  public long readVarLong() throws IOException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = bytes[need(1)];
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new IOException("a varint longer than ten bytes");
  }

  /**
   * Reads a varint that must fit a non-negative int: a length or a count.
   *
   * @param bytesEach the fewest bytes each counted thing takes
   * @return the value
   * @throws IOException if it does not fit, or is more than the bytes left could hold
   */
  int readLength(int bytesEach) throws IOException {
    long value = readVarLong();
    if (value < 0 || value > (long) remaining() / bytesEach) {
      throw new IOException("a length of " + value + " with " + remaining() + " bytes left");
    }
    return (int) value;
  }

  @Override
  public int read() {
    return position < limit ? bytes[position++] & 0xFF : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    int n = Math.min(len, limit - position);
    if (n <= 0) {
      return -1;
    }
    System.arraycopy(bytes, position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public int available() {
    return limit - position;
  }

  @Override
  public void readFully(byte[] b) throws IOException {
    readFully(b, 0, b.length);
  }

  @Override
  public void readFully(byte[] b, int off, int len) throws IOException {
    System.arraycopy(bytes, need(len), b, off, len);
  }

  @Override
  public int skipBytes(int n) {
    int skipped = Math.max(0, Math.min(n, limit - position));
    position += skipped;
    return skipped;
  }

  @Override
  public boolean readBoolean() throws IOException {
    return bytes[need(1)] != 0;
  }

  @Override
  public byte readByte() throws IOException {
    return bytes[need(1)];
  }

  @Override
  public int readUnsignedByte() throws IOException {
    return bytes[need(1)] & 0xFF;
  }

  @Override
  public short readShort() throws IOException {
    int at = need(2);
    return (short) ((bytes[at] << 8) | (bytes[at + 1] & 0xFF));
  }

  @Override
  public int readUnsignedShort() throws IOException {
    return readShort() & 0xFFFF;
  }

  @Override
  public char readChar() throws IOException {
    return (char) readShort();
  }

  @Override
  public int readInt() throws IOException {
    int at = need(4);
    return (bytes[at] << 24)
        | ((bytes[at + 1] & 0xFF) << 16)
        | ((bytes[at + 2] & 0xFF) << 8)
        | (bytes[at + 3] & 0xFF);
  }

  @Override
  public long readLong() throws IOException {
    return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
  }

  @Override
  public float readFloat() throws IOException {
    return Float.intBitsToFloat(readInt());
  }

  @Override
  public double readDouble() throws IOException {
    return Double.longBitsToDouble(readLong());
  }

  @Override
  @Deprecated
  public String readLine() {
    if (position >= limit) {
      return null;
    }
    StringBuilder line = new StringBuilder();
    while (position < limit) {
      char c = (char) (bytes[position++] & 0xFF);
      if (c == '\n') {
        break;
      }
      if (c == '\r') {
        if (position < limit && bytes[position] == '\n') {
          position++;
        }
        break;
      }
      line.append(c);
    }
    return line.toString();
  }

  @Override
  public String readUTF() throws IOException {
    return DataInputStream.readUTF(this);
  }
}
