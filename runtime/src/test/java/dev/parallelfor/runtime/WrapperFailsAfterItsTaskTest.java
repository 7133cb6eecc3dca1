package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parallelfor.runtime.internal.CapturedLog;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A context wrapper that throws after its task ran fails the run, every time: a worker leaves the
 * run only once its wrapper has returned, so the run cannot have ended before the throw.
 */
class WrapperFailsAfterItsTaskTest {
  @RegisterExtension static final CapturedLog log = CapturedLog.wholeClass();

  private static final int TRIES = 200;
  private static final List<Integer> ITEMS =
      IntStream.range(0, 50).boxed().collect(Collectors.toUnmodifiableList());

  /** A wrapper failure of its own kind, so that no other failure passes for it. */
  static final class RestoreFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RestoreFailed() {
      super("restoring the context failed");
    }
  }

  private static final ParallelLoop<Integer, Integer> LOOP =
      Parallel.io((Integer n) -> n * 2)
          .parallelism(2)
          .propagateContext(
              () ->
                  task ->
                      () -> {
                        task.run();
                        throw new RestoreFailed();
                      });

  private static void failsEveryTime(String form, Function<List<Integer>, Object> call) {
    assertTimeoutPreemptively(
        TestBounds.HANG.multipliedBy(2),
        () -> {
          for (int i = 0; i < TRIES; i++) {
            Throwable thrown = assertThrows(Throwable.class, () -> call.apply(ITEMS), form);
            if (thrown instanceof CompletionException completion) {
              thrown = completion.getCause();
            }
            assertThat(thrown).as(form + ", try " + i).isInstanceOf(ParallelForException.class);
            assertThat(((ParallelForException) thrown).index()).isEqualTo(-1);
            assertThat(thrown.getCause()).as(form + ", try " + i).isInstanceOf(RestoreFailed.class);
          }
        });
  }

  @Test
  void run() {
    failsEveryTime("run", LOOP::run);
  }

  @Test
  void runAll() {
    failsEveryTime("runAll", LOOP::runAll);
  }

  @Test
  void runAsync() {
    failsEveryTime("runAsync", items -> LOOP.runAsync(items).join());
  }

  @Test
  void stream() {
    failsEveryTime(
        "stream",
        items -> {
          try (Stream<Integer> results = LOOP.stream(items)) {
            return results.toList();
          }
        });
  }
}
