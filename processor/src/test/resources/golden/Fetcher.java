package com.example.fetch;

import dev.parallelfor.Mode;
import dev.parallelfor.ParallelFor;
import dev.parallelfor.Retry;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeoutException;

public class Fetcher {
  @ParallelFor(mode = Mode.IO, parallelism = 64)
  @Retry(on = {IOException.class, TimeoutException.class}, attempts = 4, backoff = "1.5s")
  public String fetch(URI uri) throws IOException {
    return uri.toString();
  }
}
