package dev.parallelfor.hazelcast;

/**
 * Stands for what an item threw on a member when that throwable could not be serialized: it keeps
 * the original class name, message and stack trace (and those of its causes, as causes of this
 * one).
 */
public final class RemoteItemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String originalClassName;

  private RemoteItemException(String originalClassName, String message) {
    super(originalClassName + (message == null ? "" : ": " + message));
    this.originalClassName = originalClassName;
  }

  static RemoteItemException of(Throwable original) {
    return of(original, 0);
  }

  private static RemoteItemException of(Throwable original, int depth) {
    String message;
    try {
      message = original.getMessage();
    } catch (RuntimeException e) {
      message = null;
    }
    RemoteItemException copy = new RemoteItemException(original.getClass().getName(), message);
    copy.setStackTrace(original.getStackTrace());
    Throwable cause = original.getCause();
    if (cause != null && cause != original && depth < 16) {
      copy.initCause(of(cause, depth + 1));
    }
    return copy;
  }

  /**
   * @return the name of the class of the throwable this one stands for
   */
  public String originalClassName() {
    return originalClassName;
  }
}
