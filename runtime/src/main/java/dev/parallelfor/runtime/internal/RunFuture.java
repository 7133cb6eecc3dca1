package dev.parallelfor.runtime.internal;

import java.util.concurrent.CompletableFuture;

/** The future of {@code runAsync}: cancelling it cancels the run (its workers are interrupted). */
final class RunFuture<T> extends CompletableFuture<T> {
  private final Run run;

  RunFuture(Run run) {
    this.run = run;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      run.stop(null);
    }
    return cancelled;
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CompletableFuture<>(); // dependents do not own the run
  }
}
