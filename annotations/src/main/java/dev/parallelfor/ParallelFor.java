package dev.parallelfor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a single-item method whose loop should run in parallel. At compile time the ParallelFor
 * annotation processor writes a driver class next to the method's type, for example {@code
 * Thumbnailer.render} becomes {@code ThumbnailerRenderDriver}, whose {@code run(items, ...)} calls
 * the method once per item on several threads and returns the results in input order.
 *
 * <p>The first parameter not annotated {@link Index} receives the item; every further parameter is
 * a shared argument passed once to {@code run} and handed unchanged to every call. The method is
 * called from several threads at once, so it must be safe to call concurrently.
 *
 * <pre>{@code
 * @ParallelFor(mode = Mode.CPU)
 * Thumb render(Path file) { ... }
 *
 * List<Thumb> thumbs = new ThumbnailerRenderDriver(thumbnailer).run(files);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface ParallelFor {
  /**
   * How the items are run: {@link Mode#CPU} for computation, {@link Mode#IO} for blocking work.
   *
   * @return the execution mode
   */
  Mode mode() default Mode.CPU;

  /**
   * The most items in flight at once; {@code 0} takes the mode's default (the core count for {@link
   * Mode#CPU}, a high in-flight limit for {@link Mode#IO}). A negative value is a compile error.
   * The driver's {@code parallelism(int)} overrides it per run.
   *
   * @return the maximum number of items in flight, or 0 for the mode's default
   */
  int parallelism() default 0;

  /**
   * The simple name of the generated driver class; empty for the default name (the enclosing types'
   * simple names joined by {@code _}, the method name capitalised, then {@code Driver}).
   *
   * @return the driver's simple class name, or empty for the default
   */
  String driverName() default "";
}
