package dev.parallelfor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** How each kind of input is read: by index, by pulling from an iterator or a stream, by value. */
class SourceTest {
  @Test
  void aRandomAccessListIsReadByIndexAndSlicedIntoCopies() {
    List<String> list = new ArrayList<>(List.of("a", "b", "c", "d"));
    Source source = Source.of(list);

    assertThat(source.indexed()).isTrue();
    assertThat(source.size()).isEqualTo(4);
    assertThat(source.get(2)).isEqualTo("c");
    Object[] slice = source.slice(1, 2);
    assertThat(slice).containsExactly("b", "c");
    slice[0] = "changed";
    assertThat(list).containsExactly("a", "b", "c", "d");
    assertThat(source.item(1, "passed")).isEqualTo("passed");
    assertThat(source.valuesFromIndex()).isFalse();
  }

  @Test
  void aSliceGoesIntoTheGivenArrayWhenItFitsAndIntoANewOneWhenNot() {
    Source source = Source.of(new ArrayList<>(List.of("a", "b", "c", "d")));
    Object[] reused = {"x", "x", "x"};

    Object[] fits = source.slice(1, 2, reused);
    assertThat(fits).isSameAs(reused);
    assertThat(Arrays.copyOf(fits, 2)).containsExactly("b", "c");
    Object[] outgrown = source.slice(0, 4, reused);
    assertThat(outgrown).isNotSameAs(reused).containsExactly("a", "b", "c", "d");
    assertThat(Source.of(List.of(1L, 2L)).slice(0, 2, reused)).isSameAs(reused);
  }

  @Test
  void aSliceOfAListThatShrankIsNoneSoTheRunReadsItemByItem() {
    List<String> list = new ArrayList<>(List.of("a", "b", "c"));
    Source source = Source.of(list);
    list.remove(2);

    assertThat(source.slice(1, 2)).isNull();
    assertThat(source.slice(0, 2)).containsExactly("a", "b");
  }

  @Test
  void otherCollectionsArePulledAndKeepTheirSize() throws Exception {
    Source source = Source.of(new LinkedList<>(List.of(1, 2, 3, 4, 5)));
    Object[] into = new Object[3];

    assertThat(source.indexed()).isFalse();
    assertThat(source.size()).isEqualTo(5);
    assertThat(source.slice(0, 2)).isNull();
    assertThat(source.pull(into, 3)).isEqualTo(3);
    assertThat(into).containsExactly(1, 2, 3);
    assertThat(source.pull(into, 3)).isEqualTo(2);
    assertThat(Arrays.copyOf(into, 2)).containsExactly(4, 5);
    assertThat(source.pull(into, 3)).isZero();
  }

  @Test
  void aPlainIterableHasNoSizeAndIsAskedForItsIteratorOnce() throws Exception {
    int[] iterators = {0};
    Iterable<Integer> iterable =
        () -> {
          iterators[0]++;
          return List.of(1, 2, 3).iterator();
        };
    Source source = Source.of(iterable);
    Object[] into = new Object[2];

    assertThat(source.size()).isEqualTo(-1);
    assertThat(iterators[0]).isZero(); // not before the first pull
    assertThat(source.pull(into, 2)).isEqualTo(2);
    assertThat(source.pull(into, 2)).isEqualTo(1);
    assertThat(into[0]).isEqualTo(3);
    assertThat(iterators[0]).isEqualTo(1);
  }

  @Test
  void anIteratorThatFailsReportsTheItemsItGaveBeforeFailing() {
    IllegalStateException broken = new IllegalStateException("page 3 failed");
    Iterator<Integer> iterator =
        new Iterator<>() {
          int next;

          @Override
          public boolean hasNext() {
            return true;
          }

          @Override
          public Integer next() {
            if (next == 2) {
              throw broken;
            }
            return next++;
          }
        };
    Iterable<Integer> iterable = () -> iterator;
    Source source = Source.of(iterable);
    Object[] into = new Object[5];

    assertThat(source.pull(into, 5)).isEqualTo(2);
    assertThat(source.takeFailure()).isSameAs(broken);
    assertThat(source.takeFailure()).as("taken once").isNull();
    assertThat(Arrays.copyOf(into, 2)).containsExactly(0, 1);
  }

