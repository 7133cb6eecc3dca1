package dev.parallelfor.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.parallelfor.processor.DriverModel.Parameter;
import dev.parallelfor.processor.DriverModel.RangeBound;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Turns a {@link DriverModel} into the source of its driver. The driver only binds arguments: every
 * decision about threads, order, failures and progress is a call into the runtime's {@code Engine}.
 */
final class DriverWriter {
  private static final String RUNTIME = "dev.parallelfor.runtime";
  private static final String INTERNAL = "dev.parallelfor.runtime.internal";
  private static final ClassName ENGINE = ClassName.get(INTERNAL, "Engine");
  private static final ClassName RUN_OPTIONS = ClassName.get(INTERNAL, "RunOptions");
  private static final ClassName RESULTS = ClassName.get(RUNTIME, "Results");
  private static final ClassName PROGRESS_LISTENER = ClassName.get(RUNTIME, "ProgressListener");
  private static final ClassName PARALLEL_FOR_EXCEPTION =
      ClassName.get(RUNTIME, "ParallelForException");
  private static final ClassName MODE = ClassName.get("dev.parallelfor", "Mode");
  private static final ClassName GENERATED =
      ClassName.get("javax.annotation.processing", "Generated");
  private static final ClassName LIST = ClassName.get("java.util", "List");
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  private static final ClassName ITERABLE = ClassName.get("java.lang", "Iterable");
  private static final ClassName STREAM = ClassName.get("java.util.stream", "Stream");
  private static final ClassName COMPLETABLE_FUTURE =
      ClassName.get("java.util.concurrent", "CompletableFuture");
  private static final ClassName EXECUTOR = ClassName.get("java.util.concurrent", "Executor");
  private static final ClassName TIMEOUT_EXCEPTION =
      ClassName.get("java.util.concurrent", "TimeoutException");
  private static final ClassName DURATION = ClassName.get("java.time", "Duration");
  private static final ClassName VOID = ClassName.get("java.lang", "Void");
  private static final String PROCESSOR = "dev.parallelfor.processor.ParallelForProcessor";

  /** The two forms every execution method takes its items in. */
  private enum Input {
    ITERABLE,
    STREAM
  }

  JavaFile write(DriverModel model) {
    return JavaFile.builder(model.driver().packageName(), new Writer(model).type())
        .skipJavaLangImports(true)
        .build();
  }

  /** Writes one driver. */
  private static final class Writer {
    private final DriverModel model;
    private final TypeName driverType;
    private final TypeName resultType;
    private final String methodName;

    Writer(DriverModel model) {
      this.model = model;
      this.driverType =
          model.typeVariables().isEmpty()
              ? model.driver()
              : ParameterizedTypeName.get(
                  model.driver(), model.typeVariables().toArray(new TypeName[0]));
      this.resultType = model.resultType().orElse(VOID);
      this.methodName = model.methodName();
    }

    TypeSpec type() {
      TypeSpec.Builder type =
          TypeSpec.classBuilder(model.driver())
              .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
              .addTypeVariables(model.typeVariables())
              .addJavadoc(classJavadoc())
              .addOriginatingElement(model.originatingElement());
      if (model.generatedAnnotation()) {
        type.addAnnotation(
            AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build());
      }
      if (model.deprecated()) {
        type.addAnnotation(
            AnnotationSpec.builder(SuppressWarnings.class)
                .addMember("value", "{$S, $S}", "deprecation", "removal")
                .build());
      }
      model
          .targetType()
          .ifPresent(
              t ->
                  type.addField(
                      FieldSpec.builder(t, "target", Modifier.PRIVATE, Modifier.FINAL).build()));
      type.addField(
          FieldSpec.builder(RUN_OPTIONS, "options", Modifier.PRIVATE, Modifier.FINAL).build());
      type.addMethod(publicConstructor());
      type.addMethod(privateConstructor());
      type.addMethod(
          configuration(
              "parallelism",
              TypeName.INT,
              "withParallelism",
              "Returns a driver like this one that runs at most {@code parallelism} items at once,\n"
                  + "overriding the annotation."));
      type.addMethod(
          configuration(
              "executor",
              EXECUTOR,
              "withExecutor",
              "Returns a driver like this one that runs the items on {@code executor}, which the\n"
                  + "driver never shuts down."));
      type.addMethod(
          configuration(
              "onProgress",
              "listener",
              PROGRESS_LISTENER,
              "withListener",
              CodeBlock.of(
                  "Returns a driver like this one that reports the progress of every run to\n"
                      + "{@code listener}.")));
      type.addMethod(
          configuration(
              "timeout",
              "timeout",
              DURATION,
              "withTimeout",
              CodeBlock.of(
                  "Returns a driver like this one whose runs stop with a {@link $T} cause once\n"
                      + "{@code timeout} has passed.",
                  TIMEOUT_EXCEPTION)));
      for (Input input : Input.values()) {
        type.addMethod(run(input));
      }
      for (Input input : Input.values()) {
        type.addMethod(runAsync(input));
      }
      for (Input input : Input.values()) {
        type.addMethod(runAll(input));
      }
      for (Input input : Input.values()) {
        type.addMethod(stream(input));
      }
      model.range().ifPresent(bound -> type.addMethod(runRange(bound)));
      return type.build();
    }

