package dev.parallelfor.sample;

import dev.parallelfor.runtime.ProgressListener;
import dev.parallelfor.runtime.Results;
import dev.parallelfor.runtime.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The sample's second job: fetch many addresses from a slow server, with the generated IO-mode
 * driver, and compare with a {@code for} loop timed on the first few addresses (fetching all of
 * them one by one would take minutes).
 */
public final class FetchJob {
  private FetchJob() {}

  /**
   * What the job found.
   *
   * @param uris the addresses, in the order given to the driver
   * @param forLoopCount how many of the first addresses the {@code for} loop fetched
   * @param forLoopTime how long the {@code for} loop took for them
   * @param driver the driver's outcome for each address
   * @param driverTime how long the driver took
   * @param requests the requests the server received during the driver's run, retries included
   * @param unavailable how many of them it answered 503
   * @param tooMany how many of them it answered 429
   */
  public record Outcome(
      List<URI> uris,
      int forLoopCount,
      Duration forLoopTime,
      Results<Page> driver,
      Duration driverTime,
      long requests,
      long unavailable,
      long tooMany) {
    /**
     * The attempts beyond the first of each address: requests the driver sent again.
     *
     * @return the retried attempts
     */
    public long retried() {
      return Math.max(0, requests - uris.size());
    }

    /**
     * The {@code for} loop's time for every address: measured if it fetched them all, otherwise
     * extrapolated from the ones it fetched.
     *
     * @return the time, or zero if the loop fetched nothing
     */
    public Duration forLoopEstimate() {
      if (forLoopCount == 0) {
        return Duration.ZERO;
      }
      return Duration.ofNanos((long) ((double) forLoopTime.toNanos() * uris.size() / forLoopCount));
    }

    /**
     * Whether {@link #forLoopEstimate()} is a measurement.
     *
     * @return true if the {@code for} loop fetched every address
     */
    public boolean forLoopMeasured() {
      return forLoopCount == uris.size();
    }
  }

  /**
   * How the driver treats a service that fails now and then, beyond the {@code @Retry} of {@link
   * Fetcher#get}.
   *
   * @param rateLimit the most requests a second, or 0 for no limit
   * @param attempts the attempts per address, replacing the annotation's, or 0 to keep it
   */
  public record Resilience(int rateLimit, int attempts) {
    /** The annotation's retry policy and no rate limit. */
    public static final Resilience DEFAULT = new Resilience(0, 0);
  }

  /**
   * Runs the job with the annotation's retry policy and no rate limit.
   *
   * @param server the server to fetch from
   * @param client the client to fetch with
   * @param count how many addresses to fetch
   * @param forLoopCount how many of them to fetch first with a {@code for} loop, for comparison
   * @param parallelism items in flight for the driver, or 0 for the IO mode's default
   * @param listener receives the driver's progress
   * @return the driver's results and both times
   * @throws InterruptedException if the calling thread is interrupted
   */
  public static Outcome run(
      LatencyServer server,
      HttpClient client,
      int count,
      int forLoopCount,
      int parallelism,
      ProgressListener listener)
      throws InterruptedException {
    return run(server, client, count, forLoopCount, parallelism, Resilience.DEFAULT, listener);
  }

  /**
   * Runs the job.
   *
   * @param server the server to fetch from
   * @param client the client to fetch with
   * @param count how many addresses to fetch
   * @param forLoopCount how many of them to fetch first with a {@code for} loop, for comparison
   * @param parallelism items in flight for the driver, or 0 for the IO mode's default
   * @param resilience the driver's rate limit and attempts
   * @param listener receives the driver's progress
   * @return the driver's results and both times
   * @throws InterruptedException if the calling thread is interrupted
   */
  public static Outcome run(
      LatencyServer server,
      HttpClient client,
      int count,
      int forLoopCount,
      int parallelism,
      Resilience resilience,
      ProgressListener listener)
      throws InterruptedException {
    List<URI> uris =
        IntStream.range(0, count).mapToObj(server::uri).collect(Collectors.toUnmodifiableList());
    int loopCount = Math.min(count, forLoopCount);
    warmUp(server, client);

    long start = System.nanoTime();
    for (URI uri : uris.subList(0, loopCount)) {
      try {
        Fetcher.get(uri, client);
      } catch (IOException e) {
        // counted by the driver's run below, which fetches the same address
      }
    }
    Duration loopTime = Duration.ofNanos(System.nanoTime() - start);

    FetcherGetDriver driver = new FetcherGetDriver().onProgress(listener);
    if (parallelism > 0) {
      driver = driver.parallelism(parallelism);
    }
    if (resilience.rateLimit() > 0) {
      driver = driver.rateLimit(resilience.rateLimit());
    }
    if (resilience.attempts() > 0) {
      driver =
          driver.retry(
              RetryPolicy.on(IOException.class)
                  .attempts(resilience.attempts())
                  .backoff(Duration.ofMillis(20)));
    }
    long requests = server.itemHits();
    long unavailable = server.unavailableAnswers();
    long tooMany = server.tooManyAnswers();
    start = System.nanoTime();
    Results<Page> results = driver.runAll(uris, client);
    Duration driverTime = Duration.ofNanos(System.nanoTime() - start);
    return new Outcome(
        uris,
        loopCount,
        loopTime,
        results,
        driverTime,
        server.itemHits() - requests,
        server.unavailableAnswers() - unavailable,
        server.tooManyAnswers() - tooMany);
  }

  /**
   * One request outside the items, so that neither loop pays for loading the HTTP client's classes
   * and opening the first connection.
   */
  private static void warmUp(LatencyServer server, HttpClient client) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(server.base().resolve("/")).GET().build();
    try {
      client.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      // the real requests will report it
    }
  }
}
