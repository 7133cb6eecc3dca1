package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The chain of workers on one thread (nested runs). */
class WorkerTest {
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
