package dev.parallelfor.it;

import dev.parallelfor.Index;
import dev.parallelfor.ParallelFor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Void methods: their effect is what the tests look at. */
public class Recorder {
  private final Map<Long, String> seen = new ConcurrentHashMap<>();

  @ParallelFor
  public void record(String item, @Index long position) {
    if (seen.putIfAbsent(position, item) != null) {
      throw new IllegalStateException("position " + position + " seen twice");
    }
  }

  @ParallelFor
  public void recordValue(long item) {
    seen.put(item, "value " + item);
  }

  public Map<Long, String> seen() {
    return Map.copyOf(seen);
  }
}
