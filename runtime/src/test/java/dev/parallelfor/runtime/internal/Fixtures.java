package dev.parallelfor.runtime.internal;

import dev.parallelfor.Mode;
import dev.parallelfor.runtime.Progress;
import dev.parallelfor.runtime.ProgressListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Shared test helpers: inputs, counting executors and a recording listener. */
final class Fixtures {
  private Fixtures() {}

  static RunOptions cpu() {
    return RunOptions.of(Mode.CPU, 0);
  }

  static RunOptions io() {
    return RunOptions.of(Mode.IO, 0);
  }

  static List<Integer> numbers(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toList());
  }

  /** An iterable that is not a Collection, so its size is unknown to the engine. */
  static <T> Iterable<T> lazy(List<T> items) {
    return items::iterator;
  }

  /** An executor that counts the tasks it is given and runs them on new daemon threads. */
  static final class CountingExecutor implements Executor {
    final AtomicInteger tasks = new AtomicInteger();

    @Override
    public void execute(Runnable task) {
      tasks.incrementAndGet();
      Thread thread = new Thread(task, "counting-executor-" + tasks.get());
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** An iterator over 0, 1, 2, ... that counts how many items were read. */
  static final class CountingIterable implements Iterable<Integer> {
    final AtomicInteger read = new AtomicInteger();
    private final int size;

    CountingIterable(int size) {
      this.size = size;
    }

    @Override
    public Iterator<Integer> iterator() {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return read.get() < size;
        }

        @Override
        public Integer next() {
          return read.getAndIncrement();
        }
      };
    }
  }

  /** Records every call and notes any two calls that overlap in time. */
  static final class RecordingListener implements ProgressListener {
    final List<Long> starts = Collections.synchronizedList(new ArrayList<>());
    final List<Progress> progress = Collections.synchronizedList(new ArrayList<>());
    final List<Progress> finishes = Collections.synchronizedList(new ArrayList<>());
    final AtomicBoolean overlapped = new AtomicBoolean();
    private final AtomicBoolean inCall = new AtomicBoolean();

    @Override
    public void onStart(long total) {
      enter();
      starts.add(total);
      leave();
    }

    @Override
    public void onProgress(Progress p) {
      enter();
      progress.add(p);
      leave();
    }

    @Override
    public void onFinish(Progress p) {
      enter();
      finishes.add(p);
      leave();
    }

    private void enter() {
      if (!inCall.compareAndSet(false, true)) {
        overlapped.set(true);
      }
    }

    private void leave() {
      inCall.set(false);
    }
  }
}
