package dev.parallelfor.processor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.tools.Diagnostic;

/**
 * Every diagnostic of the processor, its text and its severity, in one place. Each message says
 * what is wrong and how to fix it; methods are named in the short form users write, such as {@code
 * render(Path)}.
 */
final class Messages {
  /** The token that silences our warnings in {@code @SuppressWarnings}. */
  static final String SUPPRESSION = "parallelfor";

  private Messages() {}

  /**
   * One diagnostic: its severity and its text. Only {@link Messages} makes them, so that no call
   * site chooses a severity or writes a text of its own.
   */
  static final class Message {
    private final Diagnostic.Kind kind;
    private final String text;

    private Message(Diagnostic.Kind kind, String text) {
      this.kind = kind;
      this.text = text;
    }

    Diagnostic.Kind kind() {
      return kind;
    }

    String text() {
      return text;
    }

    @Override
    public String toString() {
      return kind + ": " + text;
    }
  }

  private static Message error(String text) {
    return new Message(Diagnostic.Kind.ERROR, text);
  }

  private static Message warning(String text) {
    return new Message(Diagnostic.Kind.WARNING, text);
  }

  private static Message note(String text) {
    return new Message(Diagnostic.Kind.NOTE, text);
  }

  // Errors: the method gets no driver.

  static Message privateMethod(ExecutableElement method) {
    return error(
        "@ParallelFor methods cannot be private; make "
            + signature(method)
            + " package-private or public");
  }

  static Message innerClass(ExecutableElement method, Element type) {
    return error(
        "@ParallelFor method "
            + signature(method)
            + " is in the inner class "
            + type.getSimpleName()
            + ", whose instances need an enclosing instance; make "
            + type.getSimpleName()
            + " a static nested class or move the method to a top-level class");
  }

  static Message localClass(ExecutableElement method) {
    return localClass(method.getSimpleName(), parameterTypes(method));
  }

  /**
   * The method of a local or anonymous class as found in a source tree, where no element exists:
   * its name and its parameter types as written.
   */
  static Message localClass(CharSequence name, List<String> parameterTypes) {
    return error(
        "@ParallelFor method "
            + signature(name, parameterTypes)
            + " is in a local or anonymous class, which a generated driver cannot name; move it"
            + " to a top-level or static nested class");
  }

  static Message privateTargetType(ExecutableElement method, Element type, String driverPackage) {
    return error(
        "@ParallelFor method "
            + signature(method)
            + " is in the private type "
            + type.getSimpleName()
            + ", which its driver in "
            + packageDescription(driverPackage)
            + " cannot reach; make "
            + type.getSimpleName()
            + " package-private or public");
  }

  static Message inaccessibleParameterType(
      ExecutableElement method, VariableElement parameter, Element type, String driverPackage) {
    return inaccessibleType(
        "parameter " + parameter.getSimpleName() + " of " + signature(method), type, driverPackage);
  }

  static Message inaccessibleReturnType(
      ExecutableElement method, Element type, String driverPackage) {
    return inaccessibleType("the return type of " + signature(method), type, driverPackage);
  }

  static Message inaccessibleBound(Element variable, Element type, String driverPackage) {
    return inaccessibleType(
        "the bound of type parameter " + variable.getSimpleName(), type, driverPackage);
  }

