package dev.parallelfor.it;

import dev.parallelfor.ParallelFor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Generic methods, a generic type with a bounded type variable, and wildcard types. */
public class Generics<T extends Comparable<T>> {
  private final T floor;

  public Generics(T floor) {
    this.floor = floor;
  }

  /** Uses the type's variable and its own. */
  @ParallelFor
  public <R> R mapAboveFloor(T item, Function<? super T, ? extends R> mapper, R below) {
    return item.compareTo(floor) >= 0 ? mapper.apply(item) : below;
  }

  @ParallelFor
  public static <E extends Comparable<? super E>> E max(List<E> item) {
    return Collections.max(item);
  }

  @ParallelFor
  public List<? extends Number> lengths(List<? super String> item) {
    List<Integer> lengths = new ArrayList<>();
    for (Object o : item) {
      lengths.add(String.valueOf(o).length());
    }
    return lengths;
  }

  @ParallelFor
  public static Map<Character, List<String>> byInitial(List<String> item) {
    Map<Character, List<String>> groups = new TreeMap<>();
    for (String s : item) {
      groups.computeIfAbsent(s.charAt(0), c -> new ArrayList<>()).add(s);
    }
    return groups;
  }

  /** A generic varargs shared argument. */
  @SafeVarargs
  @ParallelFor
  public static int countIn(String item, List<String>... lists) {
    int count = 0;
    for (List<String> list : lists) {
      count += Collections.frequency(list, item);
    }
    return count;
  }
}