  @Test
  void anIterableWhoseIteratorCallFailsIsAnInputFailureOfNothingCopied() {
    StackOverflowError error = new StackOverflowError();
    Source source =
        Source.of(
            (Iterable<Object>)
                () -> {
                  throw error;
                });

    assertThat(source.pull(new Object[1], 1)).isZero();
    assertThat(source.takeFailure()).isSameAs(error);
  }

  @Test
  void aStreamIsPulledKnowsItsExactSizeAndIsClosedWithTheSource() throws Exception {
    AtomicBoolean closed = new AtomicBoolean();
    Source sized = Source.of(Stream.of("x", "y", "z").onClose(() -> closed.set(true)));
    Object[] into = new Object[2];

    assertThat(sized.size()).isEqualTo(3);
    assertThat(sized.indexed()).isFalse();
    assertThat(sized.pull(into, 2)).isEqualTo(2);
    assertThat(into).containsExactly("x", "y");
    assertThat(sized.pull(into, 2)).isEqualTo(1);
    assertThat(into[0]).isEqualTo("z");
    assertThat(sized.pull(into, 2)).isZero();
    assertThat(closed).isFalse();
    sized.close();
    assertThat(closed).isTrue();

    assertThat(Source.of(Stream.of(1, 2, 3).filter(n -> n > 1)).size()).isEqualTo(-1);
  }

  @Test
  void aStreamThatFailsReportsTheItemsItGaveBeforeFailing() {
    IllegalStateException broken = new IllegalStateException("bad record");
    Source source =
        Source.of(
            Stream.of(1, 2, 3, 4)
                .map(
                    n -> {
                      if (n == 3) {
                        throw broken;
                      }
                      return n;
                    }));

    assertThat(source.pull(new Object[4], 4)).isEqualTo(2);
    assertThat(source.takeFailure()).isSameAs(broken);
  }

  @Test
  void aStreamUsedAlreadyIsAnInputThatFailsAtItsFirstPullAndStillCloses() {
    AtomicBoolean closed = new AtomicBoolean();
    Stream<Integer> used = Stream.of(1).onClose(() -> closed.set(true));
    used.count();
    Source source = Source.of(used);

    assertThat(source.pull(new Object[1], 1)).isZero();

    assertThat(source.size()).isEqualTo(-1);
    assertThat(source.indexed()).isFalse();
    assertThat(source.takeFailure()).isInstanceOf(IllegalStateException.class);
    source.close();
    assertThat(closed).isTrue();
  }

  @Test
  void aRangeComputesEachValueFromItsIndexAsTheRangesType() {
    Source ints = Source.range(5, 10, true);
    Source longs = Source.range(-3, Long.MAX_VALUE, false);

    assertThat(ints.size()).isEqualTo(5);
    assertThat(ints.indexed()).isTrue();
    assertThat(ints.valuesFromIndex()).isTrue();
    assertThat(ints.get(2)).isNull();
    assertThat(ints.item(2, null)).isEqualTo(Integer.valueOf(7));
    assertThat(longs.size()).isEqualTo(Long.MAX_VALUE + 3L); // as the caller checked the width
    assertThat(longs.item(4, null)).isEqualTo(Long.valueOf(1));
  }

  @Test
  void onlyTheKindsThatHaveThemAnswerIndexOrPull() {
    assertThatThrownBy(() -> Source.of(new LinkedList<>()).get(0))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> Source.of(List.of(1)).pull(new Object[1], 1))
        .isInstanceOf(UnsupportedOperationException.class);
    Source.of(List.of(1)).close(); // nothing to close
  }
}
