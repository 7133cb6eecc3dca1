package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.IndexedItemFunction;
import dev.parallelfor.runtime.RangeFunction;
import dev.parallelfor.runtime.Results;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** The engine's execution forms with the input made in one call, as the tests use them. */
final class Runs {
  private Runs() {}

  static <T, R> List<R> run(
      RunOptions options, Iterable<? extends T> items, IndexedItemFunction<? super T, R> fn) {
    return Engine.run(options, Engine.items(items), fn);
  }

  static <T, R> List<R> run(
      RunOptions options, Stream<? extends T> items, IndexedItemFunction<? super T, R> fn) {
    return Engine.run(options, Engine.items(items), fn);
  }

  static <T> void runVoid(
      RunOptions options, Iterable<? extends T> items, IndexedItemFunction<? super T, ?> fn) {
    Engine.runVoid(options, Engine.items(items), fn);
  }

  static <T> void runVoid(
      RunOptions options, Stream<? extends T> items, IndexedItemFunction<? super T, ?> fn) {
    Engine.runVoid(options, Engine.items(items), fn);
  }

  static <T, R> Results<R> runAll(
      RunOptions options, Iterable<? extends T> items, IndexedItemFunction<? super T, R> fn) {
    return Engine.runAll(options, Engine.items(items), fn);
  }

  static <T, R> Results<R> runAll(
      RunOptions options, Stream<? extends T> items, IndexedItemFunction<? super T, R> fn) {
    return Engine.runAll(options, Engine.items(items), fn);
  }

  static <T, R> CompletableFuture<List<R>> runAsync(
      RunOptions options, Iterable<? extends T> items, IndexedItemFunction<? super T, R> fn) {
    return Engine.runAsync(options, Engine.items(items), fn);
  }

  static <T, R> CompletableFuture<List<R>> runAsync(
      RunOptions options, Stream<? extends T> items, IndexedItemFunction<? super T, R> fn) {
    return Engine.runAsync(options, Engine.items(items), fn);
  }

  static <T, R> Stream<R> stream(
      RunOptions options, Iterable<? extends T> items, IndexedItemFunction<? super T, R> fn) {
    return Engine.stream(options, Engine.items(items), fn);
  }

  static <T, R> Stream<R> stream(
      RunOptions options, Stream<? extends T> items, IndexedItemFunction<? super T, R> fn) {
    return Engine.stream(options, Engine.items(items), fn);
  }

  static <R> List<R> runRange(RunOptions options, long from, long to, RangeFunction<R> fn) {
    return Engine.run(options, Engine.range(from, to, false), Engine.rangeCall(from, fn));
  }

  static <R> List<R> runRange(RunOptions options, int from, int to, RangeFunction<R> fn) {
    return Engine.run(options, Engine.range(from, to, true), Engine.rangeCall(from, fn));
  }

  static void runRangeVoid(RunOptions options, long from, long to, RangeFunction<?> fn) {
    Engine.runVoid(options, Engine.range(from, to, false), Engine.rangeCall(from, fn));
  }

  static void runRangeVoid(RunOptions options, int from, int to, RangeFunction<?> fn) {
    Engine.runVoid(options, Engine.range(from, to, true), Engine.rangeCall(from, fn));
  }
}
