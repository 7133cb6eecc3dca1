package com.example.fetch;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.Completed;
import dev.parallelfor.runtime.Configurable;
import dev.parallelfor.runtime.IndexedItemFunction;
import dev.parallelfor.runtime.LoopSettings;
import dev.parallelfor.runtime.ParallelLoop;
import dev.parallelfor.runtime.Results;
import dev.parallelfor.runtime.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.annotation.processing.Generated;

/**
 * Runs {@link Fetcher#fetch(URI)} for many items
 * in parallel, in {@link Mode#IO} mode with at most 64 items in flight.
 *
 * <p>{@code fetch} is called from several threads at once, so it must be thread-safe.
 * Configure a driver with the methods of {@link Configurable}; each returns a new driver,
 * and a driver can be shared between threads.
 *
 * <pre>{@code
 * List<String> results = new FetcherFetchDriver(fetcher)
 *     .run(items);
 * }</pre>
 */
@Generated("dev.parallelfor.processor.ParallelForProcessor")
public final class FetcherFetchDriver extends Configurable<FetcherFetchDriver> {
  private final Fetcher target;

  /** Creates a driver that calls {@code fetch} on {@code target}, not null. */
  public FetcherFetchDriver(Fetcher target) {
    this(Objects.requireNonNull(target, "target"),
        LoopSettings.of(Mode.IO)
            .name("FetcherFetchDriver", "Fetcher.fetch(URI)", String.class)
            .parallelism(64)
            .retry(RetryPolicy.on(IOException.class, TimeoutException.class).attempts(4)
                .backoff(Duration.ofMillis(1500))));
  }

  private FetcherFetchDriver(Fetcher target, LoopSettings settings) {
    super(settings);
    this.target = target;
  }

  @Override
  protected FetcherFetchDriver withSettings(LoopSettings settings) {
    return new FetcherFetchDriver(target, settings);
  }

  private ParallelLoop<URI, String> loop() {
    return settings().<URI, String>loop(new IndexedItemFunction<URI, String>() {
      @Override
      public String apply(long index, URI item) throws Exception {
        return target.fetch(item);
      }
    });
  }

  /** Calls {@code fetch} for each item; see {@link ParallelLoop#run(Iterable)}. */
  public List<String> run(Iterable<? extends URI> items) {
    return loop().run(items);
  }

  /** Calls {@code fetch} for each item; see {@link ParallelLoop#run(Stream)}. */
  public List<String> run(Stream<? extends URI> items) {
    return loop().run(items);
  }

  /** Calls {@code fetch} for each item; see {@link ParallelLoop#runAll(Iterable)}. */
  public Results<String> runAll(Iterable<? extends URI> items) {
    return loop().runAll(items);
  }

  /** Calls {@code fetch} for each item; see {@link ParallelLoop#runAll(Stream)}. */
  public Results<String> runAll(Stream<? extends URI> items) {
    return loop().runAll(items);
  }

  /** Calls {@code fetch} for each item; see {@link ParallelLoop#runAsync(Iterable)}. */
  public CompletableFuture<List<String>> runAsync(Iterable<? extends URI> items) {
    return loop().runAsync(items);
  }

  /** Calls {@code fetch} for each item; see {@link ParallelLoop#runAsync(Stream)}. */
  public CompletableFuture<List<String>> runAsync(Stream<? extends URI> items) {
    return loop().runAsync(items);
  }

  /** Calls {@code fetch} for each item; see {@link ParallelLoop#stream(Iterable)}. */
  public Stream<String> stream(Iterable<? extends URI> items) {
    return loop().stream(items);
  }

  /** Calls {@code fetch} for each item; see {@link ParallelLoop#stream(Stream)}. */
  public Stream<String> stream(Stream<? extends URI> items) {
    return loop().stream(items);
  }

  /** Calls {@code fetch} for each item; see {@link ParallelLoop#asCompleted(Iterable)}. */
  public Stream<Completed<String>> asCompleted(Iterable<? extends URI> items) {
    return loop().asCompleted(items);
  }

  /** Calls {@code fetch} for each item; see {@link ParallelLoop#asCompleted(Stream)}. */
  public Stream<Completed<String>> asCompleted(Stream<? extends URI> items) {
    return loop().asCompleted(items);
  }
}
