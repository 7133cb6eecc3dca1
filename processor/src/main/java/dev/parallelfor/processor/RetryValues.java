package dev.parallelfor.processor;

import dev.parallelfor.Retry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * The values of one method's {@code @Retry}, defaults filled in, read once for the rules and the
 * model alike.
 *
 * @param mirror the annotation as written, where errors about its values point
 * @param on the exception types, each with the value that names it (the default's when not written)
 * @param attempts the attempts in all, counting the first
 * @param backoff the first wait as written, for example {@code "200ms"}
 */
record RetryValues(AnnotationMirror mirror, List<OnType> on, int attempts, String backoff) {

  /** One type of {@code on}, and the annotation value that names it. */
  record OnType(TypeMirror type, AnnotationValue value) {}

  RetryValues {
    Objects.requireNonNull(mirror, "mirror");
    on = List.copyOf(on);
    Objects.requireNonNull(backoff, "backoff");
  }

  /**
   * The values of the {@code @Retry} on {@code method}.
   *
   * @return empty if the method has no such annotation or a value is erroneous (a missing class, a
   *     wrong type): the compiler reports those itself
   */
  static Optional<RetryValues> of(ExecutableElement method, Elements elements) {
    Optional<AnnotationMirror> found = AnnotationMirrors.find(method, Retry.class);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    AnnotationMirror mirror = found.get();
    Map<? extends ExecutableElement, ? extends AnnotationValue> values =
        elements.getElementValuesWithDefaults(mirror);
    Object on = AnnotationMirrors.value(values, "on");
    Object attempts = AnnotationMirrors.value(values, "attempts");
    Object backoff = AnnotationMirrors.value(values, "backoff");
    if (!(on instanceof List<?> listed)
        || !(attempts instanceof Integer)
        || !(backoff instanceof String)) {
      return Optional.empty();
    }
    List<OnType> types = new ArrayList<>();
    for (Object element : listed) {
      if (!(element instanceof AnnotationValue value)
          || !(value.getValue() instanceof TypeMirror type)
          || type.getKind() == TypeKind.ERROR) {
        return Optional.empty(); // a class the compiler could not find: its error, not ours
      }
      types.add(new OnType(type, value));
    }
    return Optional.of(new RetryValues(mirror, types, (Integer) attempts, (String) backoff));
  }

  /** The value of {@code member} as written in the source; empty where the default applies. */
  Optional<AnnotationValue> written(String member) {
    return AnnotationMirrors.written(mirror, member);
  }

  /** The first wait; empty if {@code backoff} is not a duration, which the validator reports. */
  Optional<Duration> backoffDuration() {
    return BackoffText.parse(backoff);
  }

  /** Whether {@code on} was written: only then do its values have a place in the source. */
  boolean onWritten() {
    return written("on").isPresent();
  }
}
