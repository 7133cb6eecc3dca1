package dev.parallelfor.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import dev.parallelfor.Index;
import dev.parallelfor.ParallelFor;
import dev.parallelfor.processor.DriverModel.Parameter;
import dev.parallelfor.processor.DriverModel.RangeBound;
import dev.parallelfor.processor.DriverModel.Role;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.annotation.processing.Messager;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Checks one {@code @ParallelFor} method against every rule of the design, reports each broken rule
 * once on the element at fault, and describes a valid method as a {@link DriverModel}.
 */
final class MethodValidator {
  private static final String GENERATED = "javax.annotation.processing.Generated";
  private static final List<String> BLOCKING_EXCEPTIONS =
      List.of("java.io.IOException", "java.lang.InterruptedException");

  private final Messager messager;
  private final Elements elements;
  private final Types types;

  MethodValidator(Messager messager, Elements elements, Types types) {
    this.messager = messager;
    this.elements = elements;
    this.types = types;
  }

  /**
   * Whether a type in the method's signature is still unresolved, so that the method has to wait
   * for a later round (the type may be generated) or for the compiler's own error.
   */
  boolean hasUnresolvedTypes(ExecutableElement method) {
    return signatureTypes(method).stream().anyMatch(t -> t.getKind() == TypeKind.ERROR);
  }

  /**
   * Checks a method and reports what is wrong with it.
   *
   * @return the model of the driver to write, or empty if the method broke a rule (reported) or its
   *     annotation holds values the compiler reports itself
   */
  Optional<DriverModel> validate(ExecutableElement method) {
    return new Check(method).run();
  }

  /** The work on one method; {@code valid} drops to false with the first reported error. */
  private final class Check {
    private final ExecutableElement method;
    private final TypeElement target;
    private final String driverPackage;
    private boolean valid = true;

    Check(ExecutableElement method) {
      this.method = method;
      this.target = (TypeElement) method.getEnclosingElement();
      this.driverPackage = elements.getPackageOf(method).getQualifiedName().toString();
    }

