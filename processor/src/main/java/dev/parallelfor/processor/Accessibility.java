package dev.parallelfor.processor;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * What generated code can name: a driver lives in its method's package and module, so a type it
 * repeats must be reachable from there.
 */
final class Accessibility {
  private final Elements elements;

  Accessibility(Elements elements) {
    this.elements = elements;
  }

  /** The innermost private type among {@code type} and the types that enclose it. */
  Optional<TypeElement> firstPrivate(TypeElement type) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return Optional.of((TypeElement) e);
      }
    }
    return Optional.empty();
  }

  /**
   * The first type in {@code type}, its type arguments and bounds included, that code in package
   * {@code packageName} cannot name: a private one, or one that is not public in another package.
   */
  Optional<TypeElement> firstInaccessible(TypeMirror type, String packageName) {
    return SignatureTypes.within(List.of(type)).stream()
        .filter(t -> t.getKind() == TypeKind.DECLARED)
        .map(t -> blocker((TypeElement) ((DeclaredType) t).asElement(), packageName))
        .flatMap(Optional::stream)
        .findFirst();
  }

  /**
   * Whether code in the module of {@code user} can name the type {@code qualifiedName}: the type
   * exists and {@code user} is in the unnamed module, in the type's module, or in one that reads
   * it.
   */
  boolean isVisible(String qualifiedName, Element user) {
    TypeElement type = elements.getTypeElement(qualifiedName);
    if (type == null) {
      return false;
    }
    ModuleElement module = elements.getModuleOf(user);
    ModuleElement target = elements.getModuleOf(type);
    return module == null
        || target == null
        || module.isUnnamed()
        || sameModule(module, target)
        || reads(module, target, new HashSet<>(), false);
  }

  /** The type, or an enclosing one, that keeps code in {@code packageName} out. */
  private Optional<TypeElement> blocker(TypeElement type, String packageName) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      Set<Modifier> modifiers = e.getModifiers();
      if (modifiers.contains(Modifier.PRIVATE)
          || (!modifiers.contains(Modifier.PUBLIC)
              && !elements.getPackageOf(e).getQualifiedName().contentEquals(packageName))) {
        return Optional.of((TypeElement) e);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code module} reads {@code target}, directly or through {@code requires transitive}.
   */
  private static boolean reads(
      ModuleElement module, ModuleElement target, Set<ModuleElement> seen, boolean transitiveOnly) {
    if (!seen.add(module)) {
      return false;
    }
    for (ModuleElement.RequiresDirective requires :
        ElementFilter.requiresIn(module.getDirectives())) {
      if (transitiveOnly && !requires.isTransitive()) {
        continue;
      }
      ModuleElement dependency = requires.getDependency();
      if (sameModule(dependency, target) || reads(dependency, target, seen, true)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameModule(ModuleElement a, ModuleElement b) {
    return a.getQualifiedName().contentEquals(b.getQualifiedName());
  }
}
