package com.example.hash;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.Completed;
import dev.parallelfor.runtime.Configurable;
import dev.parallelfor.runtime.IndexedItemFunction;
import dev.parallelfor.runtime.LoopSettings;
import dev.parallelfor.runtime.ParallelLoop;
import dev.parallelfor.runtime.PerWorkerFunction;
import dev.parallelfor.runtime.Results;
import dev.parallelfor.runtime.WorkerScope;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import javax.annotation.processing.Generated;

/**
 * Runs {@link Hasher#digest(byte[], long, MessageDigest, int, Deflater)} for many items
 * in parallel, in {@link Mode#CPU} mode with the mode's default parallelism.
 *
 * <p>{@code digest} is called from several threads at once, so it must be thread-safe.
 * The arguments after the items are passed to every call, each {@code Supplier}'s
 * value to the calls of one worker, as {@link WorkerScope#local(Supplier)} says.
 * Configure a driver with the methods of {@link Configurable}; each returns a new driver,
 * and a driver can be shared between threads.
 *
 * <pre>{@code
 * List<byte[]> results = new HasherDigestDriver()
 *     .run(items, digest, rounds, deflater);
 * }</pre>
 */
@Generated("dev.parallelfor.processor.ParallelForProcessor")
public final class HasherDigestDriver extends Configurable<HasherDigestDriver> {
  /** Creates a driver for the static method {@code digest}. */
  public HasherDigestDriver() {
    this(LoopSettings.of(Mode.CPU)
            .name("HasherDigestDriver", "Hasher.digest(byte[], long, MessageDigest, int, Deflater)", byte[].class));
  }

  private HasherDigestDriver(LoopSettings settings) {
    super(settings);
  }

  @Override
  protected HasherDigestDriver withSettings(LoopSettings settings) {
    return new HasherDigestDriver(settings);
  }

  private ParallelLoop<byte[], byte[]> loop(Supplier<? extends MessageDigest> digest, int rounds,
      Supplier<? extends Deflater> deflater) {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(deflater, "deflater");
    return settings().<byte[], byte[]>loopPerWorker(new PerWorkerFunction<byte[], byte[]>() {
      @Override
      public IndexedItemFunction<byte[], byte[]> forWorker(WorkerScope worker) throws Exception {
        MessageDigest workerDigest = worker.local(digest);
        Deflater workerDeflater = worker.local(deflater);
        return new IndexedItemFunction<byte[], byte[]>() {
          @Override
          public byte[] apply(long index, byte[] item) throws Exception {
            return Hasher.digest(item, index, workerDigest, rounds, workerDeflater);
          }
        };
      }
    });
  }

  /** Calls {@code digest} for each item; see {@link ParallelLoop#run(Iterable)}. */
  public List<byte[]> run(Iterable<? extends byte[]> items,
      Supplier<? extends MessageDigest> digest, int rounds, Supplier<? extends Deflater> deflater) {
    return loop(digest, rounds, deflater).run(items);
  }

  /** Calls {@code digest} for each item; see {@link ParallelLoop#run(Stream)}. */
  public List<byte[]> run(Stream<? extends byte[]> items, Supplier<? extends MessageDigest> digest,
      int rounds, Supplier<? extends Deflater> deflater) {
    return loop(digest, rounds, deflater).run(items);
  }

  /** Calls {@code digest} for each item; see {@link ParallelLoop#runAll(Iterable)}. */
  public Results<byte[]> runAll(Iterable<? extends byte[]> items,
      Supplier<? extends MessageDigest> digest, int rounds, Supplier<? extends Deflater> deflater) {
    return loop(digest, rounds, deflater).runAll(items);
  }

  /** Calls {@code digest} for each item; see {@link ParallelLoop#runAll(Stream)}. */
  public Results<byte[]> runAll(Stream<? extends byte[]> items,
      Supplier<? extends MessageDigest> digest, int rounds, Supplier<? extends Deflater> deflater) {
    return loop(digest, rounds, deflater).runAll(items);
  }

  /** Calls {@code digest} for each item; see {@link ParallelLoop#runAsync(Iterable)}. */
  public CompletableFuture<List<byte[]>> runAsync(Iterable<? extends byte[]> items,
      Supplier<? extends MessageDigest> digest, int rounds, Supplier<? extends Deflater> deflater) {
    return loop(digest, rounds, deflater).runAsync(items);
  }

  /** Calls {@code digest} for each item; see {@link ParallelLoop#runAsync(Stream)}. */
  public CompletableFuture<List<byte[]>> runAsync(Stream<? extends byte[]> items,
      Supplier<? extends MessageDigest> digest, int rounds, Supplier<? extends Deflater> deflater) {
    return loop(digest, rounds, deflater).runAsync(items);
  }

  /** Calls {@code digest} for each item; see {@link ParallelLoop#stream(Iterable)}. */
  public Stream<byte[]> stream(Iterable<? extends byte[]> items,
      Supplier<? extends MessageDigest> digest, int rounds, Supplier<? extends Deflater> deflater) {
    return loop(digest, rounds, deflater).stream(items);
  }

  /** Calls {@code digest} for each item; see {@link ParallelLoop#stream(Stream)}. */
  public Stream<byte[]> stream(Stream<? extends byte[]> items,
      Supplier<? extends MessageDigest> digest, int rounds, Supplier<? extends Deflater> deflater) {
    return loop(digest, rounds, deflater).stream(items);
  }

  /** Calls {@code digest} for each item; see {@link ParallelLoop#asCompleted(Iterable)}. */
  public Stream<Completed<byte[]>> asCompleted(Iterable<? extends byte[]> items,
      Supplier<? extends MessageDigest> digest, int rounds, Supplier<? extends Deflater> deflater) {
    return loop(digest, rounds, deflater).asCompleted(items);
  }

  /** Calls {@code digest} for each item; see {@link ParallelLoop#asCompleted(Stream)}. */
  public Stream<Completed<byte[]>> asCompleted(Stream<? extends byte[]> items,
      Supplier<? extends MessageDigest> digest, int rounds, Supplier<? extends Deflater> deflater) {
    return loop(digest, rounds, deflater).asCompleted(items);
  }
}
