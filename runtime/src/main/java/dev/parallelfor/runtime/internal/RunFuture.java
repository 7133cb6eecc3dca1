package dev.parallelfor.runtime.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The future of {@code runAsync}: cancelling it cancels the run (its workers are interrupted), and
 * a worker of another run that waits for it with {@link #join()} or {@link #get()} works on its
 * items meanwhile, so a nested asynchronous run cannot starve for threads.
 */
final class RunFuture<T> extends CompletableFuture<T> {
  private final Run run;

  RunFuture(Run run) {
    this.run = run;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      run.cancel();
    }
    return cancelled;
  }

  @Override
  public T join() {
    helpIfWorker();
    return super.join();
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    helpIfWorker();
    return super.get();
  }

  private void helpIfWorker() {
    if (!isDone() && Worker.insideWorker()) {
      run.help();
    }
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CompletableFuture<>(); // dependents do not own the run
  }
}
