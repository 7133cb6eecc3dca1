package dev.parallelfor.processor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * The types a driver repeats from its method's signature: parameters, return type, thrown types and
 * the bounds of the type variables in scope, with all their type arguments, components and bounds.
 */
final class SignatureTypes {
  private SignatureTypes() {}

  /** Every type in the signature of {@code method}, nested ones included. */
  static List<TypeMirror> of(ExecutableElement method) {
    List<TypeMirror> roots = new ArrayList<>();
    method.getParameters().forEach(p -> roots.add(p.asType()));
    roots.add(method.getReturnType());
    roots.addAll(method.getThrownTypes());
    method.getTypeParameters().forEach(v -> roots.addAll(v.getBounds()));
    if (method.getEnclosingElement() instanceof TypeElement type) {
      type.getTypeParameters().forEach(v -> roots.addAll(v.getBounds()));
    }
    return within(roots);
  }

  /**
   * Whether a type in the signature of {@code method} is still unresolved: it may be generated in a
   * later round, or the compiler reports it.
   */
  static boolean anyUnresolved(ExecutableElement method) {
    return of(method).stream().anyMatch(t -> t.getKind() == TypeKind.ERROR);
  }

  /** The given types and every type nested in them, each type variable's bounds visited once. */
  static List<TypeMirror> within(List<TypeMirror> roots) {
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
