package dev.parallelfor.processor;

import dev.parallelfor.Distributed;
import dev.parallelfor.Index;
import dev.parallelfor.Retry;
import dev.parallelfor.WorkerLocal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks one parsed {@code @ParallelFor} method, its {@link MethodShape}, against every rule of the
 * design. Each broken rule is one item of the method's {@link ValidationReport}, on the element at
 * fault; a method that breaks none may still get a warning, but only where it is nearly always
 * right (a {@code synchronized} method runs one call at a time). Also warns about {@code @Index}
 * outside {@code @ParallelFor} methods.
 */
final class MethodValidator {
  private final Elements elements;
  private final Types types;
  private final Accessibility accessibility;
  private final Serializability serializability;

  MethodValidator(Elements elements, Types types, Accessibility accessibility) {
    this.elements = elements;
    this.types = types;
    this.accessibility = accessibility;
    this.serializability = new Serializability(elements, types);
  }

  /**
   * Checks a parsed {@code @ParallelFor} method.
   *
   * @return what is wrong with it; {@linkplain ValidationReport#isClean clean} if it may get a
   *     driver
   */
  ValidationReport validate(MethodShape shape) {
    return new Check(shape).run();
  }

  /**
   * Checks a method or constructor that is not annotated {@code @ParallelFor} but has
   * {@code @Index} parameters, which then receive nothing: a warning on each of them.
   */
  ValidationReport validateIndexOutsideParallelFor(ExecutableElement executable) {
    ValidationReport.Builder report = ValidationReport.builder();
    for (VariableElement p : executable.getParameters()) {
      if (AnnotationMirrors.isAnnotated(p, Index.class)) {
        report.add(Messages.indexWithoutParallelFor(executable, p), p);
      }
      if (AnnotationMirrors.isAnnotated(p, WorkerLocal.class)) {
        report.add(Messages.workerLocalWithoutParallelFor(executable, p), p);
      }
    }
    return report.build();
  }

  /** Reports a {@code @Retry} on a method that is not annotated {@code @ParallelFor}. */
  ValidationReport validateRetryOutsideParallelFor(ExecutableElement method) {
    ValidationReport.Builder report = ValidationReport.builder();
    AnnotationMirrors.find(method, Retry.class)
        .ifPresent(
            mirror ->
                report.add(
                    Messages.retryWithoutParallelFor(method), method, mirror, Optional.empty()));
    return report.build();
  }

  /** A method annotated {@code @Distributed} but not {@code @ParallelFor}: an error on it. */
  ValidationReport validateDistributedOutsideParallelFor(ExecutableElement method) {
    ValidationReport.Builder report = ValidationReport.builder();
    AnnotationMirrors.find(method, Distributed.class)
        .ifPresent(
            mirror ->
                report.add(
                    Messages.distributedWithoutParallelFor(method),
                    method,
                    mirror,
                    Optional.empty()));
    return report.build();
  }

  /** The work on one method. */
  private final class Check {
    private final MethodShape shape;
    private final ExecutableElement method;
    private final TypeElement target;
    private final String driverPackage;
    private final ValidationReport.Builder report = ValidationReport.builder();

    Check(MethodShape shape) {
      this.shape = shape;
      this.method = shape.method();
      this.target = shape.target();
      this.driverPackage = shape.driverPackage(elements);
    }

    /**
     * Applies every rule to the shape. A rule of one source language (such as a Kotlin shape that
     * javac sees but cannot call the way Kotlin does) is one more call here, on {@link #shape}.
     */
    ValidationReport run() {
      report.addSubreport(KotlinShapes.check(method));
      boolean reachable = checkLocation();
      if (method.getModifiers().contains(Modifier.PRIVATE)) {
        report.add(Messages.privateMethod(method), method);
      }
      checkTypeParameterNames();
      checkParameters();
      checkAnnotationValues();
      checkRetry();
      checkDistributed();
      if (reachable) {
        checkSignatureAccessible();
      }
      if (report.isClean()) {
        // Warnings only for a method that gets a driver: on a broken one they are noise.
        warnIfSerialized();
      }
      return report.build();
    }

