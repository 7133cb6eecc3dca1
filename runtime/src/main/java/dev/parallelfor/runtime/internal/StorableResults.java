package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.Checkpoint;
import java.io.Serializable;
import java.lang.reflect.Modifier;

/**
 * Which declared result types a checkpoint can store without a codec of the user's: primitives,
 * {@code void}, and every type whose values may be {@link Serializable} (serializable classes, and
 * interfaces and abstract classes, whose implementations may be). Checked when a driver that
 * declares its result type gets a checkpoint, so that a type that can never be stored fails at the
 * call rather than at the first result.
 */
final class StorableResults {
  private StorableResults() {}

  /**
   * Refuses a checkpoint without a codec for results of {@code type}, when no value of it can be
   * stored.
   *
   * @param type the declared result type, or null when unknown (then every result is checked as it
   *     comes)
   * @throws IllegalArgumentException naming the type and the fix
   */
  static void require(Class<?> type, Checkpoint checkpoint) {
    if (type == null || checkpoint.codec() != null || storable(type)) {
      return;
    }
    throw new IllegalArgumentException(
        "a checkpoint cannot store results of "
            + type.getName()
            + ": it is not Serializable; make it Serializable, or give a codec that writes and"
            + " reads it: checkpoint(Checkpoint.file(journal).codec(codec))");
  }

  private static boolean storable(Class<?> type) {
    return type.isPrimitive()
        || type.isInterface()
        || Modifier.isAbstract(type.getModifiers())
        || Serializable.class.isAssignableFrom(type);
  }
}
