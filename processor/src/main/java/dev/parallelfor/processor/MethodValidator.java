package dev.parallelfor.processor;

import dev.parallelfor.Index;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Messager;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
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
import javax.tools.Diagnostic;

/**
 * Checks one {@code @ParallelFor} method against every rule of the design and reports each broken
 * rule once, on the element at fault.
 */
final class MethodValidator {
  private static final List<String> BLOCKING_EXCEPTIONS =
      List.of("java.io.IOException", "java.lang.InterruptedException");

  private final Messager messager;
  private final Elements elements;
  private final Types types;
  private final Accessibility accessibility;

  MethodValidator(Messager messager, Elements elements, Types types, Accessibility accessibility) {
    this.messager = messager;
    this.elements = elements;
    this.types = types;
    this.accessibility = accessibility;
  }

  /**
   * Checks a method whose annotation has the given values and reports what is wrong with it.
   *
   * @return whether the method broke no rule, so that it gets a driver
   */
  boolean validate(ExecutableElement method, ParallelForValues values) {
    return new Check(method, values).run();
  }

  /** The work on one method; {@code valid} drops to false with the first reported error. */
  private final class Check {
    private final ExecutableElement method;
    private final ParallelForValues values;
    private final TypeElement target;
    private final String driverPackage;
    private boolean valid = true;

    Check(ExecutableElement method, ParallelForValues values) {
      this.method = method;
      this.values = values;
      this.target = (TypeElement) method.getEnclosingElement();
      this.driverPackage = elements.getPackageOf(method).getQualifiedName().toString();
    }

    boolean run() {
      boolean reachable = checkLocation();
      if (method.getModifiers().contains(Modifier.PRIVATE)) {
        error(Messages.privateMethod(method), method);
      }
      checkTypeParameterNames();
      checkParameters();
      checkAnnotationValues();
      if (reachable) {
        checkSignatureAccessible();
      }
      if (valid && !suppressed(method)) {
        // Warnings only for a method that gets a driver: on a broken one they are noise.
        warnIfSerialized();
        if (values.mode().equals("CPU")) {
          warnIfBlocking();
        }
      }
      return valid;
    }

    /**
     * Reports a method that its driver could not call: one in a local, anonymous or inner class, or
     * in a private type. Returns whether the target type is reachable from the driver.
     */
    private boolean checkLocation() {
      for (Element e = target; e instanceof TypeElement; e = e.getEnclosingElement()) {
        NestingKind nesting = ((TypeElement) e).getNestingKind();
        if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
          error(Messages.localClass(Messages.signature(method)), method);
          return false;
        }
      }
      if (target.getNestingKind() == NestingKind.MEMBER
          && target.getKind() == ElementKind.CLASS
          && !target.getModifiers().contains(Modifier.STATIC)) {
        error(Messages.innerClass(method, target), method);
        return false;
      }
      Optional<TypeElement> hidden = accessibility.firstPrivate(target);
      hidden.ifPresent(t -> error(Messages.privateTargetType(method, t, driverPackage), method));
      return hidden.isEmpty();
    }

    /** The driver declares the target's type variables and the method's side by side. */
    private void checkTypeParameterNames() {
      if (method.getModifiers().contains(Modifier.STATIC)) {
        return;
      }
      for (TypeParameterElement variable : method.getTypeParameters()) {
        for (TypeParameterElement outer : target.getTypeParameters()) {
          if (variable.getSimpleName().contentEquals(outer.getSimpleName())) {
            error(Messages.hiddenTypeParameter(variable, target), variable);
          }
        }
      }
    }

