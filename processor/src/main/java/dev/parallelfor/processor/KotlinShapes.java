package dev.parallelfor.processor;

import dev.parallelfor.ParallelFor;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * The Kotlin functions that kapt shows this processor as Java methods unlike the function the
 * Kotlin developer wrote. kapt hands annotation processors Java stubs of the Kotlin classes, which
 * carry {@code @kotlin.Metadata}; only methods of such classes are looked at here, so Java code is
 * never affected.
 *
 * <ul>
 *   <li>A {@code suspend fun} is a method with an extra last parameter, a {@code
 *       kotlin.coroutines.Continuation}, that returns {@code Object}: a driver cannot call it from
 *       its threads, so it is an error.
 *   <li>{@code @JvmOverloads} with default arguments gives the function one method per defaulted
 *       argument, each annotated {@code @ParallelFor}, all wanting the same driver: an error on the
 *       longest, and no diagnostic on the others.
 *   <li>{@code @JvmStatic} on a function of a companion object gives it a static method on the
 *       outer class besides the companion's own method. Only the static one gets a driver: it needs
 *       no target and is named after the outer class ({@code TemperaturesToKelvinDriver()}), which
 *       is what a developer who asked for a static method expects.
 * </ul>
 */
final class KotlinShapes {
  private static final String METADATA = "kotlin.Metadata";
  private static final String CONTINUATION = "kotlin.coroutines.Continuation";
  private static final String JVM_OVERLOADS = "kotlin.jvm.JvmOverloads";
  private static final String JVM_STATIC = "kotlin.jvm.JvmStatic";

  private KotlinShapes() {}

  /** The errors of a Kotlin function that cannot get a driver; empty for any other method. */
  static ValidationReport check(ExecutableElement method) {
    ValidationReport.Builder report = ValidationReport.builder();
    if (!isKotlin(method)) {
      return report.build();
    }
    if (isSuspend(method)) {
      report.add(Messages.suspendFunction(method), method);
    }
    List<ExecutableElement> overloads = jvmOverloads(method);
    if (overloads.size() > 1) {
      report.add(Messages.jvmOverloads(method, overloads.size()), method);
    }
    return report.build();
  }

  /**
   * Whether Kotlin compiled the function of this method to another method too, which gets the
   * function's driver or its errors: this one is then skipped, without a diagnostic. That is the
   * companion's own method of a {@code @JvmStatic} function, and all but the longest method of a
   * {@code @JvmOverloads} one.
   */
  static boolean isSecondMethodOfOneFunction(ExecutableElement method) {
    if (!isKotlin(method)) {
      return false;
    }
    return isCompanionMethodOfJvmStatic(method)
        || jvmOverloads(method).stream()
            .anyMatch(o -> o.getParameters().size() > method.getParameters().size());
  }

  private static boolean isKotlin(ExecutableElement method) {
    return hasAnnotation(method.getEnclosingElement(), METADATA);
  }

  /** The compiled form of {@code suspend}: a last parameter of type {@code Continuation}. */
  private static boolean isSuspend(ExecutableElement method) {
    List<? extends VariableElement> parameters = method.getParameters();
    return !parameters.isEmpty()
        && isNamed(parameters.get(parameters.size() - 1).asType(), CONTINUATION);
  }

  /**
   * The {@code @ParallelFor} methods with {@code method}'s name that {@code @JvmOverloads} made,
   * {@code method} among them; empty if it is not annotated {@code @JvmOverloads}.
   */
  private static List<ExecutableElement> jvmOverloads(ExecutableElement method) {
    if (!hasAnnotation(method, JVM_OVERLOADS)) {
      return List.of();
    }
    return method.getEnclosingElement().getEnclosedElements().stream()
        .filter(e -> e.getKind() == ElementKind.METHOD)
        .map(ExecutableElement.class::cast)
        .filter(m -> m.getSimpleName().contentEquals(method.getSimpleName()))
        .filter(m -> hasAnnotation(m, JVM_OVERLOADS))
        .filter(m -> hasAnnotation(m, ParallelFor.class.getCanonicalName()))
        .toList();
  }

  /**
   * A companion's instance method of a {@code @JvmStatic} function, whose static twin, with the
   * same name and parameter types, is a member of the class that encloses the companion.
   */
  private static boolean isCompanionMethodOfJvmStatic(ExecutableElement method) {
    if (method.getModifiers().contains(Modifier.STATIC) || !hasAnnotation(method, JVM_STATIC)) {
      return false;
    }
    Element outer = method.getEnclosingElement().getEnclosingElement();
    if (!(outer instanceof TypeElement)) {
      return false;
    }
    List<String> parameterTypes = parameterTypes(method);
    return outer.getEnclosedElements().stream()
        .filter(e -> e.getKind() == ElementKind.METHOD)
        .map(ExecutableElement.class::cast)
        .anyMatch(
            m ->
                m.getModifiers().contains(Modifier.STATIC)
                    && m.getSimpleName().contentEquals(method.getSimpleName())
                    && parameterTypes(m).equals(parameterTypes));
  }

  private static List<String> parameterTypes(ExecutableElement method) {
    return method.getParameters().stream().map(p -> p.asType().toString()).toList();
  }

  private static boolean hasAnnotation(Element element, String qualifiedName) {
    return element.getAnnotationMirrors().stream()
        .anyMatch(a -> isNamed(a.getAnnotationType(), qualifiedName));
  }

  private static boolean isNamed(TypeMirror type, String qualifiedName) {
    return type instanceof DeclaredType declared
        && declared.asElement() instanceof TypeElement element
        && element.getQualifiedName().contentEquals(qualifiedName);
  }
}
