package dev.parallelfor.sample.readme;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.ContextPropagator;
import dev.parallelfor.runtime.Parallel;
import dev.parallelfor.runtime.WorkerScope;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * docs/worker-state.md's examples of state per worker and context propagation, run by {@code
 * WorkerStateExamplesTest}.
 */
final class WorkerStateExamples {
  private static final Logger log = LoggerFactory.getLogger(WorkerStateExamples.class);

  private WorkerStateExamples() {}

  static List<String> digestPerFile(List<byte[]> blobs) {
    // docs:digestBeforeCall
    List<String> sums = new DigestPerFileSha256Driver(new DigestPerFile()).run(blobs);
    // docs:end
    return sums;
  }

  static List<String> digestPerWorker(List<byte[]> blobs) {
    // docs:digestAfterCall
    List<String> sums =
        new DigestPerWorkerSha256Driver(new DigestPerWorker()).run(blobs, DigestPerWorker::sha256);
    // docs:end
    return sums;
  }

  static List<Long> perWorkerLoop(List<Path> files) {
    // docs:perWorkerLoop
    List<Long> crcs =
        Parallel.<Path, Long>perWorker(
                Mode.CPU,
                (WorkerScope worker) -> {
                  CRC32 crc = new CRC32(); // this worker's own, made on its first item
                  byte[] buffer = worker.local(() -> new byte[64 * 1024]);
                  return (index, file) -> {
                    crc.reset();
                    try (var in = Files.newInputStream(file)) {
                      for (int n; (n = in.read(buffer)) > 0; ) {
                        crc.update(buffer, 0, n);
                      }
                    }
                    return crc.getValue();
                  };
                })
            .run(files);
    // docs:end
    return crcs;
  }

  // docs:mdc
  /** Carries SLF4J's MDC from the thread that starts a run into its workers. */
  static final ContextPropagator MDC_CONTEXT =
      () -> {
        Map<String, String> captured = MDC.getCopyOfContextMap(); // on the calling thread
        return task ->
            () -> { // on a worker's thread
              Map<String, String> previous = MDC.getCopyOfContextMap();
              MDC.setContextMap(captured == null ? Map.of() : captured);
              try {
                task.run();
              } finally {
                MDC.setContextMap(previous == null ? Map.of() : previous);
              }
            };
      };

  // docs:end

  static List<String> mdc(List<Path> files, String requestId) {
    // docs:mdcUse
    MDC.put("request", requestId);
    List<String> sums =
        Parallel.io(
                (Path file) -> {
                  log.debug("hashing {}", file); // logged with request=... like the caller
                  return MDC.get("request") + " " + Files.size(file);
                })
            .propagateContext(MDC_CONTEXT)
            .run(files);
    // docs:end
    MDC.remove("request");
    return sums;
  }

  /** Who the caller works for: a thread-local that Micrometer is told about. */
  static final ThreadLocal<String> CURRENT_USER = new ThreadLocal<>();

  static List<String> micrometer(List<Path> files) {
    // docs:micrometer
    // Once, at start-up: what Micrometer captures (tracing libraries register their own).
    ContextRegistry.getInstance().registerThreadLocalAccessor("user", CURRENT_USER);

    // Every registered ThreadLocalAccessor: the MDC, tracing contexts, Reactor's, yours.
    ContextPropagator everything =
        () -> ContextSnapshotFactory.builder().build().captureAll()::wrap;
    List<String> owners =
        Parallel.io((Path file) -> CURRENT_USER.get() + " owns " + file.getFileName())
            .propagateContext(everything)
            .run(files);
    // docs:end
    return owners;
  }
}
