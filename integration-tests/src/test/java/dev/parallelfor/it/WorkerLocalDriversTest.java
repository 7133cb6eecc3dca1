package dev.parallelfor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelfor.runtime.ContextPropagator;
import dev.parallelfor.runtime.ParallelForException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Generated drivers of {@code @WorkerLocal} methods, and the context they carry. */
class WorkerLocalDriversTest {
  private static final List<String> WORDS =
      IntStream.range(0, 3_000).mapToObj(i -> "w" + i).toList();

  @BeforeEach
  void forget() {
    Digests.Scratch.MADE.clear();
  }

  @Test
  void eachWorkerGetsItsOwnInstanceForEveryItemItRunsAndClosesIt() {
    List<String> shouted =
        new DigestsShoutDriver(new Digests()).run(WORDS, Digests.Scratch::new, "!");
    assertThat(shouted).isEqualTo(WORDS.stream().map(w -> w.toUpperCase() + "!").toList());
    assertThat(Digests.Scratch.MADE).hasSizeBetween(1, 4);
    assertThat(Digests.Scratch.MADE.stream().mapToInt(Digests.Scratch::uses).sum())
        .isEqualTo(WORDS.size());
    assertThat(Digests.Scratch.MADE).allMatch(s -> s.closes() == 1);
  }

  @Test
  void staticMethodsWithIndexAndRangesUseTheirWorkersInstanceToo() {
    assertThat(new DigestsTaggedDriver().run(List.of("a", "b"), StringBuilder::new, List.of()))
        .containsExactly("0:a", "1:b");
    assertThat(new DigestsTwiceDriver().runRange(0L, 5L, Digests.Scratch::new))
        .containsExactly(0L, 2L, 4L, 6L, 8L);
    assertThat(Digests.Scratch.MADE).allMatch(s -> s.closes() == 1);
  }

  @Test
  void aNullSupplierIsRefusedBeforeAnyItemStarts() {
    assertThatThrownBy(() -> new DigestsShoutDriver(new Digests()).run(WORDS, null, "!"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("scratch");
    assertThatThrownBy(() -> new DigestsTwiceDriver().runAsyncRange(0L, 5L, null))
        .isInstanceOf(NullPointerException.class);
    assertThat(Digests.Scratch.MADE).isEmpty();
  }

  @Test
  void aSupplierThatThrowsFailsTheRunWithItsCause() {
    IllegalStateException broken = new IllegalStateException("no scratch today");
    assertThatThrownBy(
            () ->
                new DigestsShoutDriver(new Digests())
                    .runAll(
                        WORDS,
                        () -> {
                          throw broken;
                        },
                        "!"))
        .isInstanceOf(ParallelForException.class)
        .hasCause(broken);
  }

  @Test
  void driversCarryTheCallersContext() {
    ThreadLocal<String> user = new ThreadLocal<>();
    ContextPropagator carry =
        () -> {
          String captured = user.get();
          return task ->
              () -> {
                user.set(captured);
                try {
                  task.run();
                } finally {
                  user.remove();
                }
              };
        };
    Set<String> seenByWorkers = ConcurrentHashMap.newKeySet();
    user.set("alice");
    try {
      List<String> tagged =
          new DigestsTaggedDriver()
              .propagateContext(carry)
              .parallelism(3)
              .run(
                  WORDS,
                  () -> { // called on each worker's thread, inside the caller's context
                    seenByWorkers.add(String.valueOf(user.get()));
                    return new StringBuilder();
                  },
                  List.of());
      assertThat(tagged).hasSize(WORDS.size());
      assertThat(seenByWorkers).containsExactly("alice");
    } finally {
      user.remove();
    }
  }
}
