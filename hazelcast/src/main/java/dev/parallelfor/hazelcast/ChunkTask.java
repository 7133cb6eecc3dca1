package dev.parallelfor.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import dev.parallelfor.runtime.IndexedItemFunction;
import dev.parallelfor.runtime.spi.ClusterChunk;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * A chunk as it travels to a member: its parts written with Hazelcast's serialization, so items may
 * be of any type Hazelcast serializes (a {@code Serializable}, a {@code DataSerializable}, a
 * string, a boxed number, an array of bytes...), and the function with the Java serialization its
 * class declares. On the member it runs the chunk's items one after the other, on a thread that
 * {@code ChunkThreads} lends the executor thread that called it (so that a cancellation is told
 * apart from an item's own failure), and answers with their outcomes.
 *
 * <p>Public only because Hazelcast instantiates it by reflection; not for use by applications.
 */
public final class ChunkTask implements Callable<ChunkAnswer>, DataSerializable {
  private ClusterChunk chunk;

  /** For Hazelcast's deserialization. */
  public ChunkTask() {}

  ChunkTask(ClusterChunk chunk) {
    this.chunk = chunk;
  }

  @Override
  public ChunkAnswer call() {
    return new ChunkAnswer(ChunkThreads.run(chunk));
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(chunk.firstIndex());
    out.writeInt(chunk.count());
    out.writeBoolean(chunk.failFast());
    Object[] items = chunk.items();
    out.writeBoolean(items != null);
    if (items != null) {
      for (int i = 0; i < chunk.count(); i++) {
        out.writeObject(items[i]);
      }
    }
    out.writeObject(chunk.function());
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    long firstIndex = in.readLong();
    int count = in.readInt();
    boolean failFast = in.readBoolean();
    Object[] items = null;
    if (in.readBoolean()) {
      items = new Object[count];
      for (int i = 0; i < count; i++) {
        items[i] = in.readObject();
      }
    }
    IndexedItemFunction<Object, Object> function = in.readObject();
    chunk = new ClusterChunk(firstIndex, count, items, function, failFast);
  }
}