  private static Message inaccessibleType(String user, Element type, String driverPackage) {
    boolean isPrivate = type.getModifiers().contains(Modifier.PRIVATE);
    return error(
        user
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
                : " public"));
  }

  static Message noParameters(ExecutableElement method) {
    return error(
        "@ParallelFor method "
            + signature(method)
            + " has no item parameter; add a parameter that receives one item, e.g. "
            + method.getSimpleName()
            + "(String item)");
  }

  static Message indexOnly(ExecutableElement method, VariableElement index) {
    return error(
        "@ParallelFor method "
            + signature(method)
            + " has no item parameter: its only parameter "
            + index.getSimpleName()
            + " is the @Index position; add a parameter that receives one item, e.g. "
            + method.getSimpleName()
            + "(String item, @Index "
            + shortName(index.asType())
            + " "
            + index.getSimpleName()
            + ")");
  }

  static Message secondIndex(VariableElement second, VariableElement first) {
    return error(
        "only one parameter can be annotated @Index, but both "
            + first.getSimpleName()
            + " and "
            + second.getSimpleName()
            + " are; remove @Index from "
            + second.getSimpleName());
  }

  static Message indexType(VariableElement parameter) {
    return error(
        "@Index parameter "
            + parameter.getSimpleName()
            + " must be int or long, but is "
            + shortName(parameter.asType())
            + "; change its type to int or long, or remove @Index");
  }

  /**
   * {@code @WorkerLocal} on the parameter that is the item, because it is the first without
   * {@code @Index}. Usually the item was meant to come first: the example moves the first parameter
   * that could be the item before it, or adds one where there is none.
   */
  static Message workerLocalOnItem(MethodShape shape) {
    MethodShape.Parameter item = shape.item().orElseThrow();
    List<MethodShape.Parameter> reordered = new ArrayList<>(shape.parameters());
    Optional<MethodShape.Parameter> candidate =
        shape.withRole(MethodShape.Role.SHARED).stream().findFirst();
    candidate.ifPresent(reordered::remove);
    String itemText = candidate.map(Messages::written).orElse("String item");
    List<String> written = new ArrayList<>();
    for (MethodShape.Parameter p : reordered) {
      if (p == item) {
        written.add(itemText);
      }
      written.add(written(p));
    }
    return error(
        "@WorkerLocal cannot be on "
            + item.name()
            + ", the item parameter of "
            + signature(shape.method())
            + ": the item is the first parameter without @Index, and every call gets its own; "
            + (candidate.isPresent()
                ? "put the item parameter " + candidate.get().name() + " first"
                : "add the item parameter before it")
            + ", e.g. "
            + shape.method().getSimpleName()
            + "("
            + String.join(", ", written)
            + ")"
            + (candidate.isPresent() ? "" : ", or remove @WorkerLocal"));
  }

  /** A parameter as declared, with the annotations that give it its role. */
  private static String written(MethodShape.Parameter p) {
    return (p.role() == MethodShape.Role.INDEX ? "@Index " : "")
        + (p.workerLocal() ? "@WorkerLocal " : "")
        + shortName(p.element().asType())
        + " "
        + p.name();
  }

  static Message workerLocalOnIndex(VariableElement parameter) {
    return error(
        "@WorkerLocal cannot be on "
            + parameter.getSimpleName()
            + ", the @Index parameter, which receives each item's position; remove @WorkerLocal");
  }

  static Message workerLocalPrimitive(VariableElement parameter) {
    return error(
        "@WorkerLocal parameter "
            + parameter.getSimpleName()
            + " is of the primitive type "
            + shortName(parameter.asType())
            + ", so a worker could neither keep changes to it nor close it; use an"
            + " object (a counter, a buffer, a holder), or remove @WorkerLocal");
  }

  static Message workerLocalDistributed(VariableElement parameter) {
    return error(
        "@WorkerLocal parameter "
            + parameter.getSimpleName()
            + " is not supported with @Distributed yet: the members of the cluster run the items,"
            + " not this JVM's workers; make the state inside the method, or remove @Distributed");
  }

  static Message workerLocalWithoutParallelFor(
      ExecutableElement method, VariableElement parameter) {
    return warning(
        "@WorkerLocal on parameter "
            + parameter.getSimpleName()
            + " of "
            + signature(method)
            + " has no effect, because only the parameters of @ParallelFor methods get one"
            + " instance per worker; annotate the method @ParallelFor, or remove @WorkerLocal");
  }

  static Message negativeParallelism(int parallelism) {
    return error(
        "parallelism must be >= 0 (0 = the mode's default), was "
            + parallelism
            + "; give the most items in flight, or leave parallelism out");
  }

  static Message invalidDriverName(String name) {
    return error(
        "driverName \""
            + name
            + "\" is not a valid Java class name; use a simple name such as \"RenderDriver\","
            + " without a package");
  }

  static Message retryWithoutParallelFor(ExecutableElement method) {
    return error(
        "@Retry on "
            + signature(method)
            + " has no effect without @ParallelFor; annotate the method @ParallelFor too, or"
            + " remove @Retry");
  }

  static Message retryNeverThrown(ExecutableElement method, TypeMirror type) {
    String name = shortName(type);
    return error(
        "@Retry(on = "
            + name
            + ".class) can never apply: "
            + signature(method)
            + " cannot throw the checked exception "
            + name
            + " (it is not in its throws clause, nor a subtype or supertype of a type there);"
            + " add it to the throws clause, or remove it from on");
  }

  static Message retryAttempts(int attempts) {
    return error(
        "@Retry attempts must be >= 1 (the first attempt counts), was "
            + attempts
            + "; give the most attempts per item, for example attempts = 3");
  }

  static Message retryBackoff(String backoff) {
    return error(
        "@Retry backoff \""
            + backoff
            + "\" is not a duration; write milliseconds or seconds such as \"200ms\", \"1s\" or"
            + " \"1.5s\", or an ISO-8601 duration such as \"PT0.2S\"");
  }

  static Message hiddenTypeParameter(Element methodVariable, Element type) {
    return error(
        "type parameter "
            + methodVariable.getSimpleName()
            + " of "
            + signature((ExecutableElement) methodVariable.getEnclosingElement())
            + " hides the type parameter of the same name of "
            + type.getSimpleName()
            + ", and the driver takes both; rename one of them");
  }

  /** A second method maps to a driver name; {@code firstMethod} is a {@link #memberName}. */
  static Message duplicateDriver(String driver, String firstMethod) {
    return error(
        "the driver "
            + driver
            + " is already generated for "
            + firstMethod
            + "; give one of the two methods another name with @ParallelFor(driverName = \"...\")");
  }

  static Message typeExists(String driver) {
    return error(
        "cannot generate the driver "
            + driver
            + " because a type of that name already exists; choose another name with"
            + " @ParallelFor(driverName = \"...\")");
  }

  static Message writeFailed(String driver, Exception e) {
    return error("could not write the driver " + driver + ": " + e);
  }

  /**
   * A value of a {@code @Distributed} method that must travel to the cluster's members has a type
   * that cannot.
   *
   * @param what the value, as in "the item", "the result", "shared argument client"
   * @param offending the part of its type that is not serializable
   * @param hazelcastTypes whether Hazelcast's own serializable types would do for it
   */
  static Message notSerializable(
      ExecutableElement method, String what, TypeMirror offending, boolean hazelcastTypes) {
    return error(
        "@Distributed method "
            + signature(method)
            + " sends "
            + what
            + " to the cluster's members, but "
            + shortName(offending)
            + " is not serializable; use a primitive or a type that implements"
            + " java.io.Serializable"
            + (hazelcastTypes ? " (or Hazelcast's DataSerializable)" : "")
            + (offending.getKind() == TypeKind.TYPEVAR
                ? ", for example by bounding " + offending + " with Serializable"
                : "")
            + ", or remove @Distributed");
  }

  static Message distributedWithoutParallelFor(ExecutableElement method) {
    return error(
        "@Distributed has no effect on "
            + signature(method)
            + ", which is not annotated @ParallelFor; annotate it @ParallelFor too, or remove"
            + " @Distributed");
  }

  // Kotlin functions as kapt shows them (see KotlinShapes): named as the Kotlin source names them.

  static Message suspendFunction(ExecutableElement method) {
    return error(
        "suspend fun "
            + method.getSimpleName()
            + " cannot be @ParallelFor: its driver calls it from plain threads, outside any"
            + " coroutine; remove suspend (if it calls suspend functions, wrap its body in"
            + " runBlocking { ... } and use @ParallelFor(mode = Mode.IO), as it then blocks its"
            + " thread), or annotate a fun without suspend that calls it");
  }

  static Message jvmOverloads(ExecutableElement method, int methods) {
    return error(
        "@JvmOverloads makes fun "
            + method.getSimpleName()
            + " "
            + methods
            + " methods, each annotated @ParallelFor, and all would need the same driver; remove"
            + " @JvmOverloads (the driver takes every argument, the defaulted ones too), or remove"
            + " the default values");
  }

  static Message internalError(Throwable t) {
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    return error("internal error in the ParallelFor processor, please report: " + t + "\n" + trace);
  }

  // Warnings: the driver is written; @SuppressWarnings("parallelfor") silences them.

  static Message synchronizedMethod(ExecutableElement method) {
    return warning(
        signature(method)
            + " is synchronized, so its calls "
            + (method.getModifiers().contains(Modifier.STATIC) ? "" : "on one target ")
            + "run one at a time and gain nothing from running in parallel; remove synchronized"
            + " and guard only the shared state, or add @SuppressWarnings(\""
            + SUPPRESSION
            + "\")");
  }

  static Message indexWithoutParallelFor(ExecutableElement method, VariableElement parameter) {
    return warning(
        "@Index on parameter "
            + parameter.getSimpleName()
            + " of "
            + signature(method)
            + " has no effect, because "
            + (method.getKind() == ElementKind.METHOD
                ? signature(method)
                    + " is not annotated @ParallelFor; annotate the method @ParallelFor, or remove"
                    + " @Index"
                : "only the parameters of @ParallelFor methods receive positions; remove @Index"));
  }

  // Notes.

  static Message unresolvedTypes(ExecutableElement method) {
    return note(
        "no driver was generated for "
            + signature(method)
            + " because some of its types could not be resolved");
  }

  // The names that messages use.

  /** A method with its type, for a later message: {@code Thumbnailer.render(Path)}. */
  static String memberName(ExecutableElement method) {
    return method.getEnclosingElement().getSimpleName() + "." + signature(method);
  }

  /** The method as users write it in prose: {@code render(Path, int)}, {@code Render(Path)}. */
  static String signature(ExecutableElement method) {
    CharSequence name =
        method.getKind() == ElementKind.CONSTRUCTOR
            ? method.getEnclosingElement().getSimpleName()
            : method.getSimpleName();
    return signature(name, parameterTypes(method));
  }

  private static String signature(CharSequence name, List<String> parameterTypes) {
    return name + "(" + String.join(", ", parameterTypes) + ")";
  }

  /** The parameter types in short form, a varargs one as {@code String...}. */
  private static List<String> parameterTypes(ExecutableElement method) {
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
    return parameters;
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
