package dev.parallelfor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parallelfor.Mode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A chaos property of checkpoints: over random features (form, source, parallelism, retries, state
 * per worker, the index) and random stops (an item failing a fail-fast run, a stream closed early,
 * several of them in a row), a run resumed from the checkpoint returns exactly what an
 * uninterrupted run returns, and calls the method only for items the checkpoint did not hold.
 */
class CheckpointPropertiesTest {
  enum Source {
    LIST,
    ITERABLE,
    STREAM,
    RANGE
  }

  enum Form {
    RUN,
    RUN_ALL,
    RUN_ASYNC,
    STREAM,
    AS_COMPLETED,
    FOR_EACH
  }

  /** How one interrupted run stops: an item fails it, or its result stream is closed early. */
  enum Stop {
    FAIL_AT,
    CLOSE_AFTER
  }

  /** The method, its calls, and how the run being made goes wrong. */
  static final class Work {
    final Set<Long> called = ConcurrentHashMap.newKeySet();
    final Map<Long, Integer> attempts = new ConcurrentHashMap<>();
    volatile long failAt = -1;
    volatile boolean flaky;

    String apply(long index, Object item) throws Exception {
      int attempt = attempts.merge(index, 1, Integer::sum);
      called.add(index);
      if (index == failAt) {
        throw new IllegalStateException("stop at " + index);
      }
      if (flaky && attempt == 1 && index % 5 == 0) {
        throw new java.io.IOException("flaky " + index);
      }
      return item + "@" + index;
    }
  }

