package dev.parallelfor.processor;

import dev.parallelfor.Distributed;
import dev.parallelfor.Index;
import dev.parallelfor.Mode;
import dev.parallelfor.WorkerLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * One {@code @ParallelFor} method as the processor understands it, parsed once: what each parameter
 * receives and the values of its annotations. {@link MethodValidator} checks this shape and {@link
 * DriverModelFactory} maps a valid one to the driver's model, so neither works the roles out again.
 *
 * @param method the annotated method
 * @param values the values of its {@code @ParallelFor}
 * @param parameters its parameters in declaration order, each with its role
 * @param retry the values of its {@code @Retry}, if it has one whose values the compiler accepted
 * @param distributed its {@code @Distributed} annotation, if it has one
 */
record MethodShape(
    ExecutableElement method,
    ParallelForValues values,
    List<Parameter> parameters,
    Optional<RetryValues> retry,
    Optional<AnnotationMirror> distributed) {

  /** What a parameter receives. */
  enum Role {
    /** One item of the input: the first parameter without {@code @Index}. */
    ITEM,
    /** The item's position ({@code @Index}). */
    INDEX,
    /** The same value for every item, given once to each run. */
    SHARED,
    /** One value per worker, from a supplier given once to each run ({@code @WorkerLocal}). */
    WORKER_LOCAL
  }

  /**
   * One parameter.
   *
   * @param element the parameter
   * @param role what it receives
   * @param workerLocal whether it is annotated {@code @WorkerLocal}, which only a further parameter
   *     may be (the validator refuses it on the item and on {@code @Index})
   */
  record Parameter(VariableElement element, Role role, boolean workerLocal) {
    Parameter {
      Objects.requireNonNull(element, "element");
      Objects.requireNonNull(role, "role");
    }

    String name() {
      return element.getSimpleName().toString();
    }
  }

  MethodShape {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(values, "values");
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(distributed, "distributed");
  }

  /**
   * Parses {@code method}.
   *
   * @return empty if it has no {@code @ParallelFor} or a value of it is erroneous, which the
   *     compiler reports itself
   */
  static Optional<MethodShape> parse(ExecutableElement method, Elements elements) {
    return ParallelForValues.of(method, elements)
        .map(
            values ->
                new MethodShape(
                    method,
                    values,
                    roles(method.getParameters()),
                    RetryValues.of(method, elements),
                    AnnotationMirrors.find(method, Distributed.class)));
  }

  /**
   * The one rule of roles: the item is the first parameter without {@code @Index}; every further
   * one is shared, or made per worker when {@code @WorkerLocal}.
   */
  private static List<Parameter> roles(List<? extends VariableElement> declared) {
    List<Parameter> parameters = new ArrayList<>();
    boolean itemSeen = false;
    for (VariableElement p : declared) {
      boolean workerLocal = AnnotationMirrors.isAnnotated(p, WorkerLocal.class);
      Role role;
      if (AnnotationMirrors.isAnnotated(p, Index.class)) {
        role = Role.INDEX;
      } else if (!itemSeen) {
        itemSeen = true;
        role = Role.ITEM;
      } else {
        role = workerLocal ? Role.WORKER_LOCAL : Role.SHARED;
      }
      parameters.add(new Parameter(p, role, workerLocal));
    }
    return parameters;
  }

  /** The type that declares the method. */
  TypeElement target() {
    return (TypeElement) method.getEnclosingElement();
  }

  boolean isStatic() {
    return method.getModifiers().contains(Modifier.STATIC);
  }

  Mode mode() {
    return Mode.valueOf(values.mode());
  }

  /** The item parameter; empty when every parameter is an {@code @Index} (or there is none). */
  Optional<Parameter> item() {
    return withRole(Role.ITEM).stream().findFirst();
  }

  /** The parameters of one role, in declaration order. */
  List<Parameter> withRole(Role role) {
    return parameters.stream().filter(p -> p.role() == role).toList();
  }

  /** Whether the last parameter is varargs and a shared argument, which the driver passes on. */
  boolean sharedVarargs() {
    return method.isVarArgs()
        && !parameters.isEmpty()
        && parameters.get(parameters.size() - 1).role() == Role.SHARED;
  }

  /** The package of the method, where its driver is written. */
  String driverPackage(Elements elements) {
    return elements.getPackageOf(method).getQualifiedName().toString();
  }
}
