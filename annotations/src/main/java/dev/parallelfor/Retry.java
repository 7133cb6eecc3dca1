package dev.parallelfor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tries an item of a {@link ParallelFor} method again when it fails with one of the listed
 * exceptions: the generated driver starts with this retry policy, and its {@code
 * retry(RetryPolicy)} method replaces it per driver.
 *
 * <pre>{@code
 * @ParallelFor(mode = Mode.IO)
 * @Retry(on = IOException.class, attempts = 4, backoff = "200ms")
 * Page fetch(URI uri) throws IOException { ... }
 * }</pre>
 *
 * <p>Before the second attempt the run waits about {@link #backoff()}, twice as long before each
 * later one (at most 30 seconds), each wait drawn at random between half and all of that. Only the
 * last attempt's failure is reported, with the earlier ones attached as suppressed; progress counts
 * the item once; a stopped run ends every wait at once.
 *
 * <p>Compile errors: {@code @Retry} on a method without {@code @ParallelFor}; an {@link #on()} type
 * that is a checked exception the method can never throw (neither in its {@code throws} clause nor
 * a supertype or subtype of a type there; {@code java.util.concurrent.TimeoutException} is always
 * accepted, since the driver's {@code itemTimeout} fails an attempt with it); {@code attempts < 1};
 * a {@code backoff} that does not parse.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Retry {
  /**
   * The failures worth another attempt: an item is tried again when what it threw is an instance of
   * one of these.
   *
   * @return the exception types to retry
   */
  Class<? extends Throwable>[] on() default {Exception.class};

  /**
   * The attempts in all, counting the first; at least 1.
   *
   * @return the most attempts per item
   */
  int attempts() default 3;

  /**
   * The wait before the second attempt: a number of milliseconds or seconds ({@code "200ms"},
   * {@code "1s"}, {@code "1.5s"}), or an ISO-8601 duration ({@code "PT0.2S"}); {@code "0ms"} tries
   * again at once.
   *
   * @return the first backoff
   */
  String backoff() default "100ms";
}
