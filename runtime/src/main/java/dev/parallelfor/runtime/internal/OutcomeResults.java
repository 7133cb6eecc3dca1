package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.ParallelForException;
import dev.parallelfor.runtime.Results;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * {@link Results} over an array of outcomes: values, or {@link Outcomes.Failure} for failed items.
 */
final class OutcomeResults<R> implements Results<R> {
  private final Object[] outcomes;
  private final long failed;

  /**
   * The results of a run: made here rather than by the engine, whose verification would otherwise
   * load {@link Results} on every program's first run, whichever method it calls.
   */
  static <R> Results<R> of(Object[] outcomes) {
    return new OutcomeResults<>(outcomes);
  }

  private OutcomeResults(Object[] outcomes) {
    this.outcomes = outcomes;
    long count = 0;
    for (Object outcome : outcomes) {
      if (outcome instanceof Outcomes.Failure) {
        count++;
      }
    }
    this.failed = count;
  }

  @Override
  public long size() {
    return outcomes.length;
  }

  @Override
  public boolean isSuccess(long index) {
    return !(outcomes[checkIndex(index)] instanceof Outcomes.Failure);
  }

  @Override
  @SuppressWarnings("unchecked")
  public R value(long index) {
    Object outcome = outcomes[checkIndex(index)];
    if (outcome instanceof Outcomes.Failure f) {
      throw Failures.forCaller(f.exception());
    }
    return (R) outcome;
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<R> values() {
    if (failed > 0) {
      List<ParallelForException> failures = failures();
      ParallelForException first = failures.get(0);
      ParallelForException thrown =
          new ParallelForException(
              failed + " of " + size() + " items failed; the first: " + first.getMessage(),
              first.index(),
              first.item(),
              first.getCause());
      for (ParallelForException f : failures.subList(1, failures.size())) {
        thrown.addSuppressed(f);
      }
      throw thrown;
    }
    return (List<R>) Collections.unmodifiableList(Arrays.asList(outcomes));
  }

  @Override
  public List<ParallelForException> failures() {
    List<ParallelForException> failures = new ArrayList<>();
    for (Object outcome : outcomes) {
      if (outcome instanceof Outcomes.Failure f) {
        failures.add(f.exception());
      }
    }
    return Collections.unmodifiableList(failures);
  }

  @Override
  public long succeeded() {
    return outcomes.length - failed;
  }

  @Override
  public long failed() {
    return failed;
  }

  @Override
  public String toString() {
    return "Results[size=" + size() + ", succeeded=" + succeeded() + ", failed=" + failed + "]";
  }

  private int checkIndex(long index) {
    if (index < 0 || index >= outcomes.length) {
      throw new IndexOutOfBoundsException("index " + index + " out of bounds for " + size());
    }
    return (int) index;
  }
}
