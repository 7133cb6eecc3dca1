package dev.parallelfor.runtime.internal.journal;

import dev.parallelfor.runtime.ResultCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;

/** Java serialization limited to a result type's classes. */
public final class SerializableCodec<R extends Serializable> implements ResultCodec<R> {
  private final Class<R> type;

  private SerializableCodec(Class<R> type) {
    this.type = type;
  }

  public static <R extends Serializable> SerializableCodec<R> of(Class<R> type) {
    return new SerializableCodec<>(java.util.Objects.requireNonNull(type, "type"));
  }

  @Override
  public void write(R result, DataOutput out) throws IOException {
    throw new UnsupportedOperationException("not yet"); // TODO(journal)
  }

  @Override
  public R read(DataInput in) throws IOException {
    throw new UnsupportedOperationException("not yet"); // TODO(journal)
  }
}
