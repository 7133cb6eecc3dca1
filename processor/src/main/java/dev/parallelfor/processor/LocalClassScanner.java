package dev.parallelfor.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.parallelfor.ParallelFor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Finds {@code @ParallelFor} methods of local and anonymous classes, which cannot get a driver.
 * javac enters no members of such classes before annotation processing, so they never reach {@link
 * javax.annotation.processing.RoundEnvironment#getElementsAnnotatedWith}; this scanner finds them
 * in the source trees instead, through javac's tree API. Where that API is not offered (other
 * compilers, wrapped processing environments) there is no scanner and such methods are skipped.
 */
final class LocalClassScanner {
  private static final String ANNOTATION = ParallelFor.class.getCanonicalName();
  private static final String PACKAGE = ParallelFor.class.getPackageName();

  private final Trees trees;

  private LocalClassScanner(Trees trees) {
    this.trees = trees;
  }

  /**
   * A scanner for the compilation of {@code env}.
   *
   * @return null if the compiler does not offer javac's tree API
   */
  static LocalClassScanner create(ProcessingEnvironment env) {
    try {
      return new LocalClassScanner(Trees.instance(env));
    } catch (IllegalArgumentException | LinkageError e) {
      return null;
    }
  }

  /**
   * Scans the files that declare the given root elements, each file once.
   *
   * @return one report for each method found
   */
  List<ValidationReport> scan(Set<? extends Element> roots) {
    Set<CompilationUnitTree> units = Collections.newSetFromMap(new IdentityHashMap<>());
    List<ValidationReport> reports = new ArrayList<>();
    for (Element root : roots) {
      if (root instanceof TypeElement) {
        TreePath path = trees.getPath(root);
        if (path != null && units.add(path.getCompilationUnit())) {
          new Finder(path.getCompilationUnit(), reports).scan(path.getCompilationUnit(), null);
        }
      }
    }
    return reports;
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