  @Property(tries = 80)
  void runThenResumeEqualsAnUninterruptedRun(
      @ForAll @IntRange(min = 0, max = 400) int size,
      @ForAll Source source,
      @ForAll Form finalForm,
      @ForAll @IntRange(min = 1, max = 6) int parallelism,
      @ForAll boolean retries,
      @ForAll boolean perWorker,
      @ForAll @Size(max = 3) List<Stop> stops,
      @ForAll @Size(min = 3, max = 3) List<@IntRange(min = 0, max = 400) Integer> where,
      @ForAll boolean changeInput) {
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    Work work = new Work();
    work.flaky = retries;
    ParallelLoop<Object, String> loop = loop(source, parallelism, retries, perWorker, work, store);
    List<Object> items = items(source, size, false);

    for (int s = 0; s < stops.size(); s++) {
      long at = size == 0 ? 0 : where.get(s) % size;
      if (stops.get(s) == Stop.FAIL_AT) {
        work.failAt = at;
        try {
          assertTimeoutPreemptively(
              TestBounds.HANG, () -> run(loop, Form.RUN, input(source, items)));
        } catch (ParallelForException expected) {
          // the interrupted run
        }
        work.failAt = -1;
      } else {
        assertTimeoutPreemptively(
            TestBounds.HANG,
            () -> {
              try (Stream<String> results = streamOf(loop, input(source, items))) {
                results.limit(at).forEach(r -> {});
              }
            });
      }
    }

    List<Object> finalItems =
        changeInput && source != Source.RANGE ? items(source, size, true) : items;
    Set<Long> storedBefore = new java.util.HashSet<>(store.latest().keySet());
    work.called.clear();
    work.attempts.clear();
    List<String> results =
        assertTimeoutPreemptively(
            TestBounds.HANG, () -> run(loop, finalForm, input(source, finalItems)));

    if (finalForm != Form.FOR_EACH) {
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        expected.add(finalItems.get(i) + "@" + i);
      }
      assertThat(results).isEqualTo(expected);
    }
    // Stored items were not called: only the ones the journal lacked, or whose item changed.
    for (long index : work.called) {
      boolean changed = !finalItems.get((int) index).equals(items.get((int) index));
      assertThat(!storedBefore.contains(index) || changed)
          .as("item %s was stored and unchanged, yet called", index)
          .isTrue();
    }
    if (!changeInput) {
      assertThat(work.called.size()).isEqualTo(size - storedBefore.size());
    }
  }

  private static ParallelLoop<Object, String> loop(
      Source source,
      int parallelism,
      boolean retries,
      boolean perWorker,
      Work work,
      MemoryCheckpointStore store) {
    LoopSettings settings =
        LoopSettings.of(Mode.CPU).parallelism(parallelism).checkpoint(Checkpoint.of(store));
    if (retries) {
      settings =
          settings.retry(
              RetryPolicy.on(java.io.IOException.class)
                  .attempts(3)
                  .backoff(java.time.Duration.ofMillis(1)));
    }
    if (source == Source.RANGE && !perWorker) {
      ParallelLoop<Long, String> range = settings.rangeLoop((index, n) -> work.apply(index, n));
      @SuppressWarnings({"unchecked", "rawtypes"})
      ParallelLoop<Object, String> erased = (ParallelLoop) range;
      return erased;
    }
    if (perWorker) {
      return settings.loopPerWorker(
          (WorkerScope worker) -> {
            StringBuilder own = worker.local(StringBuilder::new);
            return (long index, Object item) -> {
              own.setLength(0);
              return own.append(work.apply(index, item)).toString();
            };
          });
    }
    return settings.loop((long index, Object item) -> work.apply(index, item));
  }

  private static List<Object> items(Source source, int size, boolean changed) {
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if (source == Source.RANGE) {
        items.add((long) i);
      } else {
        items.add(changed && i % 11 == 3 ? "changed" + i : "item" + i);
      }
    }
    return items;
  }

  private static Object input(Source source, List<Object> items) {
    return switch (source) {
      case LIST -> items;
      case ITERABLE -> (Iterable<Object>) items::iterator;
      case STREAM -> items.stream().filter(x -> true);
      case RANGE -> Range.of(0L, (long) items.size());
    };
  }

  @SuppressWarnings("unchecked")
  private static List<String> run(ParallelLoop<Object, String> loop, Form form, Object input) {
    if (input instanceof Stream<?> stream) {
      return runStream(loop, form, (Stream<Object>) stream);
    }
    Iterable<Object> items = (Iterable<Object>) input;
    return switch (form) {
      case RUN -> loop.run(items);
      case RUN_ALL -> loop.runAll(items).values();
      case RUN_ASYNC -> loop.runAsync(items).join();
      case STREAM -> {
        try (Stream<String> results = loop.stream(items)) {
          yield results.collect(Collectors.toList());
        }
      }
      case AS_COMPLETED -> {
        try (Stream<Completed<String>> results = loop.asCompleted(items)) {
          yield inOrder(results);
        }
      }
      case FOR_EACH -> {
        loop.forEach(items);
        yield null;
      }
    };
  }

  private static List<String> runStream(
      ParallelLoop<Object, String> loop, Form form, Stream<Object> items) {
    return switch (form) {
      case RUN -> loop.run(items);
      case RUN_ALL -> loop.runAll(items).values();
      case RUN_ASYNC -> loop.runAsync(items).join();
      case STREAM -> {
        try (Stream<String> results = loop.stream(items)) {
          yield results.collect(Collectors.toList());
        }
      }
      case AS_COMPLETED -> {
        try (Stream<Completed<String>> results = loop.asCompleted(items)) {
          yield inOrder(results);
        }
      }
      case FOR_EACH -> {
        loop.forEach(items);
        yield null;
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static Stream<String> streamOf(ParallelLoop<Object, String> loop, Object input) {
    return input instanceof Stream<?> stream
        ? loop.stream((Stream<Object>) stream)
        : loop.stream((Iterable<Object>) input);
  }

  private static List<String> inOrder(Stream<Completed<String>> results) {
    return results
        .sorted(Comparator.comparingLong(Completed::index))
        .map(Completed::value)
        .collect(Collectors.toList());
  }
}
