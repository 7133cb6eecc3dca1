package dev.parallelfor.runtime;

import dev.parallelfor.runtime.internal.journal.FileJournalStore;
import dev.parallelfor.runtime.spi.CheckpointStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where a run keeps the results of its finished items, so that a later run of the same loop over
 * the same input returns them in place, as if computed, and runs only the rest. Immutable; each
 * method returns a copy.
 *
 * <pre>{@code
 * List<String> sums = new ChecksumsSha256(checksums)
 *     .checkpoint(Path.of("sums.journal"))
 *     .run(files);
 * }</pre>
 *
 * <p>An item is recognised by its position in the input and a 64-bit fingerprint of its key: by
 * default the item itself (strings, numbers, enums, paths, URIs and byte arrays by value, records
 * and other types by their {@code toString()}); give {@link #key(Function)} for items whose {@code
 * toString()} does not tell them apart. An item whose position or key changed is run again, never
 * answered with the result of another item.
 */
public final class Checkpoint {
  /** How long a result may stay off the device unless {@link #syncEvery} says otherwise. */
  public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofSeconds(1);

  private final CheckpointStore store;
  private final ResultCodec<?> codec;
  private final Function<Object, ?> key;
  private final Duration syncEvery;

  private Checkpoint(
      CheckpointStore store, ResultCodec<?> codec, Function<Object, ?> key, Duration syncEvery) {
    this.store = store;
    this.codec = codec;
    this.key = key;
    this.syncEvery = syncEvery;
  }

  /**
   * An append-only journal file of checksummed records, made if missing. A run holds a lock on it:
   * a second run on the same file, in this process or another, is refused.
   *
   * @param journal the journal's file
   * @return a checkpoint in that file
   * @throws NullPointerException if {@code journal} is null
   */
  public static Checkpoint file(Path journal) {
    return of(new FileJournalStore(Objects.requireNonNull(journal, "journal")));
  }

  /**
   * A checkpoint in another store.
   *
   * @param store where the records go
   * @return a checkpoint in that store
   * @throws NullPointerException if {@code store} is null
   */
  public static Checkpoint of(CheckpointStore store) {
    return new Checkpoint(
        Objects.requireNonNull(store, "store"), null, null, DEFAULT_SYNC_INTERVAL);
  }

  /**
   * Stores results with {@code codec} instead of the built-in encoding.
   *
   * @param codec writes and reads the results
   * @return a copy with this codec
   * @throws NullPointerException if {@code codec} is null
   */
  public Checkpoint codec(ResultCodec<?> codec) {
    return new Checkpoint(store, Objects.requireNonNull(codec, "codec"), key, syncEvery);
  }

  /**
   * Recognises items by what {@code key} returns for them rather than by the items themselves.
   * Called for every item, from several workers at once.
   *
   * @param key gives an item's key (a string, a number, a path, a record of such)
   * @return a copy with this key
   * @throws NullPointerException if {@code key} is null
   */
  @SuppressWarnings("unchecked")
  public Checkpoint key(Function<?, ?> key) {
    return new Checkpoint(
        store, codec, (Function<Object, ?>) Objects.requireNonNull(key, "key"), syncEvery);
  }

  /**
   * How often results are forced from the operating system's cache to the device. Each chunk's
   * results are handed to the operating system as the chunk ends, so a killed process loses only
   * the chunks in flight; a power loss also loses what was not forced yet. A worker that appends
   * forces the journal when the last force is older than this interval, and the run forces it when
   * it ends: while items keep finishing, a power loss costs about this much work. {@link
   * Duration#ZERO} forces each chunk's results before its items count as done.
   *
   * @param interval the time between forces while results come
   * @return a copy with this interval
   * @throws IllegalArgumentException if {@code interval} is negative
   */
  public Checkpoint syncEvery(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative()) {
      throw new IllegalArgumentException("interval must be >= 0, was " + interval);
    }
    return new Checkpoint(store, codec, key, interval);
  }

  /**
   * The store.
   *
   * @return where the records go
   */
  public CheckpointStore store() {
    return store;
  }

  /**
   * The codec, or null for the built-in encoding.
   *
   * @return the codec
   */
  public ResultCodec<?> codec() {
    return codec;
  }

  /**
   * The key function, or null to recognise items by themselves.
   *
   * @return the key function
   */
  public Function<Object, ?> key() {
    return key;
  }

  /**
   * The sync interval.
   *
   * @return how long a result may stay off the device
   */
  public Duration syncEvery() {
    return syncEvery;
  }

  @Override
  public String toString() {
    return "Checkpoint[" + store + (codec == null ? "" : ", codec=" + codec) + "]";
  }
}
