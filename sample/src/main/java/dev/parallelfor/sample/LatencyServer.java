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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntPredicate;

/**
 * A local HTTP server standing in for a slow remote service: it answers {@code GET /items/N} after
 * a fixed latency and counts the requests for each item. It listens on 127.0.0.1 only, on a free
 * port, and serves requests concurrently (the JDK's server handles one at a time unless it is given
 * an executor).
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
  private final Map<Integer, LongAdder> hits = new ConcurrentHashMap<>();
  private final LongAdder totalHits = new LongAdder();

  private LatencyServer(
      HttpServer server, ExecutorService executor, Duration latency, IntPredicate failing) {
    this.server = server;
    this.executor = executor;
    this.latency = latency;
    this.failing = failing;
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
    LatencyServer latencyServer = new LatencyServer(server, executor, latency, failing);
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
      try {
        Thread.sleep(latency.toMillis()); // the simulated network and server time
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the server is closing
        return;
      }
      if (failing.test(index)) {
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
