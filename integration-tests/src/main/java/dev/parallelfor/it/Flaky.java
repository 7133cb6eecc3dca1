package dev.parallelfor.it;

import dev.parallelfor.Mode;
import dev.parallelfor.ParallelFor;
import dev.parallelfor.Retry;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A service that fails the first attempts of every item. */
public class Flaky {
  private final int failuresPerItem;
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

  public Flaky(int failuresPerItem) {
    this.failuresPerItem = failuresPerItem;
  }

  @ParallelFor(mode = Mode.IO)
  @Retry(on = IOException.class, attempts = 3, backoff = "1ms")
  public String fetch(String item) throws IOException {
    int attempt = attempts.computeIfAbsent(item, k -> new AtomicInteger()).incrementAndGet();
    if (attempt <= failuresPerItem) {
      throw new IOException("attempt " + attempt + " of " + item + " failed");
    }
    return item.toUpperCase();
  }

  public int attempts(String item) {
    AtomicInteger count = attempts.get(item);
    return count == null ? 0 : count.get();
  }
}
