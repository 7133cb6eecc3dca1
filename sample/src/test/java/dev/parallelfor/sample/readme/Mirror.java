package dev.parallelfor.sample.readme;

import dev.parallelfor.Mode;
import dev.parallelfor.ParallelFor;
import dev.parallelfor.Retry;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** docs/resilience.md's retry example: a download whose first attempt fails for every address. */
class Mirror {
  private final Map<URI, AtomicInteger> attempts = new ConcurrentHashMap<>();

  // docs:retry
  @ParallelFor(mode = Mode.IO)
  @Retry(on = IOException.class, attempts = 4, backoff = "200ms")
  String download(URI uri) throws IOException {
    return get(uri); // throws IOException on a 503, a reset connection, ...
  }

  // docs:end

  private String get(URI uri) throws IOException {
    if (attempts.computeIfAbsent(uri, k -> new AtomicInteger()).incrementAndGet() == 1) {
      throw new IOException("503 from " + uri);
    }
    return uri.getPath();
  }

  int attempts(URI uri) {
    return attempts.get(uri).get();
  }
}
