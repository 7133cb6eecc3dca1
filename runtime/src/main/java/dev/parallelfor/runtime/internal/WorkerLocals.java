package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.WorkerScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One worker's instances for one run, closed in reverse order when it leaves. Confined to the
 * worker's thread.
 */
final class WorkerLocals implements WorkerScope {
  private List<AutoCloseable> toClose;

  @Override
  public <S> S local(Supplier<? extends S> supplier) {
    Objects.requireNonNull(supplier, "supplier");
    S made = supplier.get();
    if (made instanceof AutoCloseable closeable) {
      if (toClose == null) {
        toClose = new ArrayList<>(2);
      }
      toClose.add(closeable);
    }
    return made;
  }

  /**
   * Closes every instance, last made first, each even when an earlier close threw. Returns the
   * first failure, with the later ones suppressed on it, or null.
   */
  Throwable closeAll() {
    if (toClose == null) {
      return null;
    }
    Throwable first = null;
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (Throwable thrown) {
        if (first == null) {
          first = thrown;
        } else if (first != thrown) {
          first.addSuppressed(thrown);
        }
      }
    }
    toClose = null;
    return first;
  }
}
