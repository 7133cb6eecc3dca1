package dev.parallelfor.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A process that runs a checkpointed loop and is killed at random points by {@link
 * KilledRunResumesTest}: it prints "ran N" as each item's method returns, and, if it lives to the
 * end, "results H" with a hash of every result in order.
 */
public final class KilledRunChild {
  private KilledRunChild() {}

  /** The result of item {@code i}: some work, so that items take a few microseconds. */
  static long work(int i) {
    long h = i;
    for (int k = 0; k < 2_000; k++) {
      h = h * 6364136223846793005L + 1442695040888963407L;
    }
    return h;
  }

  /** The hash of a run's results in order. */
  static long hash(List<Long> results) {
    long h = 17;
    for (long r : results) {
      h = h * 31 + r;
    }
    return h;
  }

  public static void main(String[] args) {
    Path journal = Path.of(args[0]);
    int items = Integer.parseInt(args[1]);
    List<Integer> input = IntStream.range(0, items).boxed().collect(Collectors.toList());
    List<Long> results =
        Parallel.cpu(
                (Integer i) -> {
                  long r = work(i);
                  System.out.println("ran " + i);
                  return r;
                })
            .name("killed")
            .parallelism(2)
            .checkpoint(journal)
            .run(input);
    System.out.println("results " + hash(results));
  }
}