    /** An item parameter, and at most one {@code @Index}, of type int or long. */
    private void checkParameters() {
      List<? extends VariableElement> declared = method.getParameters();
      if (declared.isEmpty()) {
        error(Messages.noParameters(method), method);
        return;
      }
      VariableElement firstIndex = null;
      boolean hasItem = false;
      for (VariableElement p : declared) {
        if (!AnnotationMirrors.isAnnotated(p, Index.class)) {
          hasItem = true;
          continue;
        }
        TypeKind kind = p.asType().getKind();
        if (kind != TypeKind.INT && kind != TypeKind.LONG) {
          error(Messages.indexType(p), p);
        }
        if (firstIndex != null) {
          error(Messages.secondIndex(p, firstIndex), p);
        } else {
          firstIndex = p;
        }
      }
      if (!hasItem) {
        error(Messages.indexOnly(method, firstIndex), firstIndex);
      }
    }

    private void checkAnnotationValues() {
      if (values.parallelism() < 0) {
        error(Messages.negativeParallelism(values.parallelism()), "parallelism");
      }
      String driverName = values.driverName();
      if (!driverName.isEmpty()
          && (!SourceVersion.isIdentifier(driverName) || SourceVersion.isKeyword(driverName))) {
        error(Messages.invalidDriverName(driverName), "driverName");
      }
    }

    /** Every type the driver names must be reachable from the driver's package. */
    private void checkSignatureAccessible() {
      for (VariableElement p : method.getParameters()) {
        accessibility
            .firstInaccessible(p.asType(), driverPackage)
            .ifPresent(
                t ->
                    error(
                        Messages.inaccessibleType(
                            "parameter " + p.getSimpleName() + " of " + Messages.signature(method),
                            t,
                            driverPackage),
                        p));
      }
      accessibility
          .firstInaccessible(method.getReturnType(), driverPackage)
          .ifPresent(
              t ->
                  error(
                      Messages.inaccessibleType(
                          "the return type of " + Messages.signature(method), t, driverPackage),
                      method));
      List<TypeParameterElement> variables = new ArrayList<>(method.getTypeParameters());
      if (!method.getModifiers().contains(Modifier.STATIC)) {
        variables.addAll(target.getTypeParameters());
      }
      for (TypeParameterElement variable : variables) {
        for (TypeMirror bound : variable.getBounds()) {
          Optional<TypeElement> hidden = accessibility.firstInaccessible(bound, driverPackage);
          if (hidden.isPresent()) {
            error(
                Messages.inaccessibleType(
                    "the bound of type parameter " + variable.getSimpleName(),
                    hidden.get(),
                    driverPackage),
                variable);
            break;
          }
        }
      }
    }

    /** A synchronized method runs one call at a time per lock, whatever the parallelism. */
    private void warnIfSerialized() {
      if (method.getModifiers().contains(Modifier.SYNCHRONIZED)) {
        messager.printMessage(Diagnostic.Kind.WARNING, Messages.synchronizedMethod(method), method);
      }
    }

    private void warnIfBlocking() {
      for (TypeMirror thrown : method.getThrownTypes()) {
        for (String blocking : BLOCKING_EXCEPTIONS) {
          TypeElement exception = elements.getTypeElement(blocking);
          if (exception != null && types.isSubtype(thrown, exception.asType())) {
            messager.printMessage(
                Diagnostic.Kind.WARNING, Messages.blockingInCpuMode(method, thrown), method);
            return;
          }
        }
      }
    }

    private void error(String message, Element element) {
      valid = false;
      messager.printMessage(Diagnostic.Kind.ERROR, message, element);
    }

    private void error(String message, String member) {
      valid = false;
      AnnotationMirror annotation = values.mirror();
      AnnotationValue value = values.written(member).orElse(null);
      messager.printMessage(Diagnostic.Kind.ERROR, message, method, annotation, value);
    }
  }

  private static boolean suppressed(Element element) {
    for (Element e = element; e != null && e.getKind() != ElementKind.PACKAGE; ) {
      SuppressWarnings suppress = e.getAnnotation(SuppressWarnings.class);
      if (suppress != null && Arrays.asList(suppress.value()).contains(Messages.SUPPRESSION)) {
        return true;
      }
      e = e.getEnclosingElement();
    }
    return false;
  }
}
