package dev.parallelfor.runtime.internal.journal;

import dev.parallelfor.runtime.ResultCodec;
import java.io.IOException;

/**
 * A codec's result as the byte array a journal record holds, and back. The standard codec takes its
 * own short path; any other codec writes into a {@link ByteSink} and reads from a {@link
 * ByteSource}, which must end exactly where the result does.
 */
public final class ResultBytes {
  private ResultBytes() {}

  /**
   * Encodes one result.
   *
   * @param codec the run's codec
   * @param result the result, possibly null
   * @return its bytes
   * @throws IOException if the codec cannot write it
   */
  @SuppressWarnings("unchecked")
  public static byte[] encode(ResultCodec<?> codec, Object result) throws IOException {
    if (codec instanceof StandardCodec) {
      return ((StandardCodec) codec).encode(result);
    }
    ByteSink sink = new ByteSink(32);
    ((ResultCodec<Object>) codec).write(result, sink);
    return sink.toByteArray();
  }

  /**
   * Decodes one stored result.
   *
   * @param codec the run's codec
   * @param bytes a record's result bytes
   * @return the result
   * @throws IOException if the bytes are not exactly one result of this codec
   */
  public static Object decode(ResultCodec<?> codec, byte[] bytes) throws IOException {
    if (codec instanceof StandardCodec) {
      return ((StandardCodec) codec).decode(bytes);
    }
    ByteSource in = new ByteSource(bytes);
    Object result = codec.read(in);
    if (in.remaining() != 0) {
      throw new IOException(
          in.remaining() + " bytes after the result that " + codec + " read from a record");
    }
    return result;
  }
}
