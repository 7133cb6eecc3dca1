package net.elsewhere;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A task of a package that no allowlist admits, as a stranger would send it: it says when a JVM
 * deserialized it (where the known attacks run their code) and when it ran.
 */
public final class Intruder implements Callable<String>, Serializable {
  private static final long serialVersionUID = 1L;

  /** How often an instance was deserialized, in this JVM. */
  public static final AtomicInteger DESERIALIZED = new AtomicInteger();

  /** How often an instance ran, in this JVM. */
  public static final AtomicInteger RAN = new AtomicInteger();

  @Override
  public String call() {
    RAN.incrementAndGet();
    return "ran";
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    DESERIALIZED.incrementAndGet();
    in.defaultReadObject();
  }
}
