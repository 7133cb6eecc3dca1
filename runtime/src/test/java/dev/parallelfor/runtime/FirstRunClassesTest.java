package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the first run in a fresh JVM loads, which is most of what a batch job's one call costs
 * beyond its items: no lambda or method reference of the runtime's own (a fresh JVM's first one
 * costs the whole {@code invokedynamic} bootstrap, about 10 ms), and few classes of the runtime. In
 * a JVM of its own, whose caller uses no lambda either, so that any spun at all are the runtime's.
 */
class FirstRunClassesTest {
  private static final String FIRST_RUN_DONE = "first run done";
  private static final String IO_RUN_DONE = "first IO run done";

  /**
   * The classes of the runtime that a first synchronous run of a loop over a list may load, with
   * the child's own two: 38 now (public API, engine parts, their nested types), and a little room.
   * A run that needs more loads what it could load lazily (what only a failure, a deadline, a
   * listener, a retry, an asynchronous run, another kind of input or a cluster needs).
   */
  private static final int RUNTIME_CLASSES_BUDGET = 41;

  @Test
  void firstRunsSpinNoLambdaAndLoadFewRuntimeClasses() throws IOException, InterruptedException {
    String output =
        ChildJvm.run(FirstRunClassesTest.class, List.of("-Xlog:class+load=info:stdout"));
    assertThat(output).contains(FIRST_RUN_DONE).contains(IO_RUN_DONE);
    String firstRun = output.substring(0, output.indexOf(FIRST_RUN_DONE));
    assertThat(firstRun).as("the run happened").contains("dev.parallelfor.runtime.internal.Run ");
    // On 21+ an IO run's workers are virtual threads, and the JDK spins method handles of its own
    // when a JVM starts its first one, whoever starts it: only the CPU run is ours to check there.
    String checked =
        Runtime.version().feature() >= 21
            ? firstRun
            : output.substring(0, output.indexOf(IO_RUN_DONE));
    assertThat(
            checked
                .lines()
                .filter(
                    line ->
                        line.contains("$$Lambda")
                            || line.contains("LambdaMetafactory")
                            || line.contains("__JVM_LookupDefineClass__"))
                .toList())
        .as("lambdas, method references or method handle forms spun by a first CPU or IO run")
        .isEmpty();
    // A caller that is no fork-join worker waits without ForkJoinPool: setting it up (its common
    // pool included) cost a first run a millisecond or two.
    assertThat(
            firstRun.lines().filter(line -> line.contains(" java.util.concurrent.ForkJoinPool ")))
        .as("ForkJoinPool loaded by a first run whose caller is no fork-join worker")
        .isEmpty();
    List<String> runtimeClasses =
        firstRun.lines().filter(line -> line.contains(" dev.parallelfor.")).toList();
    assertThat(runtimeClasses)
        .as("the runtime's classes loaded by a first run")
        .hasSizeLessThanOrEqualTo(RUNTIME_CLASSES_BUDGET);
  }

  /** The child JVM: a CPU run, then an IO run, of a loop whose function is a class. */
  public static void main(String[] args) {
    List<Integer> results = Parallel.cpu(new Increment()).run(List.of(1, 2, 3));
    if (!results.equals(List.of(2, 3, 4))) {
      throw new AssertionError(results);
    }
    System.out.println(FIRST_RUN_DONE);
    List<Integer> io = Parallel.io(new Increment()).run(List.of(1, 2, 3));
    if (!io.equals(List.of(2, 3, 4))) {
      throw new AssertionError(io);
    }
    System.out.println(IO_RUN_DONE);
  }

  /** The child's function. */
  private static final class Increment implements ItemFunction<Integer, Integer> {
    @Override
    public Integer apply(Integer n) {
      return n + 1;
    }
  }
}
