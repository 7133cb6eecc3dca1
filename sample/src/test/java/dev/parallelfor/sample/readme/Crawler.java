package dev.parallelfor.sample.readme;

import java.io.IOException;
import java.net.URI;

/** The README's page fetcher, reduced to what its ad-hoc loop example needs. */
final class Crawler {
  private Crawler() {}

  static String fetch(URI uri) throws IOException {
    if (uri.getHost() == null) {
      throw new IOException("no host in " + uri);
    }
    return "<html>" + uri.getHost() + "</html>";
  }
}
