package dev.parallelfor.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.List;

/**
 * A driver's class Javadoc: what it calls, in which mode, that the method must be thread-safe,
 * where its options come from, and a two-line example. The options' own documentation is the
 * runtime's, linked, never copied.
 */
final class DriverJavadoc {
  private static final ClassName CONFIGURABLE =
      ClassName.get("dev.parallelfor.runtime", "Configurable");
  private static final ClassName WORKER_SCOPE =
      ClassName.get("dev.parallelfor.runtime", "WorkerScope");
  private static final ClassName CLUSTER = ClassName.get("dev.parallelfor.runtime.spi", "Cluster");
  private static final ClassName MODE = ClassName.get("dev.parallelfor", "Mode");
  private static final ClassName LIST = ClassName.get("java.util", "List");
  private static final ClassName VOID = ClassName.get("java.lang", "Void");

  private DriverJavadoc() {}

  static CodeBlock of(DriverModel model) {
    String methodName = model.target().methodName();
    TypeName resultType = model.signature().resultType().orElse(VOID);
    String diamond = model.driver().typeVariables().isEmpty() ? "" : "<>";
    CodeBlock.Builder doc = CodeBlock.builder();
    doc.add(
        "Runs {@link $T#$L($L)} for many items\nin parallel, in {@link $T#$L} mode with $L\n",
        model.target().type(),
        methodName,
        MethodText.parameterTypes(model, t -> CodeBlock.of("$T", t)),
        MODE,
        model.settings().mode().name(),
        model.settings().parallelism() == 0
            ? "the mode's default parallelism."
            : "at most " + model.settings().parallelism() + " items in flight.");
    doc.add(
        "\n<p>{@code $L} is called from several threads at once, so it must be thread-safe.\n",
        methodName);
    if (!model.runArguments().isEmpty()) {
      doc.add("The arguments after the items are passed to every call");
      if (model.workerLocals().isEmpty()) {
        doc.add(".\n");
      } else {
        doc.add(
            ", each {@code Supplier}'s\nvalue to the calls of one worker, as {@link"
                + " $T#local(Supplier)} says.\n",
            WORKER_SCOPE);
      }
    }
    doc.add(
        "Configure a driver with the methods of {@link $T}; each returns a new driver,\n"
            + "and a driver can be shared between threads.",
        CONFIGURABLE);
    if (model.settings().distributed()) {
      doc.add(
          " {@link $T#on($T)} runs the items on\nthe members of a cluster.", CONFIGURABLE, CLUSTER);
    }
    doc.add("\n");
    NameAllocator example = new NameAllocator();
    model.runArguments().forEach(p -> example.newName(p.name(), p));
    String simpleName = model.target().type().simpleName();
    String receiver =
        model.isStatic()
            ? ""
            : example.newName(
                Character.toLowerCase(simpleName.charAt(0)) + simpleName.substring(1));
    List<String> arguments = new ArrayList<>();
    arguments.add(example.newName("items"));
    model.runArguments().forEach(p -> arguments.add(example.get(p)));
    doc.add("\n<pre>{@code\n");
    if (!model.isVoid()) {
      doc.add("$T results = ", ParameterizedTypeName.get(LIST, resultType));
    }
    doc.add(
        "new $T$L($L)\n    .run($L);\n}</pre>\n",
        model.driver().name(),
        diamond,
        receiver,
        String.join(", ", arguments));
    for (TypeVariableName variable : model.driver().typeVariables()) {
      doc.add("\n@param <$L> $L", variable.name(), typeVariableOrigin(model, variable));
    }
    if (!model.driver().typeVariables().isEmpty()) {
      doc.add("\n");
    }
    return doc.build();
  }

  static String typeVariableOrigin(DriverModel model, TypeVariableName variable) {
    boolean ofMethod = model.target().typeArguments().contains(variable);
    return "the type variable {@code "
        + variable.name()
        + "} of {@code "
        + (ofMethod ? model.target().methodName() : model.target().type().simpleName())
        + "}";
  }
}
