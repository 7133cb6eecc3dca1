package dev.parallelfor.sample.readme;

import java.io.IOException;
import java.net.URI;

/** The docs' page fetcher, reduced to what their ad-hoc loop examples need. */
final class Crawler {
  private Crawler() {}

  static String fetch(URI uri) throws IOException {
    if (uri.getHost() == null) {
      throw new IOException("no host in " + uri);
    }
    return "<html>" + uri.getHost() + "</html>";
  }
}
