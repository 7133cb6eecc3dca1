package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelfor.runtime.spi.Cluster;
import dev.parallelfor.runtime.spi.ClusterChunk;
import org.junit.jupiter.api.Test;

/** Every rule that sizes a chunk: the time aimed at, growth, caps, fair shares, look-ahead. */
class ChunkSizingTest {
  private static final long TARGET = ChunkSizing.TARGET_CHUNK_NANOS;
  private static final int MAX = ChunkSizing.MAX_CHUNK;

  @Test
  void chunksAimAtTheTargetTimeFromTheTimePerItem() {
    assertThat(ChunkSizing.next(8, 1_000_000, 10, TARGET)) // 100 µs an item: two fill 200 µs
        .isEqualTo(2);
  }

  @Test
  void aWorkerStartsWithOneItemAndGrowsAtMostFourfoldAtATimeUpToTheLargest() {
    ChunkSizing sizing = ChunkSizing.of(2, -1, false, Run.LIST, null);
    Worker worker = new Worker(null);
    assertThat(worker.chunkSize).isEqualTo(1);
    int[] sizes = new int[9];
    for (int i = 0; i < sizes.length; i++) {
      sizing.adapt(worker, worker.chunkSize, worker.chunkSize); // 1 ns an item
      sizes[i] = worker.chunkSize;
    }

    assertThat(sizes).containsExactly(4, 16, 64, 256, 1024, 4096, 16384, 16384, 16384);
    assertThat(MAX).isEqualTo(16384);
  }

  @Test
  void slowItemsGetChunksOfOneAndNoItemsCountAsOne() {
    assertThat(ChunkSizing.next(100, 10_000_000, 1, TARGET)).isEqualTo(1);
    // Nothing measured: as fast as can be, grows fourfold.
    assertThat(ChunkSizing.next(1, 0, 0, TARGET)).isEqualTo(4);
  }

  @Test
  void aClusterSetsTheTimeAChunkAimsAt() {
    ChunkSizing sizing = ChunkSizing.of(2, -1, false, Run.LIST, clusterAiming(100_000_000));
    Worker worker = new Worker(null);
    worker.chunkSize = 64;

    sizing.adapt(worker, 64_000_000, 64); // 1 ms an item: a hundred fill 100 ms

    assertThat(worker.chunkSize).isEqualTo(100);
  }

  @Test
  void aSizedInputGetsAFairShareOfWhatIsLeft() {
    ChunkSizing sizing = ChunkSizing.of(2, 100, false, Run.LIST, null);

    assertThat(sizing.limit(1_000, 0)).isEqualTo(25); // a quarter: two workers, two shares each
    assertThat(sizing.limit(10, 0)).isEqualTo(10); // no more than the worker wants
    assertThat(sizing.limit(1_000, 99)).isEqualTo(1); // at least one
  }

  @Test
  void anUnsizedInputIsCappedOnlyByTheLargestChunk() {
    ChunkSizing sizing = ChunkSizing.of(2, -1, true, Run.LIST, null);

    assertThat(sizing.limit(1_000, 5_000)).isEqualTo(1_000);
    assertThat(sizing.limit(Integer.MAX_VALUE, 0)).isEqualTo(MAX);
  }

  @Test
  void aLazyInputAtParallelismOneIsReadOneItemAtATime() {
    assertThat(ChunkSizing.maxChunk(1, true, Run.LIST)).isEqualTo(1);
    assertThat(ChunkSizing.maxChunk(1, false, Run.LIST)).isEqualTo(MAX); // indexed: no read
    assertThat(ChunkSizing.maxChunk(2, true, Run.LIST)).isEqualTo(MAX);
  }

  @Test
  void completionOrderChunksHoldOneItem() {
    assertThat(ChunkSizing.maxChunk(8, false, Run.COMPLETED)).isEqualTo(1);
    assertThat(ChunkSizing.maxChunk(8, true, Run.COMPLETED)).isEqualTo(1);
  }

  @Test
  void inputOrderStreamChunksAreSizedSoThatEveryWorkerFindsRoom() {
    assertThat(ChunkSizing.maxChunk(1, false, Run.STREAM)).isEqualTo(MAX);
    assertThat(ChunkSizing.maxChunk(2, false, Run.STREAM)).isEqualTo(MAX);
    assertThat(ChunkSizing.maxChunk(8, false, Run.STREAM)).isEqualTo(MAX / 4);
    assertThat(ChunkSizing.maxChunk(1 << 20, false, Run.STREAM)).isEqualTo(1);
  }

  @Test
  void theLookAheadIsBoundedByTheParallelism() {
    assertThat(ChunkSizing.lookAheadChunks(3, false)).isEqualTo(8); // two per worker and two
    assertThat(ChunkSizing.lookAheadChunks(3, true)).isEqualTo(ChunkSizing.COMPLETED_CHUNKS);
    assertThat(ChunkSizing.lookAheadChunks(1 << 20, true)).isEqualTo(2L * (1 << 20) + 2);
    assertThat(ChunkSizing.lookAheadItems(3)).isEqualTo(4L * MAX);
    assertThat(ChunkSizing.lookAheadItems(1 << 20)).isEqualTo(2L * (1 << 20));
  }

  private static Cluster clusterAiming(long nanos) {
    return new Cluster() {
      @Override
      public int parallelism() {
        return 1;
      }

      @Override
      public long targetChunkNanos() {
        return nanos;
      }

      @Override
      public ClusterChunk.Result run(ClusterChunk chunk) {
        throw new AssertionError("no chunk runs here");
      }
    };
  }
}