    private CodeBlock classJavadoc() {
      CodeBlock.Builder doc = CodeBlock.builder();
      doc.add("Runs {@link $T#$L(", model.targetClass(), methodName);
      List<TypeName> parameters = model.linkParameterTypes();
      for (int i = 0; i < parameters.size(); i++) {
        doc.add(i == 0 ? "" : ", ");
        if (model.methodVarargs() && i == parameters.size() - 1) {
          doc.add("$T...", ((ArrayTypeName) parameters.get(i)).componentType());
        } else {
          doc.add("$T", parameters.get(i));
        }
      }
      doc.add(")} for many items\nin parallel, in {@link $T#$L} mode with ", MODE, model.mode());
      doc.add(
          model.parallelism() == 0
              ? "the mode's default parallelism.\n"
              : "at most " + model.parallelism() + " items in flight.\n");
      doc.add(
          "\n<p>{@code $L} is called from several threads at once, so it must be thread-safe.\n",
          methodName);
      NameAllocator names = new NameAllocator();
      model.sharedArguments().forEach(p -> names.newName(p.name(), p));
      String target =
          model.isStatic()
              ? ""
              : names.newName(
                  Character.toLowerCase(model.targetClass().simpleName().charAt(0))
                      + model.targetClass().simpleName().substring(1));
      List<String> arguments = new ArrayList<>();
      arguments.add(names.newName("items"));
      model.sharedArguments().forEach(p -> arguments.add(names.get(p)));
      doc.add("\n<pre>{@code\n");
      if (!model.isVoid()) {
        doc.add("$T results = ", ParameterizedTypeName.get(LIST, resultType));
      }
      doc.add(
          "new $T$L($L)\n    .run($L);\n}</pre>\n",
          model.driver(),
          model.typeVariables().isEmpty() ? "" : "<>",
          target,
          String.join(", ", arguments));
      return doc.build();
    }

    private MethodSpec publicConstructor() {
      MethodSpec.Builder constructor =
          MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC);
      CodeBlock options =
          CodeBlock.of("$T.of($T.$L, $L)", RUN_OPTIONS, MODE, model.mode(), model.parallelism());
      if (model.isStatic()) {
        constructor.addJavadoc("Creates a driver for the static method {@code $L}.\n", methodName);
        constructor.addStatement("this($L)", options);
      } else {
        constructor.addJavadoc(
            "Creates a driver that calls {@code $L} on {@code target}.\n", methodName);
        constructor.addParameter(model.targetType().get(), "target");
        constructor.addStatement(
            "this($T.requireNonNull(target, $S), $L)", OBJECTS, "target", options);
      }
      return constructor.build();
    }

