package dev.parallelfor.processor;

import static com.google.common.truth.Truth.assertThat;

import dev.parallelfor.processor.Messages.Message;
import dev.parallelfor.processor.ValidationReport.Item;
import java.lang.reflect.Proxy;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/** A report is clean only without errors, its sub-reports' included, and keeps its items' order. */
class ValidationReportTest {
  private static final Element ELEMENT =
      (Element)
          Proxy.newProxyInstance(
              Element.class.getClassLoader(),
              new Class<?>[] {Element.class},
              (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
              });

  private static final Message ERROR = Messages.negativeParallelism(-1);
  private static final Message OTHER_ERROR = Messages.typeExists("test.Taken");

  @Test
  void messagesCarryTheirSeverity() {
    assertThat(ERROR.kind()).isEqualTo(Diagnostic.Kind.ERROR);
    assertThat(ERROR.text()).startsWith("parallelism must be >= 0");
  }

  @Test
  void emptyReportIsClean() {
    assertThat(ValidationReport.builder().build().isClean()).isTrue();
    assertThat(ValidationReport.builder().build().allItems()).isEmpty();
  }

  @Test
  void errorMakesTheReportUnclean() {
    ValidationReport.Builder builder = ValidationReport.builder();
    assertThat(builder.isClean()).isTrue();
    builder.add(ERROR, ELEMENT);
    assertThat(builder.isClean()).isFalse();
    assertThat(builder.build().isClean()).isFalse();
  }

  @Test
  void errorInASubreportMakesTheReportUnclean() {
    ValidationReport report =
        ValidationReport.builder().addSubreport(ValidationReport.of(ERROR, ELEMENT)).build();
    assertThat(report.isClean()).isFalse();
    ValidationReport clean =
        ValidationReport.builder().addSubreport(ValidationReport.builder().build()).build();
    assertThat(clean.isClean()).isTrue();
  }

  @Test
  void allItemsListsOwnItemsThenEachSubreportsInOrder() {
    ValidationReport report =
        ValidationReport.builder()
            .addSubreport(ValidationReport.of(OTHER_ERROR, ELEMENT))
            .add(ERROR, ELEMENT)
            .build();
    assertThat(report.allItems().stream().map(Item::message).toList())
        .containsExactly(ERROR, OTHER_ERROR)
        .inOrder();
  }

  /** For debugging, a report reads as its items: each severity and text, in order. */
  @Test
  void toStringShowsEveryItemInOrder() {
    Element named =
        (Element)
            Proxy.newProxyInstance(
                Element.class.getClassLoader(),
                new Class<?>[] {Element.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("toString")) {
                    return "render(Path)";
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    String text =
        ValidationReport.builder()
            .addSubreport(ValidationReport.of(OTHER_ERROR, named))
            .add(ERROR, named)
            .build()
            .toString();
    assertThat(text).contains("ERROR: " + ERROR.text());
    assertThat(text).contains("ERROR: " + OTHER_ERROR.text());
    assertThat(text.indexOf(ERROR.text())).isLessThan(text.indexOf(OTHER_ERROR.text()));
    assertThat(text).contains("render(Path)");
  }
}
