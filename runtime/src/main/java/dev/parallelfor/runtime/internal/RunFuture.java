package dev.parallelfor.runtime.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The future of {@code runAsync}: cancelling it cancels the run (its workers are interrupted), and
 * a worker of another run that waits for it with {@link #join()} or {@link #get()} works on its
 * items meanwhile, so a nested asynchronous run cannot starve for threads.
 */
final class RunFuture<T> extends CompletableFuture<T> {
  private final Run run;

  private RunFuture(Run run) {
    this.run = run;
  }

  /** Starts an asynchronous run, whose future this is. */
  @SuppressWarnings("unchecked")
  static <R> CompletableFuture<R> start(Run run, Duration timeout, int kind) {
    RunFuture<R> future = new RunFuture<>(run);
    run.whenFinished(
        () -> {
          Throwable failure = run.failure();
          if (failure != null) {
            future.completeExceptionally(failure);
          } else if (kind == Run.VOID) {
            future.complete(null);
          } else {
            future.complete((R) Engine.asList(run.outcomes()));
          }
        });
    run.start(false, timeout);
    return future;
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