    private MethodSpec privateConstructor() {
      MethodSpec.Builder constructor =
          MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE);
      model
          .targetType()
          .ifPresent(
              t -> {
                constructor.addParameter(t, "target");
                constructor.addStatement("this.target = target");
              });
      constructor.addParameter(RUN_OPTIONS, "options");
      constructor.addStatement("this.options = options");
      return constructor.build();
    }

    private MethodSpec configuration(
        String name, TypeName parameterType, String with, String javadoc) {
      return configuration(name, name, parameterType, with, CodeBlock.of(javadoc));
    }

    private MethodSpec configuration(
        String name, String parameter, TypeName parameterType, String with, CodeBlock javadoc) {
      return MethodSpec.methodBuilder(name)
          .addJavadoc(javadoc)
          .addJavadoc("\n")
          .addModifiers(Modifier.PUBLIC)
          .returns(driverType)
          .addParameter(parameterType, parameter)
          .addStatement(
              "return new $T$L($Loptions.$L($L))",
              model.driver(),
              model.typeVariables().isEmpty() ? "" : "<>",
              model.isStatic() ? "" : "target, ",
              with,
              parameter)
          .build();
    }

    private MethodSpec run(Input input) {
      Call call = new Call(input);
      MethodSpec.Builder method = call.method("run");
      if (model.isVoid()) {
        method.addJavadoc(
            "Calls {@code $L} for every item, several at once, and returns when all are done.\n",
            methodName);
        failFastJavadoc(method, input);
        method.addCode(
            "$T.runVoid($L, $L,$W$L);\n", ENGINE, call.options, call.items, call.itemTask());
      } else {
        method.addJavadoc(
            "Calls {@code $L} for every item, several at once, and returns the results in input\n"
                + "order.\n",
            methodName);
        failFastJavadoc(method, input);
        method.returns(ParameterizedTypeName.get(LIST, resultType));
        method.addCode(
            "return $T.run($L, $L,$W$L);\n", ENGINE, call.options, call.items, call.itemTask());
      }
      return method.build();
    }

    private void failFastJavadoc(MethodSpec.Builder method, Input input) {
      method.addJavadoc(
          "\n<p>Fail-fast: the first failure stops the run (items not started yet never start,\n"
              + "running ones are interrupted) and is thrown, once every started item has stopped,\n"
              + "as a {@link $T} whose cause is what {@code $L} threw. An item\n"
              + "that ignores interrupts delays that moment.",
          PARALLEL_FOR_EXCEPTION,
          methodName);
      streamJavadoc(method, input);
    }

    private void streamJavadoc(MethodSpec.Builder method, Input input) {
      if (input == Input.STREAM) {
        method.addJavadoc("\nThe stream of items is closed on every path.");
      }
      method.addJavadoc("\n");
    }

    private MethodSpec runAsync(Input input) {
      Call call = new Call(input);
      MethodSpec.Builder method =
          call.method("runAsync")
              .addJavadoc(
                  "Starts the run and returns at once. The future completes with $L,\n"
                      + "or exceptionally with the run's {@link $T}; cancelling it cancels the run.",
                  model.isVoid() ? "null" : "the results in input order",
                  PARALLEL_FOR_EXCEPTION);
      streamJavadoc(method, input);
      if (model.isVoid()) {
        method.returns(ParameterizedTypeName.get(COMPLETABLE_FUTURE, VOID));
        method.addCode(
            "return $T.runAsyncVoid($L, $L,$W$L);\n",
            ENGINE,
            call.options,
            call.items,
            call.itemTask());
      } else {
        method.returns(
            ParameterizedTypeName.get(
                COMPLETABLE_FUTURE, ParameterizedTypeName.get(LIST, resultType)));
        method.addCode(
            "return $T.runAsync($L, $L,$W$L);\n",
            ENGINE,
            call.options,
            call.items,
            call.itemTask());
      }
      return method.build();
    }

    private MethodSpec runAll(Input input) {
      Call call = new Call(input);
      MethodSpec.Builder method =
          call.method("runAll")
              .addJavadoc(
                  "Calls {@code $L} for every item, several at once, attempts every item even when\n"
                      + "some fail, and returns each item's outcome in input order.",
                  methodName);
      streamJavadoc(method, input);
      method.returns(ParameterizedTypeName.get(RESULTS, resultType));
      method.addCode(
          "return $T.runAll($L, $L,$W$L);\n", ENGINE, call.options, call.items, call.itemTask());
      return method.build();
    }

    private MethodSpec stream(Input input) {
      Call call = new Call(input);
      MethodSpec.Builder method =
          call.method("stream")
              .addJavadoc(
                  "Returns the results in input order while the run goes on, reading a bounded\n"
                      + "number of items ahead. Use it in try-with-resources: closing the stream\n"
                      + "cancels the run, waits for its workers and frees its threads.");
      streamJavadoc(method, input);
      method.returns(ParameterizedTypeName.get(STREAM, resultType));
      method.addCode(
          "return $T.stream($L, $L,$W$L);\n", ENGINE, call.options, call.items, call.itemTask());
      return method.build();
    }

    private MethodSpec runRange(RangeBound bound) {
      Call call = new Call(bound);
      MethodSpec.Builder method = call.method("runRange");
      if (model.isVoid()) {
        method.addJavadoc(
            "Calls {@code $L} for every value from {@code $L} (inclusive) to {@code $L}\n"
                + "(exclusive), several at once, and returns when all are done.\n",
            methodName,
            call.from,
            call.to);
        failFastJavadoc(method, Input.ITERABLE);
        method.addCode(
            "$T.runRangeVoid($L, $L, $L,$W$L);\n",
            ENGINE,
            call.options,
            call.from,
            call.to,
            call.rangeTask());
      } else {
        method.addJavadoc(
            "Calls {@code $L} for every value from {@code $L} (inclusive) to {@code $L}\n"
                + "(exclusive), several at once, and returns the results in order.\n",
            methodName,
            call.from,
            call.to);
        failFastJavadoc(method, Input.ITERABLE);
        method.returns(ParameterizedTypeName.get(LIST, resultType));
        method.addCode(
            "return $T.runRange($L, $L, $L,$W$L);\n",
            ENGINE,
            call.options,
            call.from,
            call.to,
            call.rangeTask());
      }
      return method.build();
    }

    /**
     * The names of one execution method: the user's shared arguments keep their names, and the
     * driver's own names step aside when they clash.
     */
    private final class Call {
      private final NameAllocator names = new NameAllocator();
      private final List<ParameterSpec> leading = new ArrayList<>();
      private String items;
      private String from;
      private String to;
      private final String index;
      private final String element;
      private final RangeBound bound;
      private final String options;
      private final String target;

      Call(Input input) {
        this.items = names.newName("items");
        TypeName wildcard = WildcardTypeName.subtypeOf(model.itemType());
        leading.add(
            ParameterSpec.builder(
                    ParameterizedTypeName.get(input == Input.STREAM ? STREAM : ITERABLE, wildcard),
                    items)
                .build());
        this.index = names.newName("index");
        this.element = names.newName("item");
        this.bound = null;
      }

      Call(RangeBound bound) {
        TypeName type = bound == RangeBound.INT ? TypeName.INT : TypeName.LONG;
        this.from = names.newName("from");
        this.to = names.newName("to");
        leading.add(ParameterSpec.builder(type, from).build());
        leading.add(ParameterSpec.builder(type, to).build());
        this.index = names.newName("index");
        this.element = names.newName("value");
        this.bound = bound;
      }

      {
        for (Parameter p : model.sharedArguments()) {
          names.newName(p.name(), p);
        }
        // Fields are read through "this." only where a shared argument hides them.
        options = field("options");
        target = field("target");
      }

      private String field(String name) {
        return model.sharedArguments().stream().anyMatch(p -> p.name().equals(name))
            ? "this." + name
            : name;
      }

      MethodSpec.Builder method(String name) {
        MethodSpec.Builder method =
            MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).addParameters(leading);
        for (Parameter p : model.sharedArguments()) {
          method.addParameter(p.type(), names.get(p));
        }
        if (model.varargs()) {
          method.varargs(true);
          if (model.safeVarargs()) {
            method.addAnnotation(SafeVarargs.class).addModifiers(Modifier.FINAL);
          }
        }
        return method;
      }

      CodeBlock itemTask() {
        return task(CodeBlock.of("$L", element));
      }

      CodeBlock rangeTask() {
        return task(
            bound == RangeBound.INT
                ? CodeBlock.of("($T) $L", TypeName.INT, element)
                : CodeBlock.of("$L", element));
      }

      private CodeBlock task(CodeBlock itemArgument) {
        List<CodeBlock> arguments = new ArrayList<>();
        for (Parameter p : model.parameters()) {
          arguments.add(
              switch (p.role()) {
                case ITEM -> itemArgument;
                case INT_INDEX -> CodeBlock.of("($T) $L", TypeName.INT, index);
                case LONG_INDEX -> CodeBlock.of("$L", index);
                case SHARED -> CodeBlock.of("$L", names.get(p));
              });
        }
        CodeBlock receiver =
            model.isStatic() ? CodeBlock.of("$T", model.targetClass()) : CodeBlock.of("$L", target);
        CodeBlock typeArguments =
            model.methodTypeArguments().isEmpty()
                ? CodeBlock.of("")
                : CodeBlock.of(
                    "<$L>",
                    model.methodTypeArguments().stream()
                        .map(v -> CodeBlock.of("$T", v))
                        .collect(CodeBlock.joining(", ")));
        CodeBlock call =
            CodeBlock.of(
                "$L.$L$L($L)",
                receiver,
                typeArguments,
                methodName,
                CodeBlock.join(arguments, ",$W"));
        if (model.isVoid()) {
          return CodeBlock.of("($L, $L) -> {\n$>$L;\nreturn null;\n$<}", index, element, call);
        }
        return CodeBlock.of("($L, $L) -> $L", index, element, call);
      }
    }
  }
}
