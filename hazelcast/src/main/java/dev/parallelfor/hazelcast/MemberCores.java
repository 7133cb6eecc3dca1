package dev.parallelfor.hazelcast;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * Asks a member for its processor count, from which a run sizes the chunks it keeps in flight
 * there. Public only because Hazelcast instantiates it by reflection; not for use by applications.
 */
public final class MemberCores implements Callable<Integer>, Serializable {
  private static final long serialVersionUID = 1L;

  /** Makes the question; the member's answer comes from {@link #call()}. */
  public MemberCores() {}

  @Override
  public Integer call() {
    return Runtime.getRuntime().availableProcessors();
  }
}
