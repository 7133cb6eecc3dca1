package dev.parallelfor.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.parallelfor.ParallelFor;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Finds {@code @ParallelFor} methods of local and anonymous classes, which cannot get a driver.
 * javac enters no members of such classes before annotation processing, so they never reach {@link
 * javax.annotation.processing.RoundEnvironment#getElementsAnnotatedWith}; this scanner finds them
 * in the source trees instead, through javac's tree API. Where that API is not offered (other
 * compilers, wrapped processing environments) there is no scanner and such methods are skipped.
 *
 * <p>javac first calls the processor in a round whose files hold one of its annotations outside
 * such classes, so the files of earlier rounds never reach {@code process}, nor does any file of a
 * compilation whose only {@code @ParallelFor} is in a local class. The scanner therefore also scans
 * each file it has not seen when javac starts to analyse it, after the last round. That comes too
 * late where a round raised an error, since javac then stops before analysis; such a compilation
 * fails anyway, and the next one reports the method.
 */
final class LocalClassScanner {
  private static final String ANNOTATION = ParallelFor.class.getCanonicalName();
  private static final String PACKAGE = ParallelFor.class.getPackageName();

  private final Trees trees;

  /** The files scanned so far, so that each is scanned once, in a round or before analysis. */
  private final Set<URI> scanned = new HashSet<>();

  private LocalClassScanner(Trees trees) {
    this.trees = trees;
  }

  /**
   * A scanner for the compilation of {@code env}, which hands the reports of the files it scans
   * before analysis to {@code lateReports}.
   *
   * @return null if the compiler does not offer javac's tree API
   */
  static LocalClassScanner create(
      ProcessingEnvironment env, Consumer<ValidationReport> lateReports) {
    LocalClassScanner scanner;
    try {
      scanner = new LocalClassScanner(Trees.instance(env));
    } catch (IllegalArgumentException | LinkageError e) {
      return null;
    }
    try {
      JavacTask.instance(env).addTaskListener(scanner.new BeforeAnalysis(lateReports));
    } catch (IllegalArgumentException | LinkageError e) {
      // No task to listen to: files of rounds that skip the processor go unscanned.
    }
    return scanner;
  }

  /**
   * Scans the files that declare the given root elements and were not scanned before.
   *
   * @return one report for each method found
   */
  List<ValidationReport> scan(Set<? extends Element> roots) {
    List<ValidationReport> reports = new ArrayList<>();
    for (Element root : roots) {
      if (root instanceof TypeElement) {
        TreePath path = trees.getPath(root);
        if (path != null) {
          scan(path.getCompilationUnit(), reports);
        }
      }
    }
    return reports;
  }

  private void scan(CompilationUnitTree unit, List<ValidationReport> reports) {
    if (scanned.add(unit.getSourceFile().toUri())) {
      new Finder(unit, reports).scan(unit, null);
    }
  }

  /** Scans each file that no round scanned as javac starts to analyse its first class. */
  private final class BeforeAnalysis implements TaskListener {
    private final Consumer<ValidationReport> lateReports;

    BeforeAnalysis(Consumer<ValidationReport> lateReports) {
      this.lateReports = lateReports;
    }

    @Override
    public void started(TaskEvent event) {
      if (event.getKind() != TaskEvent.Kind.ANALYZE || event.getCompilationUnit() == null) {
        return;
      }
      try {
        List<ValidationReport> reports = new ArrayList<>();
        scan(event.getCompilationUnit(), reports);
        reports.forEach(lateReports);
      } catch (RuntimeException | LinkageError e) {
        // A bonus check on javac: where the tree API fails, such methods are skipped, as on other
        // compilers; an exception here would end the compilation.
      }
    }
  }

  /** Walks one file, counting how deep it is inside local or anonymous classes. */
  private final class Finder extends TreePathScanner<Void, Void> {
    private final CompilationUnitTree unit;
    private final List<ValidationReport> reports;
    private int localDepth;

    Finder(CompilationUnitTree unit, List<ValidationReport> reports) {
      this.unit = unit;
      this.reports = reports;
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      Tree parent = getCurrentPath().getParentPath().getLeaf();
      boolean local = !(parent instanceof ClassTree) && !(parent instanceof CompilationUnitTree);
      if (local) {
        localDepth++;
      }
      try {
        return super.visitClass(tree, unused);
      } finally {
        if (local) {
          localDepth--;
        }
      }
    }

    @Override
    public Void visitMethod(MethodTree tree, Void unused) {
      if (localDepth > 0
          && tree.getModifiers().getAnnotations().stream().anyMatch(this::isParallelFor)) {
        List<String> parameterTypes =
            tree.getParameters().stream().map(p -> p.getType().toString()).toList();
        reports.add(
            ValidationReport.builder()
                .add(Messages.localClass(tree.getName(), parameterTypes), tree, unit)
                .build());
      }
      return super.visitMethod(tree, unused);
    }

    /** The trees of local classes are not attributed yet, so the annotation is told by name. */
    private boolean isParallelFor(AnnotationTree annotation) {
      String name = annotation.getAnnotationType().toString();
      if (name.equals(ANNOTATION)) {
        return true;
      }
      if (!name.equals(ParallelFor.class.getSimpleName())) {
        return false;
      }
      if (unit.getPackageName() != null && unit.getPackageName().toString().equals(PACKAGE)) {
        return true;
      }
      for (ImportTree i : unit.getImports()) {
        String imported = i.getQualifiedIdentifier().toString();
        if (!i.isStatic() && (imported.equals(ANNOTATION) || imported.equals(PACKAGE + ".*"))) {
          return true;
        }
      }
      return false;
    }
  }
}
