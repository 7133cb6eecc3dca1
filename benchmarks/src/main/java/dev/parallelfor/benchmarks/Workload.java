package dev.parallelfor.benchmarks;

import java.util.List;
import java.util.function.LongUnaryOperator;
import java.util.stream.Stream;

/**
 * One workload as the contenders see it: the plain function that the hand-written contenders call,
 * and the generated ParallelFor drivers of the same method in both modes.
 *
 * @param name a short name for messages
 * @param function the single-item method as a plain function
 * @param cpu the method's driver in CPU mode, at its default settings
 * @param io the method's driver in IO mode, at its default settings
 */
record Workload(String name, LongUnaryOperator function, Drivers cpu, Drivers io) {

  /** Workload A: tiny CPU items (also the items of D). */
  static final Workload TINY =
      new Workload(
          "tiny",
          Workloads::tiny,
          new Drivers(
              items -> new WorkloadsTinyDriver().run(items),
              items -> new WorkloadsTinyDriver().stream(items),
              (from, to) -> new WorkloadsTinyDriver().runRange(from, to),
              items -> new WorkloadsTinyDriver().checkpoint(Journals.fresh()).run(items)),
          new Drivers(
              items -> new WorkloadsTinyIoDriver().run(items),
              items -> new WorkloadsTinyIoDriver().stream(items),
              (from, to) -> new WorkloadsTinyIoDriver().runRange(from, to),
              items -> new WorkloadsTinyIoDriver().checkpoint(Journals.fresh()).run(items)));

  /** Workload B: medium CPU items. */
  static final Workload MEDIUM =
      new Workload(
          "medium",
          Workloads::medium,
          new Drivers(
              items -> new WorkloadsMediumDriver().run(items),
              items -> new WorkloadsMediumDriver().stream(items),
              (from, to) -> new WorkloadsMediumDriver().runRange(from, to),
              items -> new WorkloadsMediumDriver().checkpoint(Journals.fresh()).run(items)),
          new Drivers(
              items -> new WorkloadsMediumIoDriver().run(items),
              items -> new WorkloadsMediumIoDriver().stream(items),
              (from, to) -> new WorkloadsMediumIoDriver().runRange(from, to),
              items -> new WorkloadsMediumIoDriver().checkpoint(Journals.fresh()).run(items)));

  /** Workload C: items that block for 100 ms. */
  static final Workload BLOCKING =
      new Workload(
          "blocking",
          Workloads::blockUnchecked,
          new Drivers(
              items -> new WorkloadsBlockDriver().run(items),
              items -> new WorkloadsBlockDriver().stream(items),
              (from, to) -> new WorkloadsBlockDriver().runRange(from, to),
              items -> new WorkloadsBlockDriver().checkpoint(Journals.fresh()).run(items)),
          new Drivers(
              items -> new WorkloadsBlockIoDriver().run(items),
              items -> new WorkloadsBlockIoDriver().stream(items),
              (from, to) -> new WorkloadsBlockIoDriver().runRange(from, to),
              items -> new WorkloadsBlockIoDriver().checkpoint(Journals.fresh()).run(items)));

  /**
   * The entry points of a generated driver that the benchmarks use; {@code checkpointed} runs with
   * a new journal each time ({@code driver.checkpoint(file).run(items)}).
   */
  record Drivers(ListRun run, StreamRun stream, RangeRun range, ListRun checkpointed) {}

  /** {@code driver.run(items)}. */
  @FunctionalInterface
  interface ListRun {
    List<Long> run(List<Long> items);
  }

  /** {@code driver.stream(items)}: ordered results while the run goes on. */
  @FunctionalInterface
  interface StreamRun {
    Stream<Long> stream(Iterable<Long> items);
  }

  /** {@code driver.runRange(from, to)}: the unboxed input path. */
  @FunctionalInterface
  interface RangeRun {
    List<Long> runRange(long from, long to);
  }
}
