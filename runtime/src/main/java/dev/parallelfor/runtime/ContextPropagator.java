package dev.parallelfor.runtime;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Carries the calling thread's context (SLF4J's MDC, an OpenTelemetry context, what Micrometer's
 * context-propagation library captures, ...) into the threads that run the items. Set with {@code
 * propagateContext} on a loop, its settings or a driver.
 *
 * <p>{@link #capture()} is called once per run, on the thread that starts it, before any item
 * starts; the wrapper it returns is applied to every worker task the run hands to its executor
 * (workers may be started later from other workers' threads, which is why the capture happens once,
 * up front). The wrapped task must run the task it was given exactly once, on its own thread, and
 * should restore the thread's previous context afterwards: pool threads are reused.
 *
 * <pre>{@code
 * // SLF4J's MDC
 * ContextPropagator mdc = () -> {
 *   Map<String, String> captured = MDC.getCopyOfContextMap();
 *   return task -> () -> {
 *     Map<String, String> previous = MDC.getCopyOfContextMap();
 *     MDC.setContextMap(captured == null ? Map.of() : captured);
 *     try {
 *       task.run();
 *     } finally {
 *       MDC.setContextMap(previous == null ? Map.of() : previous);
 *     }
 *   };
 * };
 * // Micrometer's context-propagation: every registered ThreadLocalAccessor
 * ContextPropagator all = () -> ContextSnapshotFactory.builder().build().captureAll()::wrap;
 * }</pre>
 *
 * <p>A {@code capture()} that throws makes the execution method throw that, before any item starts
 * (a {@code Stream} input is closed); a wrapper that throws, or returns without running its task,
 * fails the run with a {@link ParallelForException} whose cause is what it threw. Threads that run
 * items without an executor task of their own (a worker of an outer run that helps a nested run it
 * waits for) already carry the context of the thread that started the nested run: they are not
 * wrapped again.
 */
@FunctionalInterface
public interface ContextPropagator {
  /**
   * Captures the current thread's context.
   *
   * @return how to wrap each worker task so that it runs in the captured context; not null
   */
  UnaryOperator<Runnable> capture();

  /**
   * A propagator that captures with this one, then with {@code next}; the task runs inside both
   * wrappers, this one's outermost.
   *
   * @param next the other context to carry
   * @return the combined propagator
   * @throws NullPointerException if {@code next} is null
   */
  default ContextPropagator and(ContextPropagator next) {
    Objects.requireNonNull(next, "next");
    return () -> {
      UnaryOperator<Runnable> outer = Objects.requireNonNull(capture(), "capture() returned null");
      UnaryOperator<Runnable> inner =
          Objects.requireNonNull(next.capture(), "capture() returned null");
      return task -> outer.apply(inner.apply(task));
    };
  }
}
