package dev.parallelfor.sample.readme;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;

/** The shared-argument example of the README and docs/drivers.md, compiled. */
final class UploaderExample {
  private UploaderExample() {}

  static List<Integer> uploadAll(List<Path> files, HttpClient client, URI target) {
    // docs:shared
    // items first, then the shared arguments, passed once and handed to every call
    List<Integer> statuses = new UploaderUploadDriver().run(files, client, target);
    // docs:end
    return statuses;
  }
}
