package dev.parallelfor.sample.readme;

import dev.parallelfor.Index;
import dev.parallelfor.Mode;
import dev.parallelfor.ParallelFor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

// docs:shared
class Uploader {
  @ParallelFor(mode = Mode.IO, parallelism = 32)
  static int upload(Path file, @Index int position, HttpClient client, URI target)
      throws IOException, InterruptedException {
    HttpRequest put =
        HttpRequest.newBuilder(target.resolve("part-" + position))
            .PUT(HttpRequest.BodyPublishers.ofFile(file))
            .build();
    return client.send(put, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}

// docs:end
