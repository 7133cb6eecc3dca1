package dev.parallelfor.processor;

import com.google.auto.service.AutoService;
import dev.parallelfor.Distributed;
import dev.parallelfor.Index;
import dev.parallelfor.ParallelFor;
import dev.parallelfor.Retry;
import dev.parallelfor.WorkerLocal;
import java.io.IOException;
import java.io.Writer;
import java.lang.annotation.Annotation;
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
import javax.tools.JavaFileObject;

/**
 * Generates a driver class for every method annotated {@code @ParallelFor}.
 *
 * <p>This class only orchestrates: each method is parsed once into a {@link MethodShape}, which
 * {@link MethodValidator} checks, {@link DriverModelFactory} maps to a model when valid, and {@link
 * DriverWriter} writes as its driver; what went wrong with a method is collected in one {@link
 * ValidationReport} and printed once. A method whose types are not resolved yet waits for a later
 * round, because another processor may generate them. Nothing is thrown out of {@link #process}: an
 * unexpected exception becomes one error on the element being processed.
 *
 * <p>The processor supports only the annotations it handles, and claims them, so that javac's
 * {@code -Xlint:processing} ("No processor claimed any of these annotations") stays quiet:
 * {@code @ParallelFor}, {@code @Index}, {@code @Distributed}, {@code @Retry}, and the
 * {@code @Generated} of its own drivers. It does not claim in a round where a method waits for its
 * types (a processor after this one may be about to generate them) or where {@code @Generated} is
 * on code it did not write (that is another processor's to take).
 */
@AutoService(Processor.class)
public final class ParallelForProcessor extends AbstractProcessor {
  private static final String GENERATED = "javax.annotation.processing.Generated";

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
      localClasses = LocalClassScanner.create(processingEnv, printer::print);
    } catch (LinkageError e) {
      localClasses = null; // no javac tree API at all: such methods are skipped quietly
    }
  }

  /**
   * The annotations this processor handles. Not {@code "*"}: a universal processor that claims
   * nothing leaves every annotation unclaimed, and one that claims takes every annotation from the
   * processors after it. Methods of local classes, which javac never reports as annotated, are
   * found by {@link LocalClassScanner} instead.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(
        ParallelFor.class.getCanonicalName(),
        Index.class.getCanonicalName(),
        WorkerLocal.class.getCanonicalName(),
        Distributed.class.getCanonicalName(),
        Retry.class.getCanonicalName(),
        GENERATED);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
    scanLocalClasses(roundEnv);
    List<ExecutableElement> methods = new ArrayList<>();
    for (DeferredMethod d : deferred) {
      d.find(processingEnv).ifPresent(methods::add);
    }
    deferred.clear();
    for (Element element : roundEnv.getElementsAnnotatedWith(ParallelFor.class)) {
      if (element.getKind() == ElementKind.METHOD) {
        methods.add((ExecutableElement) element);
      }
    }
    methods.removeIf(KotlinShapes::isSecondMethodOfOneFunction);
    for (ExecutableElement method : methods) {
      safely(method, () -> process(method));
    }
    for (ExecutableElement executable : indexOutsideParallelFor(roundEnv)) {
      safely(
          executable, () -> printer.print(validator.validateIndexOutsideParallelFor(executable)));
    }
    for (Element element : roundEnv.getElementsAnnotatedWith(Retry.class)) {
      if (element instanceof ExecutableElement method
          && !AnnotationMirrors.isAnnotated(method, ParallelFor.class)) {
        safely(method, () -> printer.print(validator.validateRetryOutsideParallelFor(method)));
      }
    }
    for (Element element : roundEnv.getElementsAnnotatedWith(Distributed.class)) {
      if (element instanceof ExecutableElement method
          && !AnnotationMirrors.isAnnotated(method, ParallelFor.class)) {
        safely(
            method, () -> printer.print(validator.validateDistributedOutsideParallelFor(method)));
      }
    }
    boolean claim = deferred.isEmpty() && generatedOnlyOnOurDrivers(annotations, roundEnv);
    if (roundEnv.processingOver()) {
      reportUnresolved(roundEnv);
    }
    return claim;
  }

  /** Reports the methods of local and anonymous classes in this round's files. */
  private void scanLocalClasses(RoundEnvironment roundEnv) {
    if (localClasses != null) {
      try {
        localClasses.scan(roundEnv.getRootElements()).forEach(printer::print);
      } catch (RuntimeException | LinkageError e) {
        // The tree API is a bonus on javac; where it fails, such methods are skipped, as on
        // other compilers.
      }
    }
  }

  /** The methods and constructors with an {@code @Index} parameter but no {@code @ParallelFor}. */
  private static Set<ExecutableElement> indexOutsideParallelFor(RoundEnvironment roundEnv) {
    Set<ExecutableElement> found = new LinkedHashSet<>();
    for (Class<? extends Annotation> annotation : List.of(Index.class, WorkerLocal.class)) {
      for (Element parameter : roundEnv.getElementsAnnotatedWith(annotation)) {
        if (parameter.getEnclosingElement() instanceof ExecutableElement executable
            && !AnnotationMirrors.isAnnotated(executable, ParallelFor.class)) {
          found.add(executable);
        }
      }
    }
    return found;
  }

  /**
   * Runs the work on one element; an unexpected exception becomes one error on that element, and
   * the next element is processed as usual.
   */
  private void safely(Element element, Runnable work) {
    try {
      work.run();
    } catch (Throwable t) {
      if (t instanceof VirtualMachineError) {
        throw (VirtualMachineError) t;
      }
      printer.print(ValidationReport.of(Messages.internalError(t), element));
    }
  }

  /** Whether every element of this round annotated {@code @Generated} is a driver we wrote. */
  private boolean generatedOnlyOnOurDrivers(
      Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
    for (TypeElement annotation : annotations) {
      if (annotation.getQualifiedName().contentEquals(GENERATED)) {
        for (Element element : roundEnv.getElementsAnnotatedWith(annotation)) {
          if (!(element instanceof TypeElement type)
              || !written.containsKey(type.getQualifiedName().toString())) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Checks one method and writes its driver, then prints everything it found, once. */
  private void process(ExecutableElement method) {
    if (SignatureTypes.anyUnresolved(method)) {
      DeferredMethod.of(method).ifPresent(deferred::add);
      return;
    }
    Optional<MethodShape> shape = MethodShape.parse(method, processingEnv.getElementUtils());
    if (shape.isEmpty()) {
      return; // an erroneous annotation value, which the compiler reports
    }
    ValidationReport validation = validator.validate(shape.get());
    ValidationReport.Builder report = ValidationReport.builder().addSubreport(validation);
    if (validation.isClean()) {
      write(models.create(shape.get()), method, report);
    }
    printer.print(report.build());
  }

  /** Writes a driver unless another method already has its name; adds what failed to report. */
  private void write(DriverModel model, ExecutableElement method, ValidationReport.Builder report) {
    String driver = model.driver().name().canonicalName();
    String first = written.putIfAbsent(driver, Messages.memberName(method));
    if (first != null) {
      report.add(Messages.duplicateDriver(driver, first), method);
      return;
    }
    String source = writer.write(model);
    try {
      JavaFileObject file =
          processingEnv.getFiler().createSourceFile(driver, model.driver().originatingElement());
      try (Writer out = file.openWriter()) {
        out.write(source);
      }
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
