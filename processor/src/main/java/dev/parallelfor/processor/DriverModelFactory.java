package dev.parallelfor.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import dev.parallelfor.processor.DriverModel.Parameter;
import dev.parallelfor.processor.DriverModel.RangeBound;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
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
 * Maps the {@link MethodShape} of a method that passed every rule of {@link MethodValidator} to the
 * {@link DriverModel} the writer needs: the driver's name, its type variables, the JavaPoet types
 * of its parameters (whose roles the shape gives), and what the driver's module lets it name.
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

  /** The model of the driver of a method that passed every rule of the validator. */
  DriverModel create(MethodShape shape) {
    ExecutableElement method = shape.method();
    TypeElement targetType = shape.target();
    List<TypeVariableName> typeVariables = new ArrayList<>();
    if (!shape.isStatic()) {
      targetType.getTypeParameters().forEach(v -> typeVariables.add(TypeVariableName.get(v)));
    }
    List<TypeVariableName> methodVariables =
        method.getTypeParameters().stream().map(TypeVariableName::get).toList();
    typeVariables.addAll(methodVariables);

    List<? extends VariableElement> declared = method.getParameters();
    List<Parameter> parameters =
        shape.parameters().stream()
            .map(p -> new Parameter(p.name(), TypeName.get(p.element().asType()), p.role()))
            .toList();
    TypeMirror item = shape.item().orElseThrow().element().asType();
    boolean varargs = shape.sharedVarargs();
    boolean safeVarargs =
        varargs
            && !reifiable(
                ((ArrayType) declared.get(declared.size() - 1).asType()).getComponentType());
    TypeMirror returnType = method.getReturnType();
    String driverName = shape.values().driverName();

    DriverModel.Driver driver =
        new DriverModel.Driver(
            ClassName.get(
                shape.driverPackage(elements),
                driverName.isEmpty() ? defaultDriverName(method) : driverName),
            typeVariables,
            accessibility.isVisible(GENERATED, method),
            usesDeprecated(method),
            method);
    DriverModel.Target target =
        new DriverModel.Target(
            ClassName.get(targetType),
            shape.isStatic() ? Optional.empty() : Optional.of(TypeName.get(targetType.asType())),
            method.getSimpleName().toString(),
            declared.stream().map(p -> TypeName.get(types.erasure(p.asType()))).toList(),
            method.isVarArgs(),
            methodVariables);
    DriverModel.Signature signature =
        new DriverModel.Signature(
            parameters,
            TypeName.get(item).box(),
            rangeBound(item),
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
            shape.mode(),
            shape.values().parallelism(),
            shape.distributed().isPresent(),
            shape.retry().map(this::retryDefault)));
  }

  /** The policy of a valid {@code @Retry}. */
  private DriverModel.RetryDefault retryDefault(RetryValues retry) {
    return new DriverModel.RetryDefault(
        retry.on().stream().map(on -> TypeName.get(types.erasure(on.type()))).toList(),
        retry.attempts(),
        retry.backoffDuration().orElseThrow().toNanos());
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
