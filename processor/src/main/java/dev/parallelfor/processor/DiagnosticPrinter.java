package dev.parallelfor.processor;

import com.sun.source.util.Trees;
import dev.parallelfor.processor.Messages.Message;
import dev.parallelfor.processor.ValidationReport.InSource;
import dev.parallelfor.processor.ValidationReport.Item;
import dev.parallelfor.processor.ValidationReport.OnElement;
import java.util.Arrays;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.tools.Diagnostic;

/**
 * The one place where the processor's diagnostics reach the compiler. A warning on an element under
 * {@code @SuppressWarnings("parallelfor")} is dropped here, so every warning is silenced the same
 * way.
 */
final class DiagnosticPrinter {
  private final ProcessingEnvironment env;

  /** Looked up at the first item in a source tree: only javac has them, and only then. */
  private Trees trees;

  DiagnosticPrinter(ProcessingEnvironment env) {
    this.env = env;
  }

  /** Prints every item of {@code report}, sub-reports included. */
  void print(ValidationReport report) {
    for (Item item : report.allItems()) {
      if (item.location() instanceof OnElement at) {
        print(item.message(), at);
      } else if (item.location() instanceof InSource at) {
        if (trees == null) {
          trees = Trees.instance(env);
        }
        trees.printMessage(item.message().kind(), item.message().text(), at.tree(), at.unit());
      }
    }
  }

  private void print(Message message, OnElement at) {
    if (message.kind() == Diagnostic.Kind.WARNING && suppressed(at.element())) {
      return;
    }
    if (at.annotation().isEmpty()) {
      env.getMessager().printMessage(message.kind(), message.text(), at.element());
    } else if (at.value().isEmpty()) {
      env.getMessager()
          .printMessage(message.kind(), message.text(), at.element(), at.annotation().get());
    } else {
      env.getMessager()
          .printMessage(
              message.kind(),
              message.text(),
              at.element(),
              at.annotation().get(),
              at.value().get());
    }
  }

  /** Whether the element or one that encloses it, up to its package, suppresses our warnings. */
  private static boolean suppressed(Element element) {
    for (Element e = element; e != null && e.getKind() != ElementKind.PACKAGE; ) {
      SuppressWarnings suppress = e.getAnnotation(SuppressWarnings.class);
      if (suppress != null && Arrays.asList(suppress.value()).contains(Messages.SUPPRESSION)) {
        return true;
      }
      e = e.getEnclosingElement();
    }
    return false;
  }
}
