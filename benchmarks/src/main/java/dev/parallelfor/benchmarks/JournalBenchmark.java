package dev.parallelfor.benchmarks;

import dev.parallelfor.runtime.Checkpoint;
import dev.parallelfor.runtime.internal.journal.Fingerprints;
import dev.parallelfor.runtime.internal.journal.StandardCodec;
import dev.parallelfor.runtime.spi.CheckpointJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a checkpoint journal costs per result: two threads appending Integer results in batches of
 * {@value #BATCH}, as workers append one chunk's successes at a time. {@code append} measures the
 * file journal alone (results encoded beforehand); {@code fingerprintEncodeAppend} adds what a run
 * does per item before it (the item's fingerprint and the standard encoding of its result). The
 * score is results per second. At the end of each iteration the journal's bytes per result are
 * printed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(2)
@Fork(
    value = 1,
    jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
public class JournalBenchmark {
  /** Results in one append: one chunk. */
  static final int BATCH = 1000;

  /** The sync interval: "PT1S" (the default: group commit) or "PT0S" (force every append). */
  @Param({"PT1S", "PT0S"})
  public String syncEvery;

  private Path dir;
  private Path file;
  private CheckpointJournal journal;
  private final AtomicLong appended = new AtomicLong();

  /** One thread's chunks: positions, fingerprints and results it appends over and over. */
  @State(Scope.Thread)
  public static class Chunk {
    private static final AtomicLong THREADS = new AtomicLong();
    final StandardCodec codec = StandardCodec.forResultType(Integer.class);
    final long[] indexes = new long[BATCH];
    final long[] fingerprints = new long[BATCH];
    final byte[][] results = new byte[BATCH][];
    long next;

    /** Gives each thread its own range of positions. */
    @Setup(Level.Trial)
    public void setUp() {
      next = THREADS.getAndIncrement() * 1_000_000_000L;
      fill();
    }

    /** The work of a run per item before the append: fingerprint and encode. */
    void fill() {
      for (int i = 0; i < BATCH; i++) {
        long index = next++;
        indexes[i] = index;
        fingerprints[i] = Fingerprints.ofLong(index);
        results[i] = codec.encode((int) (index * 7));
      }
    }
  }

  /** A fresh journal per iteration, so the file does not grow without bound. */
  @Setup(Level.Iteration)
  public void open() throws IOException {
    dir = Files.createTempDirectory("journal-benchmark");
    file = dir.resolve("run.journal");
    journal = Checkpoint.file(file).store().open("JournalBenchmark", Duration.parse(syncEvery));
    journal.replay((index, fingerprint, result) -> {});
    appended.set(0);
  }

  /** Closes the journal, prints its bytes per result, and deletes it. */
  @TearDown(Level.Iteration)
  public void close() throws IOException {
    journal.close();
    long records = appended.get();
    long bytes = Files.size(file);
    System.out.printf(
        "%n  journal: %,d results, %,d bytes, %.1f bytes per result%n",
        records, bytes, records == 0 ? 0.0 : (double) bytes / records);
    Files.delete(file);
    Files.delete(dir);
  }

  /** One chunk's append of results encoded beforehand. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void append(Chunk chunk) {
    write(chunk);
  }

  /** One chunk: fingerprints and encodings of its items, then its append. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void fingerprintEncodeAppend(Chunk chunk) {
    chunk.fill();
    write(chunk);
  }

  private void write(Chunk chunk) {
    try {
      journal.append(chunk.indexes, chunk.fingerprints, chunk.results, BATCH);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    appended.addAndGet(BATCH);
  }
}