    Optional<DriverModel> run() {
      AnnotationMirror annotation = annotationMirror(method, ParallelFor.class.getCanonicalName());
      Map<? extends ExecutableElement, ? extends AnnotationValue> values =
          elements.getElementValuesWithDefaults(annotation);
      Object mode = value(values, "mode");
      Object parallelism = value(values, "parallelism");
      Object driverName = value(values, "driverName");
      if (!(mode instanceof VariableElement)
          || !(parallelism instanceof Integer)
          || !(driverName instanceof String)) {
        return Optional.empty(); // an erroneous annotation value: the compiler reports it
      }

      boolean reachable = checkLocation();
      if (method.getModifiers().contains(Modifier.PRIVATE)) {
        error(Messages.privateMethod(method), method);
      }
      checkTypeParameterNames();
      List<Parameter> parameters = checkParameters();
      checkAnnotationValues(annotation, (Integer) parallelism, (String) driverName);
      if (reachable) {
        checkSignatureAccessible();
      }
      if (!valid) {
        return Optional.empty();
      }
      String modeName = ((VariableElement) mode).getSimpleName().toString();
      if (!suppressed(method)) {
        warnIfSerialized();
        if (modeName.equals("CPU")) {
          warnIfBlocking();
        }
      }
      return Optional.of(model(parameters, modeName, (Integer) parallelism, (String) driverName));
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
      for (Element e = target; e instanceof TypeElement; e = e.getEnclosingElement()) {
        if (e.getModifiers().contains(Modifier.PRIVATE)) {
          error(Messages.privateTargetType(method, e, driverPackage), method);
          return false;
        }
      }
      return true;
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

    private List<Parameter> checkParameters() {
      List<? extends VariableElement> declared = method.getParameters();
      if (declared.isEmpty()) {
        error(Messages.noParameters(method), method);
        return List.of();
      }
      List<Parameter> parameters = new ArrayList<>();
      VariableElement firstIndex = null;
      boolean hasItem = false;
      for (VariableElement p : declared) {
        TypeName type = TypeName.get(p.asType());
        String name = p.getSimpleName().toString();
        if (annotationMirror(p, Index.class.getCanonicalName()) != null) {
          TypeKind kind = p.asType().getKind();
          if (kind != TypeKind.INT && kind != TypeKind.LONG) {
            error(Messages.indexType(p), p);
          }
          if (firstIndex != null) {
            error(Messages.secondIndex(p, firstIndex), p);
          } else {
            firstIndex = p;
          }
          parameters.add(
              new Parameter(name, type, kind == TypeKind.LONG ? Role.LONG_INDEX : Role.INT_INDEX));
        } else if (!hasItem) {
          hasItem = true;
          parameters.add(new Parameter(name, type, Role.ITEM));
        } else {
          parameters.add(new Parameter(name, type, Role.SHARED));
        }
      }
      if (!hasItem) {
        error(Messages.indexOnly(method, firstIndex), firstIndex);
      }
      return parameters;
    }

    private void checkAnnotationValues(
        AnnotationMirror annotation, int parallelism, String driverName) {
      if (parallelism < 0) {
        error(Messages.negativeParallelism(parallelism), annotation, "parallelism");
      }
      if (!driverName.isEmpty()
          && (!SourceVersion.isIdentifier(driverName) || SourceVersion.isKeyword(driverName))) {
        error(Messages.invalidDriverName(driverName), annotation, "driverName");
      }
    }

    /** Every type the driver names must be reachable from the driver's package. */
    private void checkSignatureAccessible() {
      for (VariableElement p : method.getParameters()) {
        firstInaccessible(p.asType())
            .ifPresent(
                t ->
                    error(
                        Messages.inaccessibleType(
                            "parameter " + p.getSimpleName() + " of " + Messages.signature(method),
                            t,
                            driverPackage),
                        p));
      }
      firstInaccessible(method.getReturnType())
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
          Optional<Element> hidden = firstInaccessible(bound);
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

    /** The first type in {@code type} that keeps the driver out: private, or in another package. */
    private Optional<Element> firstInaccessible(TypeMirror type) {
      return typesIn(List.of(type)).stream()
          .filter(t -> t.getKind() == TypeKind.DECLARED)
          .map(t -> blocker((TypeElement) ((DeclaredType) t).asElement()))
          .flatMap(Optional::stream)
          .findFirst();
    }

    private Optional<Element> blocker(TypeElement type) {
      for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
        Set<Modifier> modifiers = e.getModifiers();
        if (modifiers.contains(Modifier.PRIVATE)
            || (!modifiers.contains(Modifier.PUBLIC)
                && !elements.getPackageOf(e).getQualifiedName().contentEquals(driverPackage))) {
          return Optional.of(e);
        }
      }
      return Optional.empty();
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

    private DriverModel model(
        List<Parameter> parameters, String mode, int parallelism, String driverName) {
      boolean isStatic = method.getModifiers().contains(Modifier.STATIC);
      List<TypeVariableName> typeVariables = new ArrayList<>();
      if (!isStatic) {
        target.getTypeParameters().forEach(v -> typeVariables.add(TypeVariableName.get(v)));
      }
      List<TypeVariableName> methodVariables =
          method.getTypeParameters().stream().map(TypeVariableName::get).toList();
      typeVariables.addAll(methodVariables);

      VariableElement item =
          method.getParameters().get(indexOfRole(parameters, r -> r == Role.ITEM));
      Parameter last = parameters.get(parameters.size() - 1);
      boolean varargs = method.isVarArgs() && last.role() == Role.SHARED;
      boolean safeVarargs =
          varargs
              && !reifiable(
                  ((ArrayType) method.getParameters().get(parameters.size() - 1).asType())
                      .getComponentType());
      TypeMirror returnType = method.getReturnType();

      return new DriverModel(
          ClassName.get(driverPackage, driverName.isEmpty() ? defaultDriverName() : driverName),
          ClassName.get(target),
          isStatic ? Optional.empty() : Optional.of(TypeName.get(target.asType())),
          method.getSimpleName().toString(),
          method.getParameters().stream()
              .map(p -> TypeName.get(types.erasure(p.asType())))
              .toList(),
          method.isVarArgs(),
          typeVariables,
          methodVariables,
          parameters,
          TypeName.get(item.asType()).box(),
          rangeBound(item.asType()),
          returnType.getKind() == TypeKind.VOID
              ? Optional.empty()
              : Optional.of(TypeName.get(returnType).box()),
          mode,
          parallelism,
          varargs,
          safeVarargs,
          generatedAnnotationVisible(),
          usesDeprecated(),
          method);
    }

    /** {@code Outer.Inner.render} gives {@code Outer_InnerRenderDriver}. */
    private String defaultDriverName() {
      Deque<String> names = new ArrayDeque<>();
      for (Element e = target; e instanceof TypeElement; e = e.getEnclosingElement()) {
        names.addFirst(e.getSimpleName().toString());
      }
      String name = method.getSimpleName().toString();
      return String.join("_", names)
          + Character.toUpperCase(name.charAt(0))
          + name.substring(1)
          + "Driver";
    }

    private boolean generatedAnnotationVisible() {
      if (elements.getTypeElement(GENERATED) == null) {
        return false;
      }
      ModuleElement module = elements.getModuleOf(method);
      return module == null
          || module.isUnnamed()
          || module.getQualifiedName().contentEquals("java.compiler")
          || reads(module, "java.compiler", new HashSet<>(), false);
    }

    /** Whether the driver names deprecated code: the method, its types or a type it uses. */
    private boolean usesDeprecated() {
      if (elements.isDeprecated(method)) {
        return true;
      }
      for (Element e = target; e instanceof TypeElement; e = e.getEnclosingElement()) {
        if (elements.isDeprecated(e)) {
          return true;
        }
      }
      return signatureTypes(method).stream()
          .filter(t -> t.getKind() == TypeKind.DECLARED)
          .map(t -> ((DeclaredType) t).asElement())
          .anyMatch(elements::isDeprecated);
    }

    private void error(String message, Element element) {
      valid = false;
      messager.printMessage(Diagnostic.Kind.ERROR, message, element);
    }

    private void error(String message, AnnotationMirror annotation, String member) {
      valid = false;
      AnnotationValue value =
          annotation.getElementValues().entrySet().stream()
              .filter(e -> e.getKey().getSimpleName().contentEquals(member))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(null);
      messager.printMessage(Diagnostic.Kind.ERROR, message, method, annotation, value);
    }
  }

  /** Whether {@code module} reads {@code name}, directly or through {@code requires transitive}. */
  private static boolean reads(
      ModuleElement module, String name, Set<ModuleElement> seen, boolean transitiveOnly) {
    if (!seen.add(module)) {
      return false;
    }
    for (ModuleElement.RequiresDirective requires :
        ElementFilter.requiresIn(module.getDirectives())) {
      if (transitiveOnly && !requires.isTransitive()) {
        continue;
      }
      ModuleElement dependency = requires.getDependency();
      if (dependency.getQualifiedName().contentEquals(name)
          || reads(dependency, name, seen, true)) {
        return true;
      }
    }
    return false;
  }

  private static int indexOfRole(List<Parameter> parameters, Predicate<Role> role) {
    for (int i = 0; i < parameters.size(); i++) {
      if (role.test(parameters.get(i).role())) {
        return i;
      }
    }
    throw new IllegalStateException("no such parameter in " + parameters);
  }

  private static Optional<RangeBound> rangeBound(TypeMirror item) {
    switch (item.getKind()) {
      case INT:
        return Optional.of(RangeBound.INT);
      case LONG:
        return Optional.of(RangeBound.LONG);
      case DECLARED:
        TypeName boxed = TypeName.get(item);
        if (boxed.equals(TypeName.INT.box())) {
          return Optional.of(RangeBound.INT);
        }
        if (boxed.equals(TypeName.LONG.box())) {
          return Optional.of(RangeBound.LONG);
        }
        return Optional.empty();
      default:
        return Optional.empty();
    }
  }

  /** Whether an array of this type can be created without an unchecked warning. */
  private static boolean reifiable(TypeMirror type) {
    switch (type.getKind()) {
      case ARRAY:
        return reifiable(((ArrayType) type).getComponentType());
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        TypeMirror enclosing = declared.getEnclosingType();
        return declared.getTypeArguments().stream()
                .allMatch(
                    a ->
                        a.getKind() == TypeKind.WILDCARD
                            && ((WildcardType) a).getExtendsBound() == null
                            && ((WildcardType) a).getSuperBound() == null)
            && (enclosing.getKind() != TypeKind.DECLARED || reifiable(enclosing));
      case TYPEVAR:
      case INTERSECTION:
      case WILDCARD:
        return false;
      default:
        return type.getKind().isPrimitive();
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

  private static AnnotationMirror annotationMirror(Element element, String annotationName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(annotationName)) {
        return mirror;
      }
    }
    return null;
  }

  private static Object value(
      Map<? extends ExecutableElement, ? extends AnnotationValue> values, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : values.entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) {
        return e.getValue().getValue();
      }
    }
    return null;
  }

