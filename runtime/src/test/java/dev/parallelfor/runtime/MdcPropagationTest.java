package dev.parallelfor.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parallelfor.Mode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * SLF4J's MDC, carried from the caller into every item and gone from the pool threads afterwards.
 *
 * <p>SLF4J's basic MDC is an inheritable thread-local: a thread started while the caller's MDC is
 * set would inherit it and prove nothing. So the strict tests run on a pool whose threads all exist
 * before the caller sets its MDC, and check that, without the propagator, the items see nothing.
 */
class MdcPropagationTest {
  private static final int THREADS = 4;
  private static final List<Integer> NUMBERS =
      IntStream.range(0, 2_000).boxed().collect(Collectors.toUnmodifiableList());

  /** What a user writes to carry the MDC (the README shows the same). */
  static final ContextPropagator MDC_CONTEXT =
      () -> {
        Map<String, String> captured = MDC.getCopyOfContextMap();
        return task ->
            () -> {
              Map<String, String> previous = MDC.getCopyOfContextMap();
              MDC.setContextMap(captured == null ? Map.of() : captured);
              try {
                task.run();
              } finally {
                MDC.setContextMap(previous == null ? Map.of() : previous);
              }
            };
      };

  private final ThreadPoolExecutor pool =
      (ThreadPoolExecutor) Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void tearDown() {
    MDC.clear();
    pool.shutdownNow();
  }

  @Test
  void everyItemSeesTheCallersMdcInCpuAndIoModeThroughRunAndStream() throws Exception {
    pool.prestartAllCoreThreads(); // before the caller's MDC is set: nothing to inherit
    for (Mode mode : Mode.values()) {
      ParallelLoop<Integer, String> plain =
          Parallel.of(mode, (Integer n) -> MDC.get("request")).executor(pool).parallelism(THREADS);
      ParallelLoop<Integer, String> carried = plain.propagateContext(MDC_CONTEXT);
      MDC.put("request", "req-" + mode);
      assertTrue(plain.run(NUMBERS).stream().allMatch(v -> v == null), "control: no propagation");
      assertTrue(carried.run(NUMBERS).stream().allMatch(("req-" + mode)::equals));
      try (Stream<String> streamed = carried.stream(NUMBERS)) {
        assertTrue(streamed.allMatch(("req-" + mode)::equals));
      }
      MDC.clear();
      assertEveryPoolThreadHasNoRequest();
    }
  }

  @Test
  void theSharedPoolsCarryItToo() {
    for (Mode mode : Mode.values()) {
      MDC.put("request", "shared-" + mode);
      List<String> seen =
          Parallel.of(mode, (Integer n) -> MDC.get("request"))
              .propagateContext(MDC_CONTEXT)
              .run(NUMBERS);
      assertEquals(NUMBERS.size(), seen.stream().filter(("shared-" + mode)::equals).count());
      MDC.clear();
    }
  }

  private void assertEveryPoolThreadHasNoRequest() throws Exception {
    // One task per pool thread, all at once: each thread tells what it still holds.
    CyclicBarrier everyThread = new CyclicBarrier(THREADS);
    List<Future<String>> left =
        IntStream.range(0, THREADS)
            .mapToObj(
                i ->
                    pool.submit(
                        () -> {
                          everyThread.await();
                          return MDC.get("request");
                        }))
            .toList();
    for (Future<String> f : left) {
      assertNull(f.get(30, TimeUnit.SECONDS));
    }
  }
}
