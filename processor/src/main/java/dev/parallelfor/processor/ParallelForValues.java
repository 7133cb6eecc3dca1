package dev.parallelfor.processor;

import dev.parallelfor.ParallelFor;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * The values of one method's {@code @ParallelFor}, defaults filled in, read once for the rules and
 * the model alike.
 *
 * @param mirror the annotation as written, where errors about its values point
 * @param mode the name of the {@code Mode} constant
 * @param parallelism the most items in flight; 0 for the mode's default
 * @param driverName the driver's simple name; empty for the default name
 */
record ParallelForValues(AnnotationMirror mirror, String mode, int parallelism, String driverName) {

  ParallelForValues {
    Objects.requireNonNull(mirror, "mirror");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(driverName, "driverName");
  }

  /**
   * The values of the {@code @ParallelFor} on {@code method}.
   *
   * @return empty if the method has no such annotation or a value is erroneous (a missing constant,
   *     a wrong type): the compiler reports those itself
   */
  static Optional<ParallelForValues> of(ExecutableElement method, Elements elements) {
    Optional<AnnotationMirror> found = AnnotationMirrors.find(method, ParallelFor.class);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    AnnotationMirror mirror = found.get();
    Map<? extends ExecutableElement, ? extends AnnotationValue> values =
        elements.getElementValuesWithDefaults(mirror);
    Object mode = AnnotationMirrors.value(values, "mode");
    Object parallelism = AnnotationMirrors.value(values, "parallelism");
    Object driverName = AnnotationMirrors.value(values, "driverName");
    if (!(mode instanceof VariableElement)
        || !(parallelism instanceof Integer)
        || !(driverName instanceof String)) {
      return Optional.empty();
    }
    return Optional.of(
        new ParallelForValues(
            mirror,
            ((VariableElement) mode).getSimpleName().toString(),
            (Integer) parallelism,
            (String) driverName));
  }

  /** The value of {@code member} as written in the source; empty where the default applies. */
  Optional<AnnotationValue> written(String member) {
    return AnnotationMirrors.written(mirror, member);
  }
}
