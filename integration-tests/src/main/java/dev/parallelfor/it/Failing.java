package dev.parallelfor.it;

import dev.parallelfor.Mode;
import dev.parallelfor.ParallelFor;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/** Checked exceptions, and methods that block. */
public class Failing {
  private final CountDownLatch release = new CountDownLatch(1);

  @ParallelFor(mode = Mode.IO)
  public int parse(String item) throws IOException {
    if (item.startsWith("bad")) {
      throw new IOException("cannot parse " + item);
    }
    return Integer.parseInt(item);
  }

  /** Blocks until released; in Mode.CPU on purpose. */
  @ParallelFor
  public String await(String item) throws InterruptedException {
    release.await();
    return item;
  }

  public void release() {
    release.countDown();
  }
}
