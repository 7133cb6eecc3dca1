package dev.parallelfor.runtime;

import dev.parallelfor.runtime.spi.Cluster;
import dev.parallelfor.runtime.spi.ClusterChunk;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cluster of one pretend member in this JVM: each chunk crosses a Java serialisation round trip
 * (so what would not travel fails here too) and runs on a thread of the member's pool; an interrupt
 * of the waiting worker cancels it with {@link ClusterChunk#cancel()} as a real backend does, after
 * counting it in {@link #cancelled}. Can drop the rest of a chunk once, as a member that shuts down
 * mid-chunk does.
 */
final class InProcessCluster implements Cluster, AutoCloseable {
  private final int parallelism;
  private final ExecutorService member = Executors.newCachedThreadPool();
  final List<Integer> chunkSizes = new CopyOnWriteArrayList<>();
  final AtomicInteger cancelled = new AtomicInteger();
  private final AtomicInteger cutAfter = new AtomicInteger(-1);

  InProcessCluster(int parallelism) {
    this.parallelism = parallelism;
  }

  /** The next chunk of more than {@code items} items answers with only its first ones. */
  void cutNextChunkAfter(int items) {
    cutAfter.set(items);
  }

  @Override
  public int parallelism() {
    return parallelism;
  }

  @Override
  public long targetChunkNanos() {
    return 2_000_000;
  }

  @Override
  public ClusterChunk.Result run(ClusterChunk chunk) throws InterruptedException {
    chunkSizes.add(chunk.count());
    Object[] shipped = {chunk.firstIndex(), chunk.count(), chunk.items(), chunk.function()};
    Object[] received = (Object[]) roundTrip(shipped);
    @SuppressWarnings("unchecked")
    ClusterChunk remote =
        new ClusterChunk(
            (Long) received[0],
            (Integer) received[1],
            (Object[]) received[2],
            (IndexedItemFunction<Object, Object>) received[3],
            chunk.failFast());
    Future<ClusterChunk.Result> future = member.submit(remote::run);
    ClusterChunk.Result result;
    try {
      result = future.get();
    } catch (InterruptedException e) {
      // Counted before it is sent: an item that saw the cancellation finds it counted already.
      cancelled.incrementAndGet();
      remote.cancel();
      future.cancel(false);
      throw e;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    int cut = cutAfter.get();
    if (cut >= 0 && result.attempted() > cut && cutAfter.compareAndSet(cut, -1)) {
      return new ClusterChunk.Result(cut, result.values(), new int[0], new Throwable[0], 1);
    }
    Object[] back = {result.values(), result.failedAt(), result.failures()};
    Object[] answer = (Object[]) roundTrip(back);
    return new ClusterChunk.Result(
        result.attempted(),
        (Object[]) answer[0],
        (int[]) answer[1],
        (Throwable[]) answer[2],
        result.nanos());
  }

  private static Object roundTrip(Object value) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(value);
      }
      try (ObjectInputStream in =
          new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        return in.readObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    member.shutdownNow();
  }
}
