package dev.parallelfor.it;

import dev.parallelfor.Index;
import dev.parallelfor.ParallelFor;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Methods whose drivers run with a checkpoint: calls are counted, failures come on demand. */
public class Resumable {
  /** A result that cannot be stored without a codec: not serializable. */
  public static final class Opaque {
    final String text;

    Opaque(String text) {
      this.text = text;
    }
  }

  /** A result of a declared serializable type, read back through that type. */
  public record Sum(String item, long position) implements java.io.Serializable {}

  private final Set<Object> called = ConcurrentHashMap.newKeySet();
  private final Map<Object, Boolean> failing = new ConcurrentHashMap<>();

  @ParallelFor
  public Sum sum(String item, @Index long position) {
    called.add(item);
    if (failing.containsKey(item)) {
      throw new IllegalStateException("failing " + item);
    }
    return new Sum(item, position);
  }

  @ParallelFor
  public long square(long n) {
    called.add(n);
    return n * n;
  }

  @ParallelFor
  public Opaque wrap(String item) {
    return new Opaque(item);
  }

  /** Makes {@code item} fail until {@link #reset}. */
  public void fail(Object item) {
    failing.put(item, true);
  }

  public Set<Object> called() {
    return Set.copyOf(called);
  }

  public void reset() {
    called.clear();
    failing.clear();
  }
}
