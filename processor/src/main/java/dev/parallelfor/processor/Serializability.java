package dev.parallelfor.processor;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Decides whether values of a type can travel to a cluster's members, as far as the declared type
 * tells: primitives, {@link java.io.Serializable} types, arrays of such, and collections and maps
 * whose type arguments travel (the JDK's implementations are serializable); for items and results
 * also the types Hazelcast serializes itself ({@code DataSerializable}, {@code Portable}), when
 * they are on the compile class path.
 */
final class Serializability {
  private static final List<String> HAZELCAST_NATIVE =
      List.of(
          "com.hazelcast.nio.serialization.DataSerializable",
          "com.hazelcast.nio.serialization.Portable");

  private final Types types;
  private final TypeMirror serializable;
  private final List<TypeMirror> containers;
  private final List<TypeMirror> hazelcastNative;

  Serializability(Elements elements, Types types) {
    this.types = types;
    this.serializable = erasure(elements, "java.io.Serializable").orElseThrow();
    this.containers =
        List.of(
            erasure(elements, "java.util.Collection").orElseThrow(),
            erasure(elements, "java.util.Map").orElseThrow());
    this.hazelcastNative =
        HAZELCAST_NATIVE.stream().flatMap(n -> erasure(elements, n).stream()).toList();
  }

  private Optional<TypeMirror> erasure(Elements elements, String name) {
    TypeElement type = elements.getTypeElement(name);
    return type == null ? Optional.empty() : Optional.of(types.erasure(type.asType()));
  }

  /**
   * The part of {@code type} that cannot travel (the type itself, an array's component, a
   * collection's type argument), or empty when all of it can.
   *
   * @param hazelcastTypes whether Hazelcast's own serializable types count: true for items and
   *     results, which Hazelcast serializes one by one; false for what travels inside the task
   *     through Java serialization
   */
  Optional<TypeMirror> offending(TypeMirror type, boolean hazelcastTypes) {
    return offending(type, hazelcastTypes, 0);
  }

  private Optional<TypeMirror> offending(TypeMirror type, boolean hazelcastTypes, int depth) {
    if (depth > 8) {
      return Optional.empty();
    }
    switch (type.getKind()) {
      case BOOLEAN, BYTE, SHORT, INT, LONG, CHAR, FLOAT, DOUBLE, VOID:
        return Optional.empty();
      case ARRAY:
        return offending(((ArrayType) type).getComponentType(), hazelcastTypes, depth + 1);
      case TYPEVAR:
        TypeMirror upper = ((TypeVariable) type).getUpperBound();
        if (upper.getKind() == TypeKind.INTERSECTION) {
          for (TypeMirror bound : ((IntersectionType) upper).getBounds()) {
            if (offending(bound, hazelcastTypes, depth + 1).isEmpty()) {
              return Optional.empty();
            }
          }
          return Optional.of(type);
        }
        return offending(upper, hazelcastTypes, depth + 1).isEmpty()
            ? Optional.empty()
            : Optional.of(type);
      case WILDCARD:
        TypeMirror extendsBound = ((WildcardType) type).getExtendsBound();
        return extendsBound == null
            ? Optional.of(type)
            : offending(extendsBound, hazelcastTypes, depth + 1);
      case DECLARED:
        return declared((DeclaredType) type, hazelcastTypes, depth);
      default:
        return Optional.of(type);
    }
  }

  private Optional<TypeMirror> declared(DeclaredType type, boolean hazelcastTypes, int depth) {
    TypeMirror raw = types.erasure(type);
    boolean container = containers.stream().anyMatch(c -> types.isAssignable(raw, c));
    if (container) {
      for (TypeMirror argument : type.getTypeArguments()) {
        Optional<TypeMirror> inside = offending(argument, hazelcastTypes, depth + 1);
        if (inside.isPresent()) {
          return inside;
        }
      }
      return Optional.empty(); // an interface or a serializable implementation
    }
    if (types.isAssignable(raw, serializable)) {
      return Optional.empty();
    }
    if (hazelcastTypes && hazelcastNative.stream().anyMatch(h -> types.isAssignable(raw, h))) {
      return Optional.empty();
    }
    return Optional.of(type);
  }
}
