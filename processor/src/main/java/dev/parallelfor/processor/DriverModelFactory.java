package dev.parallelfor.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import dev.parallelfor.Distributed;
import dev.parallelfor.Index;
import dev.parallelfor.Mode;
import dev.parallelfor.WorkerLocal;
import dev.parallelfor.processor.DriverModel.Parameter;
import dev.parallelfor.processor.DriverModel.RangeBound;
import dev.parallelfor.processor.DriverModel.Role;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Describes a method that passed every rule of {@link MethodValidator} as the {@link DriverModel}
 * the writer needs: the driver's name, its type variables, the role of each parameter, and what the
 * driver's module lets it name.
 */
final class DriverModelFactory {
  private static final String GENERATED = "javax.annotation.processing.Generated";

  private final Elements elements;
  private final Types types;
  private final Accessibility accessibility;

  DriverModelFactory(Elements elements, Types types, Accessibility accessibility) {
    this.elements = elements;
    this.types = types;
    this.accessibility = accessibility;
  }

  /** The model of the driver of {@code method}, a valid method with the given annotation values. */
  DriverModel create(ExecutableElement method, ParallelForValues values) {
    TypeElement targetType = (TypeElement) method.getEnclosingElement();
    boolean isStatic = method.getModifiers().contains(Modifier.STATIC);
    List<TypeVariableName> typeVariables = new ArrayList<>();
    if (!isStatic) {
      targetType.getTypeParameters().forEach(v -> typeVariables.add(TypeVariableName.get(v)));
    }
    List<TypeVariableName> methodVariables =
        method.getTypeParameters().stream().map(TypeVariableName::get).toList();
    typeVariables.addAll(methodVariables);

    List<? extends VariableElement> declared = method.getParameters();
    List<Parameter> parameters = parameters(declared);
    VariableElement item = declared.get(indexOfItem(parameters));
    Parameter last = parameters.get(parameters.size() - 1);
    boolean varargs = method.isVarArgs() && last.role() == Role.SHARED;
    boolean safeVarargs =
        varargs
            && !reifiable(
                ((ArrayType) declared.get(declared.size() - 1).asType()).getComponentType());
    TypeMirror returnType = method.getReturnType();
    String packageName = elements.getPackageOf(method).getQualifiedName().toString();

    DriverModel.Driver driver =
        new DriverModel.Driver(
            ClassName.get(
                packageName,
                values.driverName().isEmpty() ? defaultDriverName(method) : values.driverName()),
            typeVariables,
            accessibility.isVisible(GENERATED, method),
            usesDeprecated(method),
            method);
    DriverModel.Target target =
        new DriverModel.Target(
            ClassName.get(targetType),
            isStatic ? Optional.empty() : Optional.of(TypeName.get(targetType.asType())),
            method.getSimpleName().toString(),
            declared.stream().map(p -> TypeName.get(types.erasure(p.asType()))).toList(),
            method.isVarArgs(),
            methodVariables);
    DriverModel.Signature signature =
        new DriverModel.Signature(
            parameters,
            TypeName.get(item.asType()).box(),
            rangeBound(item.asType()),
            returnType.getKind() == TypeKind.VOID
                ? Optional.empty()
                : Optional.of(TypeName.get(returnType).box()),
            varargs,
            safeVarargs);
    return new DriverModel(
        driver,
        target,
        signature,
        new DriverModel.Settings(
            Mode.valueOf(values.mode()),
            values.parallelism(),
            AnnotationMirrors.isAnnotated(method, Distributed.class),
            retryDefault(method)));
  }

  /** The policy of a valid {@code @Retry}, if the method has one. */
  private Optional<DriverModel.RetryDefault> retryDefault(ExecutableElement method) {
    return RetryValues.of(method, elements)
        .map(
            retry ->
                new DriverModel.RetryDefault(
                    retry.on().stream().map(on -> TypeName.get(types.erasure(on.type()))).toList(),
                    retry.attempts(),
                    BackoffText.parse(retry.backoff()).orElseThrow().toNanos()));
  }

  /**
   * The name of a driver without {@code driverName}: {@code Outer.Inner.render} gives {@code
   * Outer_InnerRenderDriver}.
   */
  static String defaultDriverName(ExecutableElement method) {
    Deque<String> names = new ArrayDeque<>();
    for (Element e = method.getEnclosingElement();
        e instanceof TypeElement;
        e = e.getEnclosingElement()) {
      names.addFirst(e.getSimpleName().toString());
    }
    String name = method.getSimpleName().toString();
    return String.join("_", names)
        + Character.toUpperCase(name.charAt(0))
        + name.substring(1)
        + "Driver";
  }

  /**
   * The item is the first parameter without {@code @Index}; every further one is shared, or made
   * per worker when {@code @WorkerLocal}.
   */
  private static List<Parameter> parameters(List<? extends VariableElement> declared) {
    List<Parameter> parameters = new ArrayList<>();
    boolean hasItem = false;
    for (VariableElement p : declared) {
      Role role;
      if (AnnotationMirrors.isAnnotated(p, Index.class)) {
        role = p.asType().getKind() == TypeKind.LONG ? Role.LONG_INDEX : Role.INT_INDEX;
      } else if (!hasItem) {
        hasItem = true;
        role = Role.ITEM;
      } else {
        role =
            AnnotationMirrors.isAnnotated(p, WorkerLocal.class) ? Role.WORKER_LOCAL : Role.SHARED;
      }
      parameters.add(new Parameter(p.getSimpleName().toString(), TypeName.get(p.asType()), role));
    }
    return parameters;
  }

  private static int indexOfItem(List<Parameter> parameters) {
    for (int i = 0; i < parameters.size(); i++) {
      if (parameters.get(i).role() == Role.ITEM) {
        return i;
      }
    }
    throw new IllegalStateException("no item parameter in " + parameters);
  }

  /** Whether the driver names deprecated code: the method, its types or a type it uses. */
  private boolean usesDeprecated(ExecutableElement method) {
    if (elements.isDeprecated(method)) {
      return true;
    }
    for (Element e = method.getEnclosingElement();
        e instanceof TypeElement;
        e = e.getEnclosingElement()) {
      if (elements.isDeprecated(e)) {
        return true;
      }
    }
    return SignatureTypes.of(method).stream()
        .filter(t -> t.getKind() == TypeKind.DECLARED)
        .map(t -> ((DeclaredType) t).asElement())
        .anyMatch(elements::isDeprecated);
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
}