  /**
   * Every type that appears in the method's signature, as the driver repeats it: parameters, return
   * type, thrown types and the bounds of the type variables in scope, with all their type
   * arguments, components and bounds.
   */
  private static List<TypeMirror> signatureTypes(ExecutableElement method) {
    List<TypeMirror> roots = new ArrayList<>();
    method.getParameters().forEach(p -> roots.add(p.asType()));
    roots.add(method.getReturnType());
    roots.addAll(method.getThrownTypes());
    method.getTypeParameters().forEach(v -> roots.addAll(v.getBounds()));
    if (method.getEnclosingElement() instanceof TypeElement type) {
      type.getTypeParameters().forEach(v -> roots.addAll(v.getBounds()));
    }
    return typesIn(roots);
  }

  /** The given types and every type nested in them, each type variable's bounds visited once. */
  private static List<TypeMirror> typesIn(List<TypeMirror> roots) {
    List<TypeMirror> found = new ArrayList<>();
    Set<Element> seenVariables = new HashSet<>();
    Deque<TypeMirror> work = new ArrayDeque<>(roots);
    while (!work.isEmpty()) {
      TypeMirror type = work.pop();
      found.add(type);
      switch (type.getKind()) {
        case DECLARED:
        case ERROR:
          DeclaredType declared = (DeclaredType) type;
          work.addAll(declared.getTypeArguments());
          if (declared.getEnclosingType().getKind() == TypeKind.DECLARED) {
            work.add(declared.getEnclosingType());
          }
          break;
        case ARRAY:
          work.add(((ArrayType) type).getComponentType());
          break;
        case WILDCARD:
          WildcardType wildcard = (WildcardType) type;
          if (wildcard.getExtendsBound() != null) {
            work.add(wildcard.getExtendsBound());
          }
          if (wildcard.getSuperBound() != null) {
            work.add(wildcard.getSuperBound());
          }
          break;
        case TYPEVAR:
          TypeVariable variable = (TypeVariable) type;
          if (seenVariables.add(variable.asElement())) {
            work.add(variable.getUpperBound());
          }
          break;
        case INTERSECTION:
          work.addAll(((IntersectionType) type).getBounds());
          break;
        default:
          break;
      }
    }
    return found;
  }
}
