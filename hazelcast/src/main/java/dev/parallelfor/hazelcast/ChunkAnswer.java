package dev.parallelfor.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import dev.parallelfor.runtime.spi.ClusterChunk;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

/**
 * A chunk's outcome as it travels back from its member: the values with Hazelcast's serialization,
 * what failed items threw with Java's. A throwable that cannot be serialized (a field of a type
 * that is not) travels as a {@link RemoteItemException} with its class name, message and stack
 * trace, so the run still reports the item's failure.
 *
 * <p>Public only because Hazelcast instantiates it by reflection; not for use by applications.
 */
public final class ChunkAnswer implements DataSerializable {
  private ClusterChunk.Result result;

  /** For Hazelcast's deserialization. */
  public ChunkAnswer() {}

  ChunkAnswer(ClusterChunk.Result result) {
    this.result = result;
  }

  ClusterChunk.Result result() {
    return result;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    int attempted = result.attempted();
    int[] failedAt = result.failedAt();
    Throwable[] failures = result.failures();
    out.writeInt(attempted);
    out.writeLong(result.nanos());
    out.writeIntArray(failedAt);
    for (Throwable failure : failures) {
      out.writeObject(travelling(failure));
    }
    Object[] values = result.values();
    int nextFailure = 0;
    for (int i = 0; i < attempted; i++) {
      if (nextFailure < failedAt.length && failedAt[nextFailure] == i) {
        nextFailure++;
        continue;
      }
      out.writeObject(values[i]);
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    int attempted = in.readInt();
    long nanos = in.readLong();
    int[] failedAt = in.readIntArray();
    Throwable[] failures = new Throwable[failedAt.length];
    for (int i = 0; i < failures.length; i++) {
      failures[i] = in.readObject();
    }
    Object[] values = new Object[attempted];
    int nextFailure = 0;
    for (int i = 0; i < attempted; i++) {
      if (nextFailure < failedAt.length && failedAt[nextFailure] == i) {
        nextFailure++;
        continue;
      }
      values[i] = in.readObject();
    }
    result = new ClusterChunk.Result(attempted, values, failedAt, failures, nanos);
  }

  /** The failure itself when Java serialization takes it, else a stand-in that keeps its text. */
  private static Throwable travelling(Throwable failure) {
    try (ObjectOutputStream probe = new ObjectOutputStream(OutputStream.nullOutputStream())) {
      probe.writeObject(failure);
      return failure;
    } catch (IOException | RuntimeException notSerializable) {
      return RemoteItemException.of(failure);
    }
  }
}