    /**
     * Reports a method that its driver could not call: one in a local, anonymous or inner class, or
     * in a private type. Returns whether the target type is reachable from the driver.
     */
    private boolean checkLocation() {
      for (Element e = target; e instanceof TypeElement; e = e.getEnclosingElement()) {
        NestingKind nesting = ((TypeElement) e).getNestingKind();
        if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
          report.add(Messages.localClass(method), method);
          return false;
        }
      }
      if (target.getNestingKind() == NestingKind.MEMBER
          && target.getKind() == ElementKind.CLASS
          && !target.getModifiers().contains(Modifier.STATIC)) {
        report.add(Messages.innerClass(method, target), method);
        return false;
      }
      Optional<TypeElement> hidden = accessibility.firstPrivate(target);
      hidden.ifPresent(
          t -> report.add(Messages.privateTargetType(method, t, driverPackage), method));
      return hidden.isEmpty();
    }

    /** The driver declares the target's type variables and the method's side by side. */
    private void checkTypeParameterNames() {
      if (shape.isStatic()) {
        return;
      }
      for (TypeParameterElement variable : method.getTypeParameters()) {
        for (TypeParameterElement outer : target.getTypeParameters()) {
          if (variable.getSimpleName().contentEquals(outer.getSimpleName())) {
            report.add(Messages.hiddenTypeParameter(variable, target), variable);
          }
        }
      }
    }

    /**
     * An item parameter, at most one {@code @Index}, of type int or long, and {@code @WorkerLocal}
     * only on further parameters of object types, and not with {@code @Distributed}.
     */
    private void checkParameters() {
      if (shape.parameters().isEmpty()) {
        report.add(Messages.noParameters(method), method);
        return;
      }
      VariableElement firstIndex = null;
      for (MethodShape.Parameter p : shape.parameters()) {
        VariableElement element = p.element();
        if (p.workerLocal()) {
          switch (p.role()) {
            case INDEX -> report.add(Messages.workerLocalOnIndex(element), element);
            case ITEM -> report.add(Messages.workerLocalOnItem(shape), element);
            default -> {
              if (element.asType().getKind().isPrimitive()) {
                report.add(Messages.workerLocalPrimitive(element), element);
              } else if (shape.distributed().isPresent()) {
                report.add(Messages.workerLocalDistributed(element), element);
              }
            }
          }
        }
        if (p.role() != MethodShape.Role.INDEX) {
          continue;
        }
        TypeKind kind = element.asType().getKind();
        if (kind != TypeKind.INT && kind != TypeKind.LONG) {
          report.add(Messages.indexType(element), element);
        }
        if (firstIndex != null) {
          report.add(Messages.secondIndex(element, firstIndex), element);
        } else {
          firstIndex = element;
        }
      }
      if (shape.item().isEmpty()) {
        report.add(Messages.indexOnly(method, firstIndex), firstIndex);
      }
    }

    private void checkAnnotationValues() {
      ParallelForValues values = shape.values();
      if (values.parallelism() < 0) {
        report.add(
            Messages.negativeParallelism(values.parallelism()),
            method,
            values.mirror(),
            values.written("parallelism"));
      }
      String driverName = values.driverName();
      if (!driverName.isEmpty()
          && (!SourceVersion.isIdentifier(driverName) || SourceVersion.isKeyword(driverName))) {
        report.add(
            Messages.invalidDriverName(driverName),
            method,
            values.mirror(),
            values.written("driverName"));
      }
    }

    /**
     * The values of {@code @Retry}, if the method has one: attempts, a backoff that parses, and
     * {@code on} types the method can throw.
     */
    private void checkRetry() {
      if (shape.retry().isEmpty()) {
        return;
      }
      RetryValues retry = shape.retry().get();
      if (retry.attempts() < 1) {
        report.add(
            Messages.retryAttempts(retry.attempts()),
            method,
            retry.mirror(),
            retry.written("attempts"));
      }
      if (retry.backoffDuration().isEmpty()) {
        report.add(
            Messages.retryBackoff(retry.backoff()),
            method,
            retry.mirror(),
            retry.written("backoff"));
      }
      for (RetryValues.OnType on : retry.on()) {
        if (!canThrow(on.type())) {
          report.add(
              Messages.retryNeverThrown(method, on.type()),
              method,
              retry.mirror(),
              retry.onWritten() ? Optional.of(on.value()) : Optional.empty());
        }
      }
    }

