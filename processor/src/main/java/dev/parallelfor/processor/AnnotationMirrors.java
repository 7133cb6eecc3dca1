package dev.parallelfor.processor;

import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Finds an element's annotations by their qualified names, as mirrors that diagnostics can point
 * at.
 */
final class AnnotationMirrors {
  private AnnotationMirrors() {}

  /** The annotation of type {@code annotation} on {@code element}, if it has one. */
  static Optional<AnnotationMirror> find(Element element, Class<? extends Annotation> annotation) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(annotation.getCanonicalName())) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /**
   * The value of the member {@code name} among an annotation's values (with or without its
   * defaults), unwrapped; null if there is none.
   */
  static Object value(
      Map<? extends ExecutableElement, ? extends AnnotationValue> values, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : values.entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) {
        return e.getValue().getValue();
      }
    }
    return null;
  }

  /** The value of {@code member} as written on {@code mirror}; empty where the default applies. */
  static Optional<AnnotationValue> written(AnnotationMirror mirror, String member) {
    return mirror.getElementValues().entrySet().stream()
        .filter(e -> e.getKey().getSimpleName().contentEquals(member))
        .map(e -> (AnnotationValue) e.getValue())
        .findFirst();
  }

  /** Whether {@code element} is annotated {@code annotation}. */
  static boolean isAnnotated(Element element, Class<? extends Annotation> annotation) {
    return find(element, annotation).isPresent();
  }
}
