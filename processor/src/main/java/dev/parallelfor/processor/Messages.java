package dev.parallelfor.processor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Every diagnostic text of the processor, in one place. Each message says what is wrong and how to
 * fix it; methods are named in the short form users write, such as {@code render(Path)}.
 */
final class Messages {
  /** The token that silences our warnings in {@code @SuppressWarnings}. */
  static final String SUPPRESSION = "parallelfor";

  private Messages() {}

  static String privateMethod(ExecutableElement method) {
    return "@ParallelFor methods cannot be private; make "
        + signature(method)
        + " package-private or public";
  }

  static String innerClass(ExecutableElement method, Element type) {
    return "@ParallelFor method "
        + signature(method)
        + " is in the inner class "
        + type.getSimpleName()
        + ", whose instances need an enclosing instance; make "
        + type.getSimpleName()
        + " a static nested class or move the method to a top-level class";
  }

  static String localClass(String signature) {
    return "@ParallelFor method "
        + signature
        + " is in a local or anonymous class, which a generated driver cannot name; move it to a"
        + " top-level or static nested class";
  }

  static String privateTargetType(ExecutableElement method, Element type, String driverPackage) {
    return "@ParallelFor method "
        + signature(method)
        + " is in the private type "
        + type.getSimpleName()
        + ", which its driver in "
        + packageDescription(driverPackage)
        + " cannot reach; make "
        + type.getSimpleName()
        + " package-private or public";
  }

  static String inaccessibleType(String user, Element type, String driverPackage) {
    boolean isPrivate = type.getModifiers().contains(Modifier.PRIVATE);
    return user
        + " uses "
        + type.getSimpleName()
        + ", which is "
        + (isPrivate ? "private" : "not public")
        + ", so the generated driver in "
        + packageDescription(driverPackage)
        + " cannot reach it; make "
        + type.getSimpleName()
        + (isPrivate && samePackage(type, driverPackage)
            ? " package-private or public"
            : " public");
  }

  static String noParameters(ExecutableElement method) {
    return "@ParallelFor method "
        + signature(method)
        + " has no item parameter; add a parameter that receives one item, e.g. "
        + method.getSimpleName()
        + "(String item)";
  }

  static String indexOnly(ExecutableElement method, VariableElement index) {
    return "@ParallelFor method "
        + signature(method)
        + " has no item parameter: its only parameter "
        + index.getSimpleName()
        + " is the @Index position; add a parameter that receives one item, e.g. "
        + method.getSimpleName()
        + "(String item, @Index "
        + shortName(index.asType())
        + " "
        + index.getSimpleName()
        + ")";
  }

  static String secondIndex(VariableElement second, VariableElement first) {
    return "only one parameter can be annotated @Index, but both "
        + first.getSimpleName()
        + " and "
        + second.getSimpleName()
        + " are; remove @Index from "
        + second.getSimpleName();
  }

  static String indexType(VariableElement parameter) {
    return "@Index parameter "
        + parameter.getSimpleName()
        + " must be int or long, but is "
        + shortName(parameter.asType())
        + "; change its type to int or long, or remove @Index";
  }

  static String negativeParallelism(int parallelism) {
    return "parallelism must be >= 0 (0 = the mode's default), was "
        + parallelism
        + "; give the most items in flight, or leave parallelism out";
  }

  static String invalidDriverName(String name) {
    return "driverName \""
        + name
        + "\" is not a valid Java class name; use a simple name such as \"RenderDriver\", without"
        + " a package";
  }

  static String duplicateDriver(String driver, String firstMethod) {
    return "the driver "
        + driver
        + " is already generated for "
        + firstMethod
        + "; give one of the two methods another name with @ParallelFor(driverName = \"...\")";
  }

  static String typeExists(String driver) {
    return "cannot generate the driver "
        + driver
        + " because a type of that name already exists; choose another name with"
        + " @ParallelFor(driverName = \"...\")";
  }

  static String writeFailed(String driver, Exception e) {
    return "could not write the driver " + driver + ": " + e;
  }

  static String hiddenTypeParameter(Element methodVariable, Element type) {
    return "type parameter "
        + methodVariable.getSimpleName()
        + " of "
        + signature((ExecutableElement) methodVariable.getEnclosingElement())
        + " hides the type parameter of the same name of "
        + type.getSimpleName()
        + ", and the driver takes both; rename one of them";
  }

  static String blockingInCpuMode(ExecutableElement method, TypeMirror thrown) {
    return signature(method)
        + " declares "
        + shortName(thrown)
        + ", so it probably blocks, but runs in Mode.CPU with one thread per core; use"
        + " @ParallelFor(mode = Mode.IO) for blocking work, or add @SuppressWarnings(\""
        + SUPPRESSION
        + "\")";
  }

  static String synchronizedMethod(ExecutableElement method) {
    return signature(method)
        + " is synchronized, so its calls "
        + (method.getModifiers().contains(Modifier.STATIC) ? "" : "on one target ")
        + "run one at a time and gain nothing from running in parallel; remove synchronized and"
        + " guard only the shared state, or add @SuppressWarnings(\""
        + SUPPRESSION
        + "\")";
  }

  static String unresolvedTypes(ExecutableElement method) {
    return "no driver was generated for "
        + signature(method)
        + " because some of its types could not be resolved";
  }

  static String internalError(Throwable t) {
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    return "internal error in the ParallelFor processor, please report: " + t + "\n" + trace;
  }

  /** The method as users write it in prose: {@code render(Path, int)}. */
  static String signature(ExecutableElement method) {
    List<String> parameters =
        method.getParameters().stream()
            .map(p -> shortName(p.asType()))
            .collect(Collectors.toList());
    if (method.isVarArgs() && !parameters.isEmpty()) {
      int last = parameters.size() - 1;
      String array = parameters.get(last);
      if (array.endsWith("[]")) {
        parameters.set(last, array.substring(0, array.length() - 2) + "...");
      }
    }
    return method.getSimpleName() + "(" + String.join(", ", parameters) + ")";
  }

  /** A type with simple class names: {@code Map<String, List<Path>>}. */
  static String shortName(TypeMirror type) {
    switch (type.getKind()) {
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        String name = declared.asElement().getSimpleName().toString();
        if (declared.getTypeArguments().isEmpty()) {
          return name;
        }
        return name
            + declared.getTypeArguments().stream()
                .map(Messages::shortName)
                .collect(Collectors.joining(", ", "<", ">"));
      case ARRAY:
        return shortName(((ArrayType) type).getComponentType()) + "[]";
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          return "? extends " + shortName(wildcard.getExtendsBound());
        }
        if (wildcard.getSuperBound() != null) {
          return "? super " + shortName(wildcard.getSuperBound());
        }
        return "?";
      default:
        return type.toString();
    }
  }

  private static boolean samePackage(Element element, String packageName) {
    Element e = element;
    while (e.getKind() != ElementKind.PACKAGE) {
      e = e.getEnclosingElement();
    }
    return ((PackageElement) e).getQualifiedName().contentEquals(packageName);
  }

  private static String packageDescription(String packageName) {
    return packageName.isEmpty() ? "the unnamed package" : "package " + packageName;
  }
}
