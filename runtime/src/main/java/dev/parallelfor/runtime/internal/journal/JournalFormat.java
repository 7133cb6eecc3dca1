package dev.parallelfor.runtime.internal.journal;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The layout of a journal file. All integers are big-endian.
 *
 * <pre>
 * header   magic "PFJOURNL" (8 bytes) | format version (int) | identity length n (int)
 *          | identity, UTF-8 (n bytes) | CRC32C of the 16 + n bytes before it (int)
 * record   payload length L (int) | CRC32C of the 4 length bytes and the payload (int)
 *          | payload: item position (unsigned LEB128 varint) | fingerprint (8 bytes)
 *          | encoded result (the L - varint - 8 bytes left)
 * </pre>
 *
 * Records follow the header end to end. A reader takes records up to the first one that is cut
 * short, claims a length outside [9, what is left of the file], fails its checksum, or holds a
 * negative position: that is where a write was torn, and everything from there on is dropped. The
 * checksum covers the length, so a zeroed or garbled length is caught like a garbled payload.
 */
final class JournalFormat {
  static final byte[] MAGIC = "PFJOURNL".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int HEADER_FIXED = MAGIC.length + 4 + 4;
  static final int MAX_IDENTITY = 64 * 1024;

  /** Length and checksum before each payload. */
  static final int RECORD_OVERHEAD = 8;

  /** The shortest payload: a one-byte position and the fingerprint. */
  static final int MIN_PAYLOAD = 1 + 8;

  /** The longest payload a reader believes, so a garbled length cannot make it allocate. */
  static final int MAX_PAYLOAD = 1 << 30;

  private JournalFormat() {}

  static byte[] header(byte[] identity) {
    ByteSink out = new ByteSink(HEADER_FIXED + identity.length + 4);
    out.write(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(identity.length);
    out.write(identity);
    CRC32C crc = new CRC32C();
    crc.update(out.array(), 0, out.size());
    out.writeInt((int) crc.getValue());
    return out.toByteArray();
  }

  /**
   * Appends one record to {@code out}.
   *
   * @param crc a checksum to reuse, reset here
   */
  static void writeRecord(ByteSink out, CRC32C crc, long index, long fingerprint, byte[] result) {
    int start = out.size();
    out.writeInt(0); // length, patched below
    out.writeInt(0); // checksum, patched below
    out.writeVarLong(index);
    out.writeLong(fingerprint);
    out.write(result, 0, result.length);
    int payload = out.size() - start - RECORD_OVERHEAD;
    if (payload > MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "a stored result of " + result.length + " bytes: more than a journal record holds");
    }
    out.putIntAt(start, payload);
    crc.reset();
    crc.update(out.array(), start, 4);
    crc.update(out.array(), start + RECORD_OVERHEAD, payload);
    out.putIntAt(start + 4, (int) crc.getValue());
  }
}
