package com.example.cache;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.Completed;
import dev.parallelfor.runtime.Configurable;
import dev.parallelfor.runtime.IndexedItemFunction;
import dev.parallelfor.runtime.LoopSettings;
import dev.parallelfor.runtime.ParallelLoop;
import dev.parallelfor.runtime.Results;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import javax.annotation.processing.Generated;

/**
 * Runs {@link Cache#store(long, Comparable, Map)} for many items
 * in parallel, in {@link Mode#IO} mode with the mode's default parallelism.
 *
 * <p>{@code store} is called from several threads at once, so it must be thread-safe.
 * The arguments after the items are passed to every call.
 * Configure a driver with the methods of {@link Configurable}; each returns a new driver,
 * and a driver can be shared between threads.
 *
 * <pre>{@code
 * new CacheStoreDriver<>(cache)
 *     .run(items, values);
 * }</pre>
 *
 * @param <K> the type variable {@code K} of {@code Cache}
 * @param <V> the type variable {@code V} of {@code store}
 */
@Generated("dev.parallelfor.processor.ParallelForProcessor")
public final class CacheStoreDriver<K extends Comparable<K>, V> extends Configurable<CacheStoreDriver<K, V>> {
  private final Cache<K> target;

  /** Creates a driver that calls {@code store} on {@code target}, not null. */
  public CacheStoreDriver(Cache<K> target) {
    this(Objects.requireNonNull(target, "target"),
        LoopSettings.of(Mode.IO)
            .name("CacheStoreDriver", "Cache.store(long, Comparable, Map)", void.class));
  }

  private CacheStoreDriver(Cache<K> target, LoopSettings settings) {
    super(settings);
    this.target = target;
  }

  @Override
  protected CacheStoreDriver<K, V> withSettings(LoopSettings settings) {
    return new CacheStoreDriver<>(target, settings);
  }

  private ParallelLoop<K, Void> loop(Map<K, V> values) {
    return settings().<K, Void>loop(new IndexedItemFunction<K, Void>() {
      @Override
      public Void apply(long index, K item) throws Exception {
        target.<V>store(index, item, values);
        return null;
      }
    });
  }

  /** Calls {@code store} for each item; see {@link ParallelLoop#forEach(Iterable)}. */
  public void run(Iterable<? extends K> items, Map<K, V> values) {
    loop(values).forEach(items);
  }

  /** Calls {@code store} for each item; see {@link ParallelLoop#forEach(Stream)}. */
  public void run(Stream<? extends K> items, Map<K, V> values) {
    loop(values).forEach(items);
  }

  /** Calls {@code store} for each item; see {@link ParallelLoop#runAll(Iterable)}. */
  public Results<Void> runAll(Iterable<? extends K> items, Map<K, V> values) {
    return loop(values).runAll(items);
  }

  /** Calls {@code store} for each item; see {@link ParallelLoop#runAll(Stream)}. */
  public Results<Void> runAll(Stream<? extends K> items, Map<K, V> values) {
    return loop(values).runAll(items);
  }

  /** Calls {@code store} for each item; see {@link ParallelLoop#forEachAsync(Iterable)}. */
  public CompletableFuture<Void> runAsync(Iterable<? extends K> items, Map<K, V> values) {
    return loop(values).forEachAsync(items);
  }

  /** Calls {@code store} for each item; see {@link ParallelLoop#forEachAsync(Stream)}. */
  public CompletableFuture<Void> runAsync(Stream<? extends K> items, Map<K, V> values) {
    return loop(values).forEachAsync(items);
  }

  /** Calls {@code store} for each item; see {@link ParallelLoop#stream(Iterable)}. */
  public Stream<Void> stream(Iterable<? extends K> items, Map<K, V> values) {
    return loop(values).stream(items);
  }

  /** Calls {@code store} for each item; see {@link ParallelLoop#stream(Stream)}. */
  public Stream<Void> stream(Stream<? extends K> items, Map<K, V> values) {
    return loop(values).stream(items);
  }

  /** Calls {@code store} for each item; see {@link ParallelLoop#asCompleted(Iterable)}. */
  public Stream<Completed<Void>> asCompleted(Iterable<? extends K> items, Map<K, V> values) {
    return loop(values).asCompleted(items);
  }

  /** Calls {@code store} for each item; see {@link ParallelLoop#asCompleted(Stream)}. */
  public Stream<Completed<Void>> asCompleted(Stream<? extends K> items, Map<K, V> values) {
    return loop(values).asCompleted(items);
  }
}
