package dev.parallelfor.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import dev.parallelfor.Mode;
import dev.parallelfor.processor.MethodShape.Role;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.lang.model.element.Element;

/**
 * Everything the writer needs to know about one valid {@code @ParallelFor} method, and nothing it
 * has to check: names and types are final, every rule has passed. Grouped by what each part
 * describes: the class to write, the method it calls, the method's signature as the driver sees it,
 * and the annotation's settings.
 *
 * @param driver the driver class to generate
 * @param target the annotated method and the type that declares it
 * @param signature the method's parameters and types, by role
 * @param settings the annotation's mode and parallelism
 */
record DriverModel(Driver driver, Target target, Signature signature, Settings settings) {

  DriverModel {
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(settings, "settings");
  }

  boolean isStatic() {
    return target.instanceType().isEmpty();
  }

  boolean isVoid() {
    return signature.resultType().isEmpty();
  }

  /** The shared arguments: every parameter that is neither the item, the index nor per worker. */
  List<Parameter> sharedArguments() {
    return signature.parameters().stream().filter(p -> p.role() == Role.SHARED).toList();
  }

  /**
   * What the execution methods take after the items, in declaration order: the shared arguments,
   * and a supplier for each {@code @WorkerLocal} parameter.
   */
  List<Parameter> runArguments() {
    return signature.parameters().stream()
        .filter(p -> p.role() == Role.SHARED || p.role() == Role.WORKER_LOCAL)
        .toList();
  }

  /** The {@code @WorkerLocal} parameters. */
  List<Parameter> workerLocals() {
    return signature.parameters().stream().filter(p -> p.role() == Role.WORKER_LOCAL).toList();
  }

  /**
   * The class to generate.
   *
   * @param name its name
   * @param typeVariables its type variables: the target type's (instance methods only), then the
   *     method's
   * @param generatedAnnotation whether {@code javax.annotation.processing.Generated} is visible to
   *     it
   * @param deprecated whether it calls deprecated code and must say it does so knowingly
   * @param originatingElement the method, for incremental builds
   */
  record Driver(
      ClassName name,
      List<TypeVariableName> typeVariables,
      boolean generatedAnnotation,
      boolean deprecated,
      Element originatingElement) {
    Driver {
      Objects.requireNonNull(name, "name");
      typeVariables = List.copyOf(typeVariables);
      Objects.requireNonNull(originatingElement, "originatingElement");
    }
  }

  /**
   * The annotated method and the type that declares it.
   *
   * @param type the raw type that declares the method
   * @param instanceType the type of the driver's {@code target} field; empty for a static method
   * @param methodName the method's simple name
   * @param linkParameterTypes the erased parameter types, for the Javadoc link to the method
   * @param varargs whether the method's last parameter is varargs
   * @param typeArguments the method's own type variables, passed explicitly in the call
   */
  record Target(
      ClassName type,
      Optional<TypeName> instanceType,
      String methodName,
      List<TypeName> linkParameterTypes,
      boolean varargs,
      List<TypeVariableName> typeArguments) {
    Target {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(instanceType, "instanceType");
      Objects.requireNonNull(methodName, "methodName");
      linkParameterTypes = List.copyOf(linkParameterTypes);
      typeArguments = List.copyOf(typeArguments);
    }
  }

  /**
   * The method's signature as the driver sees it.
   *
   * @param parameters the method's parameters in declaration order
   * @param itemType the item type, boxed, as it appears in {@code Iterable<? extends T>}
   * @param range the bounds of the range forms, if the item type allows them
   * @param resultType the method's return type, boxed; empty for a void method
   * @param sharedVarargs whether the last shared argument is varargs
   * @param safeVarargs whether that varargs parameter needs {@code @SafeVarargs}
   */
  record Signature(
      List<Parameter> parameters,
      TypeName itemType,
      Optional<RangeBound> range,
      Optional<TypeName> resultType,
      boolean sharedVarargs,
      boolean safeVarargs) {
    Signature {
      parameters = List.copyOf(parameters);
      Objects.requireNonNull(itemType, "itemType");
      Objects.requireNonNull(range, "range");
      Objects.requireNonNull(resultType, "resultType");
    }
  }

  /**
   * The annotations' settings.
   *
   * @param mode the mode
   * @param parallelism the parallelism; 0 for the mode's default
   * @param distributed whether the method is {@code @Distributed}: the driver then calls it through
   *     a serializable task class and can run on a cluster
   * @param retry the retry policy of {@code @Retry}, if the method has one
   */
  record Settings(Mode mode, int parallelism, boolean distributed, Optional<RetryDefault> retry) {
    Settings {
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(retry, "retry");
    }
  }

  /**
   * The retry policy a driver starts with, from {@code @Retry}.
   *
   * @param on the exception types worth another attempt
   * @param attempts the attempts in all
   * @param backoffNanos the first wait, in nanoseconds
   */
  record RetryDefault(List<TypeName> on, int attempts, long backoffNanos) {
    RetryDefault {
      on = List.copyOf(on);
    }
  }

  /** The type of the range forms' bounds. */
  enum RangeBound {
    INT,
    LONG
  }

  /**
   * One parameter of the annotated method.
   *
   * @param name its name in the method's declaration
   * @param type its declared type (an array for a varargs parameter)
   * @param role what it receives; an {@code @Index} is an {@code int} or a {@code long}
   */
  record Parameter(String name, TypeName type, Role role) {
    Parameter {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(role, "role");
    }
  }
}
