package dev.parallelfor.runtime;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * How a checkpointed run stores its results. Without one, a run stores primitives, their boxes,
 * strings, byte arrays and {@code null} compactly, and other {@link java.io.Serializable} results
 * through Java serialization limited to the result's own classes; give a codec for anything else,
 * or for a smaller encoding. Called from several workers at once, so it must be thread-safe.
 *
 * <p>A run calls its codec from several worker threads at once, so a codec must be thread-safe;
 * {@link #read} must read exactly what {@link #write} wrote, as records lie end to end.
 *
 * @param <R> the results' type
 */
public interface ResultCodec<R> {
  /**
   * Writes one result.
   *
   * @param result the result, possibly null
   * @param out where to write it
   * @throws IOException if it cannot be written
   */
  void write(R result, DataOutput out) throws IOException;

  /**
   * Reads back a result that {@link #write} wrote.
   *
   * @param in the encoded result
   * @return the result
   * @throws IOException if the bytes are not a result of this codec
   */
  R read(DataInput in) throws IOException;

  /**
   * Java serialization of results of {@code type}, reading back only {@code type}, the classes of
   * its fields, and the JDK's value and collection classes: a tampered journal fails with an {@link
   * java.io.InvalidClassException} instead of making objects of other classes.
   *
   * @param type the results' class
   * @param <R> the results' type
   * @return the codec
   */
  static <R extends java.io.Serializable> ResultCodec<R> serializable(Class<R> type) {
    return dev.parallelfor.runtime.internal.journal.SerializableCodec.of(type);
  }
}
