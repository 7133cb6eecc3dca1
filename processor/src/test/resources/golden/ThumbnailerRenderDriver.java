package com.example.thumbs;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.Completed;
import dev.parallelfor.runtime.Configurable;
import dev.parallelfor.runtime.IndexedItemFunction;
import dev.parallelfor.runtime.LoopSettings;
import dev.parallelfor.runtime.ParallelLoop;
import dev.parallelfor.runtime.Results;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import javax.annotation.processing.Generated;

/**
 * Runs {@link Thumbnailer#render(Path, int, String...)} for many items
 * in parallel, in {@link Mode#CPU} mode with the mode's default parallelism.
 *
 * <p>{@code render} is called from several threads at once, so it must be thread-safe.
 * The arguments after the items are passed to every call.
 * Configure a driver with the methods of {@link Configurable}; each returns a new driver,
 * and a driver can be shared between threads.
 *
 * <pre>{@code
 * List<Thumbnailer.Thumb> results = new ThumbnailerRenderDriver(thumbnailer)
 *     .run(items, size, labels);
 * }</pre>
 */
@Generated("dev.parallelfor.processor.ParallelForProcessor")
public final class ThumbnailerRenderDriver extends Configurable<ThumbnailerRenderDriver> {
  private final Thumbnailer target;

  /** Creates a driver that calls {@code render} on {@code target}, not null. */
  public ThumbnailerRenderDriver(Thumbnailer target) {
    this(Objects.requireNonNull(target, "target"),
        LoopSettings.of(Mode.CPU)
            .name("ThumbnailerRenderDriver", "Thumbnailer.render(Path, int, String...)", Thumbnailer.Thumb.class));
  }

  private ThumbnailerRenderDriver(Thumbnailer target, LoopSettings settings) {
    super(settings);
    this.target = target;
  }

  @Override
  protected ThumbnailerRenderDriver withSettings(LoopSettings settings) {
    return new ThumbnailerRenderDriver(target, settings);
  }

  private ParallelLoop<Path, Thumbnailer.Thumb> loop(int size, String[] labels) {
    return settings().<Path, Thumbnailer.Thumb>loop(new IndexedItemFunction<Path, Thumbnailer.Thumb>() {
      @Override
      public Thumbnailer.Thumb apply(long index, Path item) throws Exception {
        return target.render(item, size, labels);
      }
    });
  }

  /** Calls {@code render} for each item; see {@link ParallelLoop#run(Iterable)}. */
  public List<Thumbnailer.Thumb> run(Iterable<? extends Path> items, int size, String... labels) {
    return loop(size, labels).run(items);
  }

  /** Calls {@code render} for each item; see {@link ParallelLoop#run(Stream)}. */
  public List<Thumbnailer.Thumb> run(Stream<? extends Path> items, int size, String... labels) {
    return loop(size, labels).run(items);
  }

  /** Calls {@code render} for each item; see {@link ParallelLoop#runAll(Iterable)}. */
  public Results<Thumbnailer.Thumb> runAll(Iterable<? extends Path> items, int size,
      String... labels) {
    return loop(size, labels).runAll(items);
  }

  /** Calls {@code render} for each item; see {@link ParallelLoop#runAll(Stream)}. */
  public Results<Thumbnailer.Thumb> runAll(Stream<? extends Path> items, int size,
      String... labels) {
    return loop(size, labels).runAll(items);
  }

  /** Calls {@code render} for each item; see {@link ParallelLoop#runAsync(Iterable)}. */
  public CompletableFuture<List<Thumbnailer.Thumb>> runAsync(Iterable<? extends Path> items,
      int size, String... labels) {
    return loop(size, labels).runAsync(items);
  }

  /** Calls {@code render} for each item; see {@link ParallelLoop#runAsync(Stream)}. */
  public CompletableFuture<List<Thumbnailer.Thumb>> runAsync(Stream<? extends Path> items, int size,
      String... labels) {
    return loop(size, labels).runAsync(items);
  }

  /** Calls {@code render} for each item; see {@link ParallelLoop#stream(Iterable)}. */
  public Stream<Thumbnailer.Thumb> stream(Iterable<? extends Path> items, int size,
      String... labels) {
    return loop(size, labels).stream(items);
  }

  /** Calls {@code render} for each item; see {@link ParallelLoop#stream(Stream)}. */
  public Stream<Thumbnailer.Thumb> stream(Stream<? extends Path> items, int size,
      String... labels) {
    return loop(size, labels).stream(items);
  }

  /** Calls {@code render} for each item; see {@link ParallelLoop#asCompleted(Iterable)}. */
  public Stream<Completed<Thumbnailer.Thumb>> asCompleted(Iterable<? extends Path> items, int size,
      String... labels) {
    return loop(size, labels).asCompleted(items);
  }

  /** Calls {@code render} for each item; see {@link ParallelLoop#asCompleted(Stream)}. */
  public Stream<Completed<Thumbnailer.Thumb>> asCompleted(Stream<? extends Path> items, int size,
      String... labels) {
    return loop(size, labels).asCompleted(items);
  }
}
