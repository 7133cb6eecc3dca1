package dev.parallelfor.sample;

import dev.parallelfor.Mode;
import dev.parallelfor.ParallelFor;
import dev.parallelfor.Retry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * HTTP GETs. The annotation makes the processor write {@code FetcherGetDriver}: a static method
 * gives a driver with a no-argument constructor, and the client, a shared argument, is passed once
 * to {@code run(uris, client)}. {@code @Retry} makes the driver try a request again when it fails
 * with an {@code IOException} (a 503 or 429 answer, a connection reset), up to five attempts in
 * all, waiting about 20 ms, then 40, 80 and 160 ms, between them.
 */
public final class Fetcher {
  /** How long one request may take before it fails. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private Fetcher() {}

  /**
   * Fetches one address. In IO mode many calls wait on the network at once, each on its own
   * (virtual, from Java 21) thread.
   *
   * @param uri the address
   * @param client the client every call shares
   * @return the status and the body's length
   * @throws IOException if the request fails or the status is not 200
   * @throws InterruptedException if the run is cancelled while the request is in flight
   */
  @ParallelFor(mode = Mode.IO)
  @Retry(on = IOException.class, attempts = 5, backoff = "20ms")
  public static Page get(URI uri, HttpClient client) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode() + " from " + uri);
    }
    return new Page(uri, response.statusCode(), response.body().length);
  }

  /**
   * A client for many concurrent requests to a local server.
   *
   * @return a new HTTP/1.1 client
   */
  public static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }
}
