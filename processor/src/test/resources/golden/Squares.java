package com.example.ranges;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.Completed;
import dev.parallelfor.runtime.Configurable;
import dev.parallelfor.runtime.IndexedItemFunction;
import dev.parallelfor.runtime.LoopSettings;
import dev.parallelfor.runtime.ParallelLoop;
import dev.parallelfor.runtime.Range;
import dev.parallelfor.runtime.RangeFunction;
import dev.parallelfor.runtime.Results;
import dev.parallelfor.runtime.spi.Indexes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import javax.annotation.processing.Generated;

/**
 * Runs {@link Ranges#square(int, int)} for many items
 * in parallel, in {@link Mode#IO} mode with at most 16 items in flight.
 *
 * <p>{@code square} is called from several threads at once, so it must be thread-safe.
 * Configure a driver with the methods of {@link Configurable}; each returns a new driver,
 * and a driver can be shared between threads.
 *
 * <pre>{@code
 * List<Long> results = new Squares()
 *     .run(items);
 * }</pre>
 */
@Generated("dev.parallelfor.processor.ParallelForProcessor")
public final class Squares extends Configurable<Squares> {
  /** Creates a driver for the static method {@code square}. */
  public Squares() {
    this(LoopSettings.of(Mode.IO)
            .name("Squares", "Ranges.square(int, int)", Long.class)
            .parallelism(16));
  }

  private Squares(LoopSettings settings) {
    super(settings);
  }

  @Override
  protected Squares withSettings(LoopSettings settings) {
    return new Squares(settings);
  }

  private ParallelLoop<Integer, Long> loop() {
    return settings().<Integer, Long>loop(new IndexedItemFunction<Integer, Long>() {
      @Override
      public Long apply(long index, Integer item) throws Exception {
        return Ranges.square(item, Indexes.toInt(index));
      }
    });
  }

  private ParallelLoop<Long, Long> rangeLoop() {
    return settings().<Long>rangeLoop(new RangeFunction<Long>() {
      @Override
      public Long apply(long index, long value) throws Exception {
        return Ranges.square((int) value, Indexes.toInt(index));
      }
    });
  }

  /** Calls {@code square} for each item; see {@link ParallelLoop#run(Iterable)}. */
  public List<Long> run(Iterable<? extends Integer> items) {
    return loop().run(items);
  }

  /** Calls {@code square} for each item; see {@link ParallelLoop#run(Stream)}. */
  public List<Long> run(Stream<? extends Integer> items) {
    return loop().run(items);
  }

  /** Over the values [{@code from}, {@code to}); see {@link ParallelLoop#run(Iterable)}. */
  public List<Long> runRange(int from, int to) {
    return rangeLoop().run(Range.of((long) from, (long) to));
  }

  /** Calls {@code square} for each item; see {@link ParallelLoop#runAll(Iterable)}. */
  public Results<Long> runAll(Iterable<? extends Integer> items) {
    return loop().runAll(items);
  }

  /** Calls {@code square} for each item; see {@link ParallelLoop#runAll(Stream)}. */
  public Results<Long> runAll(Stream<? extends Integer> items) {
    return loop().runAll(items);
  }

  /** Over the values [{@code from}, {@code to}); see {@link ParallelLoop#runAll(Iterable)}. */
  public Results<Long> runAllRange(int from, int to) {
    return rangeLoop().runAll(Range.of((long) from, (long) to));
  }

  /** Calls {@code square} for each item; see {@link ParallelLoop#runAsync(Iterable)}. */
  public CompletableFuture<List<Long>> runAsync(Iterable<? extends Integer> items) {
    return loop().runAsync(items);
  }

  /** Calls {@code square} for each item; see {@link ParallelLoop#runAsync(Stream)}. */
  public CompletableFuture<List<Long>> runAsync(Stream<? extends Integer> items) {
    return loop().runAsync(items);
  }

  /** Over the values [{@code from}, {@code to}); see {@link ParallelLoop#runAsync(Iterable)}. */
  public CompletableFuture<List<Long>> runAsyncRange(int from, int to) {
    return rangeLoop().runAsync(Range.of((long) from, (long) to));
  }

  /** Calls {@code square} for each item; see {@link ParallelLoop#stream(Iterable)}. */
  public Stream<Long> stream(Iterable<? extends Integer> items) {
    return loop().stream(items);
  }

  /** Calls {@code square} for each item; see {@link ParallelLoop#stream(Stream)}. */
  public Stream<Long> stream(Stream<? extends Integer> items) {
    return loop().stream(items);
  }

  /** Over the values [{@code from}, {@code to}); see {@link ParallelLoop#stream(Iterable)}. */
  public Stream<Long> streamRange(int from, int to) {
    return rangeLoop().stream(Range.of((long) from, (long) to));
  }

  /** Calls {@code square} for each item; see {@link ParallelLoop#asCompleted(Iterable)}. */
  public Stream<Completed<Long>> asCompleted(Iterable<? extends Integer> items) {
    return loop().asCompleted(items);
  }

  /** Calls {@code square} for each item; see {@link ParallelLoop#asCompleted(Stream)}. */
  public Stream<Completed<Long>> asCompleted(Stream<? extends Integer> items) {
    return loop().asCompleted(items);
  }

  /** Over the values [{@code from}, {@code to}); see {@link ParallelLoop#asCompleted(Iterable)}. */
  public Stream<Completed<Long>> asCompletedRange(int from, int to) {
    return rangeLoop().asCompleted(Range.of((long) from, (long) to));
  }
}
