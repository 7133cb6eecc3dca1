package dev.parallelfor.runtime;

import dev.parallelfor.runtime.spi.CheckpointJournal;
import dev.parallelfor.runtime.spi.CheckpointStore;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A checkpoint store in memory, as a user would write one for another medium: records in a list,
 * one run at a time, one identity. It also counts what the runs did to it and can fail on demand.
 */
final class MemoryCheckpointStore implements CheckpointStore {
  /** One stored record. */
  record Entry(long index, long fingerprint, byte[] result) {}

  private final List<Entry> records = new ArrayList<>();
  private final AtomicBoolean inUse = new AtomicBoolean();
  private final AtomicInteger opens = new AtomicInteger();
  private final AtomicInteger closes = new AtomicInteger();
  private volatile CountDownLatch closed = new CountDownLatch(1);
  private String identity;

  /** Appends made, each with its count of records. */
  private final List<Integer> appends = new ArrayList<>();

  /** When set, appends throw it. */
  volatile IOException failAppends;

  /** When set, closing a journal throws it (after letting the store go). */
  volatile IOException failClose;

  /** When set, open throws it. */
  volatile IOException failOpen;

  @Override
  public synchronized CheckpointJournal open(String identity, Duration syncEvery)
      throws IOException {
    if (failOpen != null) {
      throw failOpen;
    }
    if (this.identity != null && !this.identity.equals(identity)) {
      throw new IllegalStateException(
          "this store holds results of " + this.identity + ", not of " + identity);
    }
    if (!inUse.compareAndSet(false, true)) {
      throw new IllegalStateException("this store is in use by another run");
    }
    this.identity = identity;
    opens.incrementAndGet();
    closed = new CountDownLatch(1);
    return new Journal();
  }

  synchronized String identity() {
    return identity;
  }

  int opens() {
    return opens.get();
  }

  int closes() {
    return closes.get();
  }

  /** Waits until the journal of the last run was closed (the run ended). */
  void awaitClosed() throws InterruptedException {
    if (!closed.await(TestBounds.HANG.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("the run never closed its journal");
    }
  }

  /** The appends made, each as its count of records. */
  synchronized List<Integer> appends() {
    return new ArrayList<>(appends);
  }

  /** Every record, oldest first. */
  synchronized List<Entry> records() {
    return new ArrayList<>(records);
  }

  /** The latest record of each position. */
  synchronized Map<Long, Entry> latest() {
    Map<Long, Entry> latest = new TreeMap<>();
    for (Entry e : records) {
      latest.put(e.index(), e);
    }
    return latest;
  }

  /** Keeps the records of positions below {@code count} only, as a run killed there would. */
  synchronized void keepFirst(long count) {
    records.removeIf(e -> e.index() >= count);
  }

  /** Replaces the result bytes of the latest record of {@code index}, as a tampered file would. */
  synchronized void tamper(long index, byte[] result) {
    Entry e = latest().get(index);
    records.add(new Entry(index, e.fingerprint(), result));
  }

  @Override
  public String toString() {
    return "memory store";
  }

  private final class Journal implements CheckpointJournal {
    private final AtomicBoolean closedOnce = new AtomicBoolean();

    @Override
    public void replay(RecordVisitor visitor) {
      for (Entry e : records()) {
        visitor.record(e.index(), e.fingerprint(), e.result());
      }
    }

    @Override
    public void append(long[] indexes, long[] fingerprints, byte[][] results, int count)
        throws IOException {
      if (closedOnce.get()) {
        throw new IOException("closed");
      }
      IOException failure = failAppends;
      if (failure != null) {
        throw failure;
      }
      synchronized (MemoryCheckpointStore.this) {
        for (int i = 0; i < count; i++) {
          records.add(new Entry(indexes[i], fingerprints[i], results[i].clone()));
        }
        appends.add(count);
      }
    }

    @Override
    public void close() throws IOException {
      if (!closedOnce.compareAndSet(false, true)) {
        throw new IllegalStateException("closed twice");
      }
      closes.incrementAndGet();
      inUse.set(false);
      closed.countDown();
      if (failClose != null) {
        throw failClose;
      }
    }
  }
}
