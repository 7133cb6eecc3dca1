package dev.parallelfor.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.lang.model.element.Element;

/**
 * Everything the writer needs to know about one valid {@code @ParallelFor} method, and nothing it
 * has to check: names and types are final, every rule has passed.
 *
 * @param driver the driver class to generate
 * @param targetClass the raw type that declares the method
 * @param targetType the type of the driver's {@code target} field; empty for a static method
 * @param methodName the annotated method's simple name
 * @param linkParameterTypes the erased parameter types, for the Javadoc link to the method
 * @param methodVarargs whether the method's last parameter is varargs
 * @param typeVariables the driver's type variables: the target type's (instance methods only), then
 *     the method's
 * @param methodTypeArguments the method's own type variables, passed explicitly in the call
 * @param parameters the method's parameters in declaration order
 * @param itemType the item type, boxed, as it appears in {@code Iterable<? extends T>}
 * @param range the bounds of {@code runRange}, if the item type allows one
 * @param resultType the method's return type, boxed; empty for a void method
 * @param mode the annotation's mode, as the name of a {@code Mode} constant
 * @param parallelism the annotation's parallelism; 0 for the mode's default
 * @param varargs whether the last shared argument is varargs
 * @param safeVarargs whether that varargs parameter needs {@code @SafeVarargs}
 * @param generatedAnnotation whether {@code javax.annotation.processing.Generated} is visible to
 *     the driver
 * @param deprecated whether the driver calls deprecated code and must say it does so knowingly
 * @param originatingElement the method, for incremental builds
 */
record DriverModel(
    ClassName driver,
    ClassName targetClass,
    Optional<TypeName> targetType,
    String methodName,
    List<TypeName> linkParameterTypes,
    boolean methodVarargs,
    List<TypeVariableName> typeVariables,
    List<TypeVariableName> methodTypeArguments,
    List<Parameter> parameters,
    TypeName itemType,
    Optional<RangeBound> range,
    Optional<TypeName> resultType,
    String mode,
    int parallelism,
    boolean varargs,
    boolean safeVarargs,
    boolean generatedAnnotation,
    boolean deprecated,
    Element originatingElement) {

  DriverModel {
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(targetClass, "targetClass");
    Objects.requireNonNull(targetType, "targetType");
    Objects.requireNonNull(methodName, "methodName");
    linkParameterTypes = List.copyOf(linkParameterTypes);
    typeVariables = List.copyOf(typeVariables);
    methodTypeArguments = List.copyOf(methodTypeArguments);
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(itemType, "itemType");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(resultType, "resultType");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(originatingElement, "originatingElement");
  }

  boolean isStatic() {
    return targetType.isEmpty();
  }

  boolean isVoid() {
    return resultType.isEmpty();
  }

  /** The shared arguments: every parameter that is neither the item nor the index. */
  List<Parameter> sharedArguments() {
    return parameters.stream().filter(p -> p.role() == Role.SHARED).toList();
  }

  /** What a parameter of the annotated method receives. */
  enum Role {
    /** One item of the input. */
    ITEM,
    /** The item's position, as an {@code int}. */
    INT_INDEX,
    /** The item's position, as a {@code long}. */
    LONG_INDEX,
    /** The same value for every item, given once to {@code run}. */
    SHARED
  }

  /** The type of {@code runRange}'s bounds. */
  enum RangeBound {
    INT,
    LONG
  }

  /**
   * One parameter of the annotated method.
   *
   * @param name its name in the method's declaration
   * @param type its declared type (an array for a varargs parameter)
   * @param role what it receives
   */
  record Parameter(String name, TypeName type, Role role) {
    Parameter {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(role, "role");
    }
  }
}