    /**
     * Whether the method can throw {@code type}, by the rule javac applies to a {@code catch}: an
     * unchecked type, {@code Exception} and its supertypes always; another checked type when it is
     * a subtype or a supertype of a type in the {@code throws} clause. The item timeout's {@code
     * TimeoutException} comes from the runtime, so any method can fail with it.
     */
    private boolean canThrow(TypeMirror type) {
      TypeMirror erased = types.erasure(type);
      TypeMirror exception = typeOf("java.lang.Exception");
      if (exception == null
          || types.isSubtype(erased, typeOf("java.lang.RuntimeException"))
          || types.isSubtype(erased, typeOf("java.lang.Error"))
          || types.isSubtype(exception, erased)
          || types.isSameType(erased, typeOf("java.util.concurrent.TimeoutException"))) {
        return true;
      }
      for (TypeMirror thrown : method.getThrownTypes()) {
        TypeMirror declared = types.erasure(thrown);
        if (types.isSubtype(declared, erased) || types.isSubtype(erased, declared)) {
          return true;
        }
      }
      return false;
    }

    private TypeMirror typeOf(String qualifiedName) {
      TypeElement element = elements.getTypeElement(qualifiedName);
      return element == null ? null : types.erasure(element.asType());
    }

    /**
     * A {@code @Distributed} method sends its target, items and shared arguments to the members and
     * gets its results back: each type that cannot travel is one error, on the first element that
     * uses it (the {@code @Distributed} annotation for the target, the parameter for an item or a
     * shared argument, the method for the result).
     */
    private void checkDistributed() {
      Optional<AnnotationMirror> distributed = shape.distributed();
      if (distributed.isEmpty()) {
        return;
      }
      Set<String> reported = new HashSet<>();
      if (!shape.isStatic()) {
        serializability
            .offending(target.asType(), false)
            .filter(t -> reported.add(t.toString()))
            .ifPresent(
                t ->
                    report.add(
                        Messages.notSerializable(
                            method, "its target " + target.getSimpleName(), t, false),
                        method,
                        distributed.get(),
                        Optional.empty()));
      }
      for (MethodShape.Parameter p : shape.parameters()) {
        // An @Index travels as a long; a @WorkerLocal is refused on its own: one error each.
        boolean item = p.role() == MethodShape.Role.ITEM;
        if (!item && p.role() != MethodShape.Role.SHARED) {
          continue;
        }
        serializability
            .offending(p.element().asType(), item)
            .filter(t -> reported.add(t.toString()))
            .ifPresent(
                t ->
                    report.add(
                        Messages.notSerializable(
                            method,
                            (item ? "its item " : "its shared argument ") + p.name(),
                            t,
                            item),
                        p.element()));
      }
      serializability
          .offending(method.getReturnType(), true)
          .filter(t -> reported.add(t.toString()))
          .ifPresent(
              t -> report.add(Messages.notSerializable(method, "its result", t, true), method));
    }

    /** Every type the driver names must be reachable from the driver's package. */
    private void checkSignatureAccessible() {
      for (VariableElement p : method.getParameters()) {
        accessibility
            .firstInaccessible(p.asType(), driverPackage)
            .ifPresent(
                t ->
                    report.add(Messages.inaccessibleParameterType(method, p, t, driverPackage), p));
      }
      accessibility
          .firstInaccessible(method.getReturnType(), driverPackage)
          .ifPresent(
              t -> report.add(Messages.inaccessibleReturnType(method, t, driverPackage), method));
      List<TypeParameterElement> variables = new ArrayList<>(method.getTypeParameters());
      if (!shape.isStatic()) {
        variables.addAll(target.getTypeParameters());
      }
      for (TypeParameterElement variable : variables) {
        for (TypeMirror bound : variable.getBounds()) {
          Optional<TypeElement> hidden = accessibility.firstInaccessible(bound, driverPackage);
          if (hidden.isPresent()) {
            report.add(Messages.inaccessibleBound(variable, hidden.get(), driverPackage), variable);
            break;
          }
        }
      }
    }

    /** A synchronized method runs one call at a time per lock, whatever the parallelism. */
    private void warnIfSerialized() {
      if (method.getModifiers().contains(Modifier.SYNCHRONIZED)) {
        report.add(Messages.synchronizedMethod(method), method);
      }
    }
  }
}
