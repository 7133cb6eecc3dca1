package com.example.cache;

import dev.parallelfor.Index;
import dev.parallelfor.Mode;
import dev.parallelfor.ParallelFor;
import java.util.Map;

public interface Cache<K extends Comparable<K>> {
  @ParallelFor(mode = Mode.IO)
  <V> void store(@Index long index, K key, Map<K, V> values) throws InterruptedException;
}
