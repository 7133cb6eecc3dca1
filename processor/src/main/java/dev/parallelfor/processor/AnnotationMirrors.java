package dev.parallelfor.processor;

import java.lang.annotation.Annotation;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
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

  /** Whether {@code element} is annotated {@code annotation}. */
  static boolean isAnnotated(Element element, Class<? extends Annotation> annotation) {
    return find(element, annotation).isPresent();
  }
}
