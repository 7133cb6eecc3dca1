package dev.parallelfor.benchmarks;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** The inputs: the items 0, 1, ..., n - 1, boxed as the drivers of a {@code long} method take. */
final class Items {
  private Items() {}

  /** All n items in an {@link ArrayList}, built once per trial; no contender changes it. */
  static List<Long> list(int n) {
    List<Long> items = new ArrayList<>(n);
    for (long i = 0; i < n; i++) {
      items.add(i);
    }
    return items;
  }

  /** The n items produced one at a time as they are pulled, never held in memory together. */
  static Iterable<Long> lazy(long n) {
    return () ->
        new Iterator<>() {
          private long next;

          @Override
          public boolean hasNext() {
            return next < n;
          }

          @Override
          public Long next() {
            if (next >= n) {
              throw new NoSuchElementException();
            }
            return next++;
          }
        };
  }
}
