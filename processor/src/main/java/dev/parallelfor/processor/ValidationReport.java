package dev.parallelfor.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import dev.parallelfor.processor.Messages.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The diagnostics about one method, collected while it is checked and written, then printed once by
 * {@link DiagnosticPrinter}, in the manner of Dagger's {@code ValidationReport}. A report can hold
 * the reports of the steps it was made from; it is clean when neither it nor any of those holds an
 * error, and only a clean method gets a driver.
 */
final class ValidationReport {
  private final List<Item> items;
  private final List<ValidationReport> subreports;

  private ValidationReport(List<Item> items, List<ValidationReport> subreports) {
    this.items = List.copyOf(items);
    this.subreports = List.copyOf(subreports);
  }

  static Builder builder() {
    return new Builder();
  }

  /** A report of one diagnostic on {@code element}. */
  static ValidationReport of(Message message, Element element) {
    return builder().add(message, element).build();
  }

  /** Whether no error is reported here or in a sub-report. */
  boolean isClean() {
    return items.stream().noneMatch(Item::isError)
        && subreports.stream().allMatch(ValidationReport::isClean);
  }

  /** Every item, this report's own first, then each sub-report's, in the order they were added. */
  List<Item> allItems() {
    List<Item> all = new ArrayList<>(items);
    subreports.forEach(r -> all.addAll(r.allItems()));
    return all;
  }

  @Override
  public String toString() {
    return allItems().toString();
  }

  /**
   * One diagnostic and where it points.
   *
   * @param message the text and its severity
   * @param location the element or source tree at fault
   */
  record Item(Message message, Location location) {
    Item {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(location, "location");
    }

    boolean isError() {
      return message.kind() == Diagnostic.Kind.ERROR;
    }
  }

  /** Where a diagnostic points. */
  sealed interface Location permits OnElement, InSource {}

  /**
   * An element, and optionally one of its annotations and one value of that annotation.
   *
   * @param element the element at fault
   * @param annotation the annotation at fault, if any
   * @param value the annotation's value at fault, if any (only with an annotation)
   */
  record OnElement(
      Element element, Optional<AnnotationMirror> annotation, Optional<AnnotationValue> value)
      implements Location {
    OnElement {
      Objects.requireNonNull(element, "element");
      Objects.requireNonNull(annotation, "annotation");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A tree of a source file, for code the compiler gives no element for: the members of local and
   * anonymous classes. Only created where javac's tree API is at hand.
   *
   * @param tree the tree at fault
   * @param unit the file that holds it
   */
  record InSource(Tree tree, CompilationUnitTree unit) implements Location {
    InSource {
      Objects.requireNonNull(tree, "tree");
      Objects.requireNonNull(unit, "unit");
    }
  }

  /** Collects the items of one report. */
  static final class Builder {
    private final List<Item> items = new ArrayList<>();
    private final List<ValidationReport> subreports = new ArrayList<>();

    private Builder() {}

    /** Reports {@code message} on {@code element}. */
    Builder add(Message message, Element element) {
      return add(message, new OnElement(element, Optional.empty(), Optional.empty()));
    }

    /**
     * Reports {@code message} on one value of an annotation of {@code element}, or on the whole
     * annotation where that value is empty (a default).
     */
    Builder add(
        Message message,
        Element element,
        AnnotationMirror annotation,
        Optional<AnnotationValue> value) {
      return add(message, new OnElement(element, Optional.of(annotation), value));
    }

    /** Reports {@code message} on a tree of a source file. */
    Builder add(Message message, Tree tree, CompilationUnitTree unit) {
      return add(message, new InSource(tree, unit));
    }

    private Builder add(Message message, Location location) {
      items.add(new Item(message, location));
      return this;
    }

    /** Adds the report of a step, whose errors make this report unclean too. */
    Builder addSubreport(ValidationReport report) {
      subreports.add(Objects.requireNonNull(report, "report"));
      return this;
    }

    /** Whether nothing added so far is an error. */
    boolean isClean() {
      return items.stream().noneMatch(Item::isError)
          && subreports.stream().allMatch(ValidationReport::isClean);
    }

    ValidationReport build() {
      return new ValidationReport(items, subreports);
    }
  }
}
