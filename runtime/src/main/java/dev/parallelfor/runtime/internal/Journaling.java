package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.Checkpoint;
import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.ResultCodec;
import dev.parallelfor.runtime.internal.journal.Fingerprints;
import dev.parallelfor.runtime.internal.journal.StandardCodec;
import dev.parallelfor.runtime.spi.CheckpointJournal;
import dev.parallelfor.runtime.spi.CheckpointStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One run's hold on its checkpoint: opens the store before any item starts, keeps what it replayed
 * ({@link StoredResults}), recognises items (fingerprints of their keys), encodes and decodes
 * results with the run's codec, appends the successes its workers hand over and closes the journal
 * once when the run ends. Each failure is made here as the run should report it; {@link
 * JournaledChunks} decides when to call what.
 */
final class Journaling {
  private static final byte[] EMPTY = new byte[0];

  private final CheckpointStore store;
  private final Checkpoint checkpoint;
  private final String identity;
  private final ResultCodec<Object> codec;

  /** The codec when it is the standard one, which encodes without a stream around it; else null. */
  private final StandardCodec standard;

  private final Function<Object, ?> key;
  private final StoredResults stored;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Set by {@link #open}, before any worker starts. */
  private CheckpointJournal journal;

  @SuppressWarnings("unchecked")
  private Journaling(Checkpoint checkpoint, RunOptions options, long size) {
    this.checkpoint = checkpoint;
    this.store = checkpoint.store();
    this.standard =
        checkpoint.codec() == null ? StandardCodec.forResultType(options.resultType()) : null;
    this.codec = standard != null ? standard : (ResultCodec<Object>) checkpoint.codec();
    this.key = checkpoint.key();
    this.identity = identity(options, checkpoint);
    this.stored = new StoredResults(size);
  }

  /** The journaling of a run with these options, or null when they set no checkpoint. */
  static Journaling of(RunOptions options, long size) {
    Checkpoint checkpoint = options.checkpoint();
    return checkpoint == null ? null : new Journaling(checkpoint, options, size);
  }

  /**
   * Which loop and encoding wrote a journal: the driver's or loop's name, its method (for a loop
   * the class of its function, without the suffix that differs between JVMs for a lambda), and the
   * codec.
   */
  static String identity(RunOptions options, Checkpoint checkpoint) {
    String method = options.method() == null ? "" : options.method();
    int lambda = method.indexOf("$$Lambda");
    if (lambda >= 0) {
      method = method.substring(0, lambda);
    }
    String codec =
        checkpoint.codec() == null ? "standard" : checkpoint.codec().getClass().getName();
    return options.name() + " " + method + " codec=" + codec;
  }

  String identity() {
    return identity;
  }

  /**
   * Opens the store and reads back what it holds. Throws as the run's caller should see it: the
   * store's own refusal (another identity, another run holding it) as it is, an {@link IOException}
   * as a {@link ParallelForException} that names the checkpoint.
   */
  void open() {
    CheckpointJournal opened;
    try {
      opened =
          Objects.requireNonNull(
              store.open(identity, checkpoint.syncEvery()), "CheckpointStore.open returned null");
    } catch (IOException e) {
      throw new ParallelForException(
          "the checkpoint " + store + " could not be opened: " + e, -1, null, e);
    }
    try {
      opened.replay(stored);
    } catch (Throwable e) {
      RuntimeException failure =
          e instanceof RuntimeException re
              ? re
              : e instanceof Error error
                  ? null
                  : new ParallelForException(
                      "the checkpoint " + store + " could not be read: " + e, -1, null, e);
      try {
        opened.close();
      } catch (Throwable alsoThrown) {
        e.addSuppressed(alsoThrown);
      }
      if (failure == null) {
        throw (Error) e;
      }
      throw failure;
    }
    this.journal = opened;
  }

  /**
   * The fingerprint of an item's key. Throws what the run fails with: the key function's failure as
   * that item's, a key that has no stable fingerprint as the {@link IllegalArgumentException} that
   * names its class and the fix.
   */
  long fingerprint(long index, Object item) {
    Object itemKey = item;
    if (key != null) {
      try {
        itemKey = key.apply(item);
      } catch (RuntimeException | Error e) {
        if (e instanceof VirtualMachineError) {
          throw e;
        }
        throw new ParallelForException(
            "the checkpoint's key function failed for item "
                + index
                + " ("
                + Failures.describe(item)
                + "): "
                + e,
            index,
            item,
            e);
      }
    }
    return Fingerprints.of(itemKey);
  }

  /**
   * The stored result of the item at {@code index} whose key has {@code fingerprint}, decoded;
   * {@code absent} when there is none to answer it with. A run that keeps no values gets null for
   * any stored item. A value run does not take an empty record (a void run's) for its result.
   *
   * @throws ParallelForException if the record cannot be read back (a tampered journal)
   */
  Object restore(long index, long fingerprint, boolean keepsValues, Object absent) {
    byte[] bytes = stored.take(index, fingerprint);
    if (bytes == null) {
      return absent;
    }
    if (!keepsValues) {
      return null;
    }
    if (bytes.length == 0) {
      return absent;
    }
    try {
      return standard != null
          ? standard.decode(bytes)
          : codec.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    } catch (Exception e) {
      throw new ParallelForException(
          "the checkpoint "
              + store
              + " holds a result for item "
              + index
              + " that cannot be read back ("
              + e
              + "); delete it, or use another, to start over",
          index,
          null,
          e);
    }
  }

  /**
   * Encodes one result, or an empty record for a run that keeps no values. What a codec throws for
   * a result it cannot store (an {@link IllegalArgumentException} naming the class and the fix) is
   * what the run fails with.
   */
  byte[] encode(Object value, boolean keepsValues, ByteArrayOutputStream buffer)
      throws IOException {
    if (!keepsValues) {
      return EMPTY;
    }
    if (standard != null) {
      return standard.encode(value);
    }
    buffer.reset();
    DataOutputStream out = new DataOutputStream(buffer);
    codec.write(value, out);
    out.flush();
    return buffer.toByteArray();
  }

  /** An encoding failure as the run reports it: the codec's refusal as it is, else named. */
  Throwable encodingFailed(long index, Throwable thrown) {
    if (thrown instanceof IOException) {
      return new ParallelForException(
          "the checkpoint's codec could not encode the result of item " + index + ": " + thrown,
          index,
          null,
          thrown);
    }
    return thrown;
  }

  /**
   * Appends records. Throws what the run fails with: a failed write as a {@link
   * ParallelForException} that names the checkpoint, with the {@link IOException} as its cause.
   * After the journal was closed (a worker that came back after the run ended) nothing is written.
   */
  void append(long[] indexes, long[] fingerprints, byte[][] results, int count) {
    if (closed.get()) {
      return;
    }
    try {
      journal.append(indexes, fingerprints, results, count);
    } catch (IOException e) {
      throw new ParallelForException(
          "the checkpoint " + store + " could not be written: " + e, -1, null, e);
    }
  }

  /** Closes the journal, once; returns what the run reports about it, or null. */
  Throwable close() {
    if (journal == null || !closed.compareAndSet(false, true)) {
      return null;
    }
    try {
      journal.close();
      return null;
    } catch (IOException e) {
      return new ParallelForException(
          "the checkpoint " + store + " could not be closed: " + e, -1, null, e);
    } catch (Throwable e) {
      return e;
    }
  }
}
