package dev.parallelfor.sample;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntPredicate;

/**
 * A local HTTP server standing in for a slow remote service: it answers {@code GET /items/N} after
 * a fixed latency and counts the requests for each item. Like a real service it can also answer
 * {@code 503 Service Unavailable} to a share of the requests, at random, and {@code 429 Too Many
 * Requests} to those that arrive faster than a rate it allows. It listens on 127.0.0.1 only, on a
 * free port, and serves requests concurrently (the JDK's server handles one at a time unless it is
 * given an executor).
 */
public final class LatencyServer implements AutoCloseable {
  private static final String PREFIX = "/items/";
  private static final int BODY_BYTES = 512;

  static {
    // The JDK's server writes the headers and the body of a response separately; without
    // TCP_NODELAY, Nagle's algorithm holds the body back until the client's delayed
    // acknowledgement, adding about 40 ms to every request on a reused connection. The property
    // is read once, when the first server of the JVM starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Duration latency;
  private final IntPredicate failing;
  private final Faults faults;
  private final Map<Integer, LongAdder> hits = new ConcurrentHashMap<>();
  private final LongAdder totalHits = new LongAdder();
  private final LongAdder itemHits = new LongAdder();
  private final LongAdder unavailable = new LongAdder();
  private final LongAdder tooMany = new LongAdder();

  /** Guarded by this: the requests the rate still admits, and when that was last counted. */
  private double tokens;

  private long tokensCounted = System.nanoTime();

  /**
   * What goes wrong on purpose, as a busy service does.
   *
   * @param unavailableShare the share of requests answered 503, from 0 to 1, drawn at random
   * @param ratePerSecond the requests a second the server takes; it answers 429 to those above (a
   *     burst of a twentieth of a second is allowed); 0 for no limit
   */
  public record Faults(double unavailableShare, int ratePerSecond) {
    /** No faults. */
    public static final Faults NONE = new Faults(0, 0);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public Faults {
      if (!(unavailableShare >= 0 && unavailableShare <= 1)) {
        throw new IllegalArgumentException(
            "unavailableShare must be in [0, 1], was " + unavailableShare);
      }
      if (ratePerSecond < 0) {
        throw new IllegalArgumentException("ratePerSecond must be >= 0, was " + ratePerSecond);
      }
    }
  }

  private LatencyServer(
      HttpServer server,
      ExecutorService executor,
      Duration latency,
      IntPredicate failing,
      Faults faults) {
    this.server = server;
    this.executor = executor;
    this.latency = latency;
    this.failing = failing;
    this.faults = faults;
    this.tokens = burst(faults.ratePerSecond());
  }

  /**
   * Starts a server whose every item succeeds.
   *
   * @param latency how long each request waits before its answer
   * @return the running server
   * @throws IOException if no port can be bound
   */
  public static LatencyServer start(Duration latency) throws IOException {
    return start(latency, index -> false);
  }

  /**
   * Starts a server that answers 503 for some items.
   *
   * @param latency how long each request waits before its answer
   * @param failing the items to answer with 503 Service Unavailable
   * @return the running server
   * @throws IOException if no port can be bound
   */
  public static LatencyServer start(Duration latency, IntPredicate failing) throws IOException {
    return start(latency, failing, Faults.NONE);
  }

  /**
   * Starts a server that answers 503 for some items, and to a share of all requests, and 429 above
   * a rate.
   *
   * @param latency how long each request waits before its answer
   * @param failing the items to answer with 503 Service Unavailable, always
   * @param faults the share of requests answered 503 at random, and the rate above which it answers
   *     429
   * @return the running server
   * @throws IOException if no port can be bound
   */
  public static LatencyServer start(Duration latency, IntPredicate failing, Faults faults)
      throws IOException {
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must be >= 0, was " + latency);
    }
    InetSocketAddress address = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
    HttpServer server = HttpServer.create(address, 2048);
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "sample-http-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    LatencyServer latencyServer = new LatencyServer(server, executor, latency, failing, faults);
    server.createContext(PREFIX, latencyServer::handle);
    server.setExecutor(executor);
    server.start();
    return latencyServer;
  }

  /**
   * The address of an item.
   *
   * @param index the item's number, not negative
   * @return {@code http://127.0.0.1:PORT/items/INDEX}
   */
  public URI uri(int index) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PREFIX + index);
  }

  /**
   * The server's base address.
   *
   * @return {@code http://127.0.0.1:PORT}
   */
  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * The latency of each request.
   *
   * @return what {@link #start} was given
   */
  public Duration latency() {
    return latency;
  }

  /**
   * How often an item was requested.
   *
   * @param index the item's number
   * @return the number of requests received for it so far
   */
  public long hits(int index) {
    LongAdder count = hits.get(index);
    return count == null ? 0 : count.sum();
  }

  /**
   * How many requests arrived, for any path.
   *
   * @return the number of requests received so far
   */
  public long totalHits() {
    return totalHits.sum();
  }

  /**
   * How many requests for items arrived, attempts that were answered 503 or 429 included.
   *
   * @return the number of item requests received so far
   */
  public long itemHits() {
    return itemHits.sum();
  }

  /**
   * How many requests were answered 503 Service Unavailable.
   *
   * @return the count so far
   */
  public long unavailableAnswers() {
    return unavailable.sum();
  }

  /**
   * How many requests were answered 429 Too Many Requests.
   *
   * @return the count so far
   */
  public long tooManyAnswers() {
    return tooMany.sum();
  }

  /** Stops listening and ends the server's threads, without waiting for requests in flight. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      totalHits.increment();
      int index = parseIndex(exchange.getRequestURI().getPath());
      if (index < 0 || !"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      hits.computeIfAbsent(index, i -> new LongAdder()).increment();
      itemHits.increment();
      if (!admitted()) {
        tooMany.increment();
        exchange.sendResponseHeaders(429, -1);
        return;
      }
      try {
        Thread.sleep(latency.toMillis()); // the simulated network and server time
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the server is closing
        return;
      }
      if (failing.test(index)
          || (faults.unavailableShare() > 0
              && ThreadLocalRandom.current().nextDouble() < faults.unavailableShare())) {
        unavailable.increment();
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      byte[] body = body(index);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } finally {
      exchange.close();
    }
  }

  /** Whether the rate admits one more request now: a token bucket refilled at the rate. */
  private synchronized boolean admitted() {
    int rate = faults.ratePerSecond();
    if (rate == 0) {
      return true;
    }
    long now = System.nanoTime();
    tokens = Math.min(burst(rate), tokens + (now - tokensCounted) * rate / 1e9);
    tokensCounted = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  private static double burst(int rate) {
    return Math.max(1, rate / 20.0);
  }

  private static int parseIndex(String path) {
    if (!path.startsWith(PREFIX)) {
      return -1;
    }
    try {
      return Integer.parseInt(path.substring(PREFIX.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A body of {@value #BODY_BYTES} bytes that differs per item. */
  static byte[] body(int index) {
    StringBuilder text = new StringBuilder(BODY_BYTES);
    String line = "item " + index + "\n";
    while (text.length() + line.length() <= BODY_BYTES) {
      text.append(line);
    }
    while (text.length() < BODY_BYTES) {
      text.append('.');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
