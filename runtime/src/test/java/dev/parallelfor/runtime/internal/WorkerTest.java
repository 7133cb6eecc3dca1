package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A worker's chunk sizing and the chain of workers on one thread (nested runs). */
class WorkerTest {
  private static final long TARGET = Worker.TARGET_CHUNK_NANOS;

  @Test
  void chunksAimAtTheTargetTimeFromTheTimePerItem() {
    Worker worker = new Worker(null);
    worker.chunkSize = 8;

    worker.resize(1_000_000, 10, TARGET); // 100 µs an item: two fill 200 µs

    assertThat(worker.chunkSize).isEqualTo(2);
  }

  @Test
  void chunksGrowAtMostFourfoldAtATimeUpToTheLargest() {
    Worker worker = new Worker(null);
    int[] sizes = new int[9];
    for (int i = 0; i < sizes.length; i++) {
      worker.resize(worker.chunkSize, worker.chunkSize, TARGET); // 1 ns an item
      sizes[i] = worker.chunkSize;
    }

    assertThat(sizes).containsExactly(4, 16, 64, 256, 1024, 4096, 16384, 16384, 16384);
    assertThat(Worker.MAX_CHUNK).isEqualTo(16384);
  }

  @Test
  void slowItemsGetChunksOfOneAndNoItemsCountAsOne() {
    Worker worker = new Worker(null);
    worker.chunkSize = 100;

    worker.resize(10_000_000, 1, TARGET);
    assertThat(worker.chunkSize).isEqualTo(1);

    worker.resize(0, 0, TARGET); // nothing measured: as fast as can be, grows fourfold
    assertThat(worker.chunkSize).isEqualTo(4);
  }

  @Test
  void aNestedWorkerHandsTheThreadBackToTheOneItInterrupted() {
    WorkerSet outerSet = new WorkerSet(Runnable::run, 1, new Lifecycle());
    WorkerSet innerSet = new WorkerSet(Runnable::run, 1, new Lifecycle());
    Worker outer = new Worker(null);
    outer.set = outerSet;
    Worker inner = new Worker(null);
    inner.set = innerSet;
    assertThat(Worker.insideWorker()).isFalse();

    outer.enterThread();
    inner.enterThread();
    assertThat(Worker.workingFor(innerSet)).isTrue();
    assertThat(Worker.workingFor(outerSet)).isTrue(); // the outer run is on this thread too
    assertThat(inner.enclosingRunInterrupted()).isFalse();
    outer.interruptedByRun = true;
    assertThat(inner.enclosingRunInterrupted()).isTrue();
    assertThat(outer.enclosingRunInterrupted()).isFalse(); // nothing encloses it

    inner.leaveThread();
    assertThat(Worker.workingFor(innerSet)).isFalse();
    assertThat(Worker.workingFor(outerSet)).isTrue();
    assertThat(Worker.insideWorker()).isTrue();
    outer.leaveThread();
    assertThat(Worker.insideWorker()).isFalse();
    assertThat(Worker.workingFor(outerSet)).isFalse();
  }

  @Test
  void aTaskWorkerIsNoHelper() {
    assertThat(new Worker(() -> {}).helper()).isFalse();
    assertThat(new Worker(null).helper()).isTrue();
  }
}
