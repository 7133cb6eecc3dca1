package dev.parallelfor.runtime.internal.journal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Unsigned LEB128 varints on any {@link DataOutput} and {@link DataInput}. */
final class Varints {
  private Varints() {}

  static void write(DataOutput out, long value) throws IOException {
    if (out instanceof ByteSink) {
      ((ByteSink) out).writeVarLong(value);
      return;
    }
    while ((value & ~0x7FL) != 0) {
      out.writeByte((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.writeByte((int) value);
  }

  static long read(DataInput in) throws IOException {
    if (in instanceof ByteSource) {
      return ((ByteSource) in).readVarLong();
    }
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = in.readByte();
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new IOException("a varint longer than ten bytes");
  }

  /** A length or count, which must fit an int and, from a byte array, the bytes left. */
  static int readLength(DataInput in) throws IOException {
    if (in instanceof ByteSource) {
      return ((ByteSource) in).readLength(1);
    }
    long value = read(in);
    if (value < 0 || value > Integer.MAX_VALUE - 8) {
      throw new IOException("a length of " + value);
    }
    return (int) value;
  }

  static int zigZag(int value) {
    return (value << 1) ^ (value >> 31);
  }

  static int unZigZag(int value) {
    return (value >>> 1) ^ -(value & 1);
  }

  static long zigZag(long value) {
    return (value << 1) ^ (value >> 63);
  }

  static long unZigZag(long value) {
    return (value >>> 1) ^ -(value & 1);
  }
}
