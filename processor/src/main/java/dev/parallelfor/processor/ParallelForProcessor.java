package dev.parallelfor.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import dev.parallelfor.ParallelFor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Generates a driver class for every method annotated {@code @ParallelFor}.
 *
 * <p>This class only orchestrates: {@link MethodValidator} checks each method, {@link
 * DriverModelFactory} describes a valid one and {@link DriverWriter} writes its driver; what went
 * wrong with a method is collected in one {@link ValidationReport} and printed once. A method whose
 * types are not resolved yet waits for a later round, because another processor may generate them.
 * Nothing is thrown out of {@link #process}: an unexpected exception becomes one error on the
 * method being processed.
 */
@AutoService(Processor.class)
public final class ParallelForProcessor extends AbstractProcessor {
  private static final String ANNOTATION = ParallelFor.class.getCanonicalName();

  /** Methods waiting for their types, by enclosing type and position among its members. */
  private final Set<DeferredMethod> deferred = new LinkedHashSet<>();

  /** The drivers written so far, by qualified name, with the method each one drives. */
  private final Map<String, String> written = new HashMap<>();

  private MethodValidator validator;
  private DriverModelFactory models;
  private DriverWriter writer;
  private DiagnosticPrinter printer;

  /** Null where the compiler offers no javac tree API. */
  private LocalClassScanner localClasses;

  /** Creates the processor; the compiler calls {@link #init} before any round. */
  public ParallelForProcessor() {}

  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    Accessibility accessibility = new Accessibility(processingEnv.getElementUtils());
    validator =
        new MethodValidator(
            processingEnv.getElementUtils(), processingEnv.getTypeUtils(), accessibility);
    models =
        new DriverModelFactory(
            processingEnv.getElementUtils(), processingEnv.getTypeUtils(), accessibility);
    writer = new DriverWriter();
    printer = new DiagnosticPrinter(processingEnv);
    try {
      localClasses = LocalClassScanner.create(processingEnv);
    } catch (LinkageError e) {
      localClasses = null; // no javac tree API at all: such methods are skipped quietly
    }
  }

  /**
   * The annotation, or every annotation where javac's tree API is at hand: javac only calls a
   * processor for the annotations it found, and it never finds those in local or anonymous classes,
   * so a file whose only {@code @ParallelFor} is in such a class would go unchecked. javac calls
   * this after {@link #init}.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return localClasses == null ? Set.of(ANNOTATION) : Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
    if (localClasses != null) {
      try {
        localClasses.scan(roundEnv.getRootElements()).forEach(printer::print);
      } catch (RuntimeException | LinkageError e) {
        // The tree API is a bonus on javac; where it fails, such methods are skipped, as on
        // other compilers.
      }
    }
    List<ExecutableElement> methods = new ArrayList<>();
    for (DeferredMethod d : deferred) {
      d.find(processingEnv).ifPresent(methods::add);
    }
    deferred.clear();
    TypeElement annotation = processingEnv.getElementUtils().getTypeElement(ANNOTATION);
    if (annotation != null) {
      for (Element element : roundEnv.getElementsAnnotatedWith(annotation)) {
        if (element.getKind() == ElementKind.METHOD) {
          methods.add((ExecutableElement) element);
        }
      }
    }
    for (ExecutableElement method : methods) {
      try {
        process(method);
      } catch (Throwable t) {
        if (t instanceof VirtualMachineError) {
          throw (VirtualMachineError) t;
        }
        printer.print(ValidationReport.of(Messages.internalError(t), method));
      }
    }
    if (roundEnv.processingOver()) {
      reportUnresolved(roundEnv);
    }
    return false;
  }

  /** Checks one method and writes its driver, then prints everything it found, once. */
  private void process(ExecutableElement method) {
    if (SignatureTypes.anyUnresolved(method)) {
      DeferredMethod.of(method).ifPresent(deferred::add);
      return;
    }
    Optional<ParallelForValues> values =
        ParallelForValues.of(method, processingEnv.getElementUtils());
    if (values.isEmpty()) {
      return; // an erroneous annotation value, which the compiler reports
    }
    ValidationReport validation = validator.validate(method, values.get());
    ValidationReport.Builder report = ValidationReport.builder().addSubreport(validation);
    if (validation.isClean()) {
      write(models.create(method, values.get()), method, report);
    }
    printer.print(report.build());
  }

  /** Writes a driver unless another method already has its name; adds what failed to report. */
  private void write(DriverModel model, ExecutableElement method, ValidationReport.Builder report) {
    String driver = model.driver().canonicalName();
    String first = written.putIfAbsent(driver, Messages.memberName(method));
    if (first != null) {
      report.add(Messages.duplicateDriver(driver, first), method);
      return;
    }
    JavaFile file = writer.write(model);
    try {
      file.writeTo(processingEnv.getFiler());
    } catch (FilerException e) {
      report.add(Messages.typeExists(driver), method);
    } catch (IOException e) {
      report.add(Messages.writeFailed(driver, e), method);
    }
  }

  /**
   * Methods whose types never resolved get no driver. javac reports the missing types itself, after
   * the last round, and {@code errorRaised()} does not know about them yet, so an error here would
   * be a second error on the user's one: a note says why the driver is missing instead.
   */
  private void reportUnresolved(RoundEnvironment roundEnv) {
    if (!roundEnv.errorRaised()) {
      for (DeferredMethod d : deferred) {
        d.find(processingEnv)
            .ifPresent(m -> printer.print(ValidationReport.of(Messages.unresolvedTypes(m), m)));
      }
    }
    deferred.clear();
  }

  /**
   * A method found again in a later round, where the compiler hands out new elements: by the
   * qualified name of its type and its position among the type's members.
   */
  private record DeferredMethod(String type, int position) {
    static Optional<DeferredMethod> of(ExecutableElement method) {
      TypeElement type = (TypeElement) method.getEnclosingElement();
      if (type.getQualifiedName().length() == 0) {
        return Optional.empty();
      }
      return Optional.of(
          new DeferredMethod(
              type.getQualifiedName().toString(), type.getEnclosedElements().indexOf(method)));
    }

    Optional<ExecutableElement> find(ProcessingEnvironment env) {
      TypeElement typeElement = env.getElementUtils().getTypeElement(type);
      if (typeElement == null || position >= typeElement.getEnclosedElements().size()) {
        return Optional.empty();
      }
      Element member = typeElement.getEnclosedElements().get(position);
      return member.getKind() == ElementKind.METHOD
          ? Optional.of((ExecutableElement) member)
          : Optional.empty();
    }
  }
}
