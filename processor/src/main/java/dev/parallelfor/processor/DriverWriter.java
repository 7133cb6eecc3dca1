package dev.parallelfor.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.parallelfor.processor.DriverModel.Parameter;
import dev.parallelfor.processor.DriverModel.RangeBound;
import dev.parallelfor.processor.DriverModel.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Turns a {@link DriverModel} into the source of its driver: a typed facade over the runtime's
 * public {@code ParallelLoop}. The driver keeps its configuration in a {@code LoopSettings} and,
 * for each call, makes the loop that binds the call's shared arguments; every decision about
 * threads, order, failures and progress is the loop's.
 *
 * <p>The execution methods come from one table: each {@link Form} (run, runAll, ...) is written for
 * each {@link Input} (an iterable, a stream, and a range where the item is a number).
 */
final class DriverWriter {
  private static final String RUNTIME = "dev.parallelfor.runtime";
  private static final ClassName LOOP_SETTINGS = ClassName.get(RUNTIME, "LoopSettings");
  private static final ClassName RESULTS = ClassName.get(RUNTIME, "Results");
  private static final ClassName COMPLETED = ClassName.get(RUNTIME, "Completed");
  private static final ClassName RANGE = ClassName.get(RUNTIME, "Range");
  private static final ClassName INDEXES = ClassName.get(RUNTIME + ".spi", "Indexes");
  private static final ClassName PROGRESS_LISTENER = ClassName.get(RUNTIME, "ProgressListener");
  private static final ClassName RETRY_POLICY = ClassName.get(RUNTIME, "RetryPolicy");
  private static final ClassName CLUSTER = ClassName.get(RUNTIME + ".spi", "Cluster");
  private static final ClassName CONTEXT_PROPAGATOR = ClassName.get(RUNTIME, "ContextPropagator");
  private static final ClassName INDEXED_ITEM_FUNCTION =
      ClassName.get(RUNTIME, "IndexedItemFunction");
  private static final ClassName SERIALIZABLE = ClassName.get("java.io", "Serializable");
  private static final ClassName EXCEPTION = ClassName.get("java.lang", "Exception");
  private static final String TASK = "Task";
  private static final ClassName PARALLEL_FOR_EXCEPTION =
      ClassName.get(RUNTIME, "ParallelForException");
  private static final ClassName MODE = ClassName.get("dev.parallelfor", "Mode");
  private static final ClassName GENERATED =
      ClassName.get("javax.annotation.processing", "Generated");
  private static final ClassName LIST = ClassName.get("java.util", "List");
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  private static final ClassName SUPPLIER = ClassName.get("java.util.function", "Supplier");
  private static final ClassName ITERABLE = ClassName.get("java.lang", "Iterable");
  private static final ClassName STREAM = ClassName.get("java.util.stream", "Stream");
  private static final ClassName COMPLETABLE_FUTURE =
      ClassName.get("java.util.concurrent", "CompletableFuture");
  private static final ClassName EXECUTOR = ClassName.get("java.util.concurrent", "Executor");
  private static final ClassName TIMEOUT_EXCEPTION =
      ClassName.get("java.util.concurrent", "TimeoutException");
  private static final ClassName DURATION = ClassName.get("java.time", "Duration");
  private static final ClassName VOID = ClassName.get("java.lang", "Void");
  private static final ClassName NULL_POINTER = ClassName.get("java.lang", "NullPointerException");
  private static final ClassName ILLEGAL_ARGUMENT =
      ClassName.get("java.lang", "IllegalArgumentException");
  private static final String PROCESSOR = "dev.parallelfor.processor.ParallelForProcessor";

  /** Where an execution method's items come from. */
  private enum Input {
    ITERABLE,
    STREAM,
    RANGE
  }

  /**
   * The execution methods: the driver's name, the loop's method for a method with a result and for
   * a void one, and the Javadoc's first sentence (with the named arguments {@code method}, {@code
   * result} and {@code exception}) and {@code @return}.
   */
  private enum Form {
    RUN(
        "run",
        "forEach",
        "Calls {@code $method:L} for every item, several at once, and returns $result:L.",
        "the results, one per item, in input order",
        true),
    RUN_ALL(
        "runAll",
        "runAll",
        "Calls {@code $method:L} for every item, several at once, attempting every item even when some\n"
            + "fail.",
        "each item's outcome (its result or its failure) in input order",
        false),
    RUN_ASYNC(
        "runAsync",
        "forEachAsync",
        "Starts the run and returns at once. The future completes with $result:L, or exceptionally\n"
            + "with the run's {@link $exception:T}; cancelling it cancels the run.",
        "the future of the run",
        false),
    STREAM(
        "stream",
        "stream",
        "Returns the results in input order while the run goes on, reading a bounded number of\n"
            + "items ahead. Use it in try-with-resources: closing the stream (or a short-circuiting\n"
            + "operation such as {@code findFirst}) cancels the run, waits for its workers and\n"
            + "frees its threads. Fail-fast: the stream operation that reaches a failure throws it.",
        "the results in input order, as they come",
        false),
    AS_COMPLETED(
        "asCompleted",
        "asCompleted",
        "Returns the results as they are done, each with its item's index, while the run goes\n"
            + "on: bounded look-ahead, fail-fast and cancel on close as {@code stream}, but one\n"
            + "slow item does not hold back the results of the others.",
        "the results with their indexes, in the order they were done",
        false);

    final String name;
    final String voidLoopMethod;
    final String summary;
    final String returns;
    final boolean failFastDoc;

    Form(String name, String voidLoopMethod, String summary, String returns, boolean failFast) {
      this.name = name;
      this.voidLoopMethod = voidLoopMethod;
      this.summary = summary;
      this.returns = returns;
      this.failFastDoc = failFast;
    }

    String methodName(Input input) {
      return input == Input.RANGE ? name + "Range" : name;
    }

    String loopMethod(Input input, boolean isVoid) {
      return isVoid ? voidLoopMethod : name;
    }

    TypeName returnType(TypeName result, boolean isVoid) {
      return switch (this) {
        case RUN -> isVoid ? TypeName.VOID : ParameterizedTypeName.get(LIST, result);
        case RUN_ALL -> ParameterizedTypeName.get(RESULTS, result);
        case RUN_ASYNC ->
            ParameterizedTypeName.get(
                COMPLETABLE_FUTURE, isVoid ? VOID : ParameterizedTypeName.get(LIST, result));
        case STREAM -> ParameterizedTypeName.get(DriverWriter.STREAM, result);
        case AS_COMPLETED ->
            ParameterizedTypeName.get(
                DriverWriter.STREAM, ParameterizedTypeName.get(COMPLETED, result));
      };
    }
  }

  JavaFile write(DriverModel model) {
    return JavaFile.builder(model.driver().name().packageName(), new Writer(model).type())
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
          model.driver().typeVariables().isEmpty()
              ? model.driver().name()
              : ParameterizedTypeName.get(
                  model.driver().name(), model.driver().typeVariables().toArray(new TypeName[0]));
      this.resultType = model.signature().resultType().orElse(VOID);
      this.methodName = model.target().methodName();
    }

    TypeSpec type() {
      TypeSpec.Builder type =
          TypeSpec.classBuilder(model.driver().name())
              .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
              .addTypeVariables(model.driver().typeVariables())
              .addJavadoc(classJavadoc())
              .addOriginatingElement(model.driver().originatingElement());
      if (model.driver().generatedAnnotation()) {
        type.addAnnotation(
            AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build());
      }
      if (model.driver().deprecated()) {
        type.addAnnotation(
            AnnotationSpec.builder(SuppressWarnings.class)
                .addMember("value", "{$S, $S}", "deprecation", "removal")
                .build());
      }
      model
          .settings()
          .retry()
          .ifPresent(
              retry ->
                  type.addField(
                      FieldSpec.builder(
                              RETRY_POLICY,
                              "RETRY",
                              Modifier.PRIVATE,
                              Modifier.STATIC,
                              Modifier.FINAL)
                          .addJavadoc(
                              "The retry policy of {@code @Retry} on {@code $L}.\n", methodName)
                          .initializer(retryPolicy(retry))
                          .build()));
      model
          .target()
          .instanceType()
          .ifPresent(
              t ->
                  type.addField(
                      FieldSpec.builder(t, "target", Modifier.PRIVATE, Modifier.FINAL)
                          .addJavadoc("The object whose {@code $L} is called.\n", methodName)
                          .build()));
      type.addField(
          FieldSpec.builder(LOOP_SETTINGS, "settings", Modifier.PRIVATE, Modifier.FINAL)
              .addJavadoc(
                  "Mode, parallelism, executor, listener, deadline and per-item options of every run.\n")
              .build());
      type.addMethod(publicConstructor());
      type.addMethod(privateConstructor());
      type.addMethods(configurationMethods());
      if (model.settings().distributed()) {
        type.addMethod(onCluster());
        type.addType(task());
      }
      List<Input> inputs = new ArrayList<>(List.of(Input.ITERABLE, Input.STREAM));
      model.signature().range().ifPresent(bound -> inputs.add(Input.RANGE));
      for (Form form : Form.values()) {
        for (Input input : inputs) {
          type.addMethod(new Call(input).method(form));
        }
      }
      return type.build();
    }

    private CodeBlock classJavadoc() {
      CodeBlock.Builder doc = CodeBlock.builder();
      doc.add("Runs {@link $T#$L(", model.target().type(), methodName);
      List<TypeName> parameters = model.target().linkParameterTypes();
      for (int i = 0; i < parameters.size(); i++) {
        doc.add(i == 0 ? "" : ", ");
        if (model.target().varargs() && i == parameters.size() - 1) {
          doc.add("$T...", ((ArrayTypeName) parameters.get(i)).componentType());
        } else {
          doc.add("$T", parameters.get(i));
        }
      }
      doc.add(
          ")} for many items\nin parallel, in {@link $T#$L} mode with ",
          MODE,
          model.settings().mode().name());
      doc.add(
          model.settings().parallelism() == 0
              ? "the mode's default parallelism.\n"
              : "at most " + model.settings().parallelism() + " items in flight.\n");
      doc.add(
          "\n<p>{@code $L} is called from several threads at once, so it must be thread-safe.\n"
              + "Each configuration method returns a new driver; a driver is immutable and can be\n"
              + "shared between threads.\n",
          methodName);
      NameAllocator names = new NameAllocator();
      model.runArguments().forEach(p -> names.newName(p.name(), p));
      String target =
          model.isStatic()
              ? ""
              : names.newName(
                  Character.toLowerCase(model.target().type().simpleName().charAt(0))
                      + model.target().type().simpleName().substring(1));
      List<String> arguments = new ArrayList<>();
      arguments.add(names.newName("items"));
      model.runArguments().forEach(p -> arguments.add(names.get(p)));
      doc.add("\n<pre>{@code\n");
      if (!model.isVoid()) {
        doc.add("$T results = ", ParameterizedTypeName.get(LIST, resultType));
      }
      doc.add(
          "new $T$L($L)\n    .run($L);\n}</pre>\n",
          model.driver().name(),
          model.driver().typeVariables().isEmpty() ? "" : "<>",
          target,
          String.join(", ", arguments));
      for (TypeVariableName variable : model.driver().typeVariables()) {
        boolean ofMethod = model.target().typeArguments().contains(variable);
        doc.add(
            "\n@param <$L> the type variable {@code $L} of {@code $L}",
            variable.name(),
            variable.name(),
            ofMethod ? methodName : model.target().type().simpleName());
      }
      if (!model.driver().typeVariables().isEmpty()) {
        doc.add("\n");
      }
      return doc.build();
    }

    private CodeBlock settings() {
      CodeBlock settings =
          CodeBlock.of(
              "$T.of($T.$L)\n.name($S, $S)",
              LOOP_SETTINGS,
              MODE,
              model.settings().mode().name(),
              model.driver().name().simpleName(),
              methodDescription());
      if (model.settings().parallelism() != 0) {
        settings = CodeBlock.of("$L.parallelism($L)", settings, model.settings().parallelism());
      }
      if (model.settings().retry().isPresent()) {
        settings = CodeBlock.of("$L.retry(RETRY)", settings);
      }
      return settings;
    }

    /**
     * What the flight recorder's events show as the method: {@code Outer.Inner.m(Path, int...)}.
     */
    private String methodDescription() {
      List<TypeName> parameters = model.target().linkParameterTypes();
      List<String> types = new ArrayList<>();
      for (int i = 0; i < parameters.size(); i++) {
        boolean varargs = model.target().varargs() && i == parameters.size() - 1;
        types.add(
            varargs
                ? shortName(((ArrayTypeName) parameters.get(i)).componentType()) + "..."
                : shortName(parameters.get(i)));
      }
      return String.join(".", model.target().type().simpleNames())
          + "."
          + methodName
          + "("
          + String.join(", ", types)
          + ")";
    }

    private static String shortName(TypeName type) {
      if (type instanceof ArrayTypeName array) {
        return shortName(array.componentType()) + "[]";
      }
      if (type instanceof ClassName name) {
        return String.join(".", name.simpleNames());
      }
      if (type instanceof ParameterizedTypeName parameterized) {
        return shortName(parameterized.rawType());
      }
      return type.toString();
    }

    /** {@code RetryPolicy.on(IOException.class).attempts(3).backoff(Duration.ofMillis(200))}. */
    private CodeBlock retryPolicy(DriverModel.RetryDefault retry) {
      CodeBlock types =
          retry.on().stream()
              .map(t -> CodeBlock.of("$T.class", t))
              .collect(CodeBlock.joining(", "));
      long nanos = retry.backoffNanos();
      CodeBlock backoff =
          nanos % 1_000_000 == 0
              ? CodeBlock.of("$T.ofMillis($L)", DURATION, nanos / 1_000_000)
              : CodeBlock.of("$T.ofNanos($LL)", DURATION, nanos);
      return CodeBlock.of(
          "$T.on($L)$Z.attempts($L)$Z.backoff($L)", RETRY_POLICY, types, retry.attempts(), backoff);
    }

    private MethodSpec publicConstructor() {
      MethodSpec.Builder constructor =
          MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC);
      if (model.isStatic()) {
        constructor.addJavadoc("Creates a driver for the static method {@code $L}.\n", methodName);
        constructor.addStatement("this($L)", settings());
      } else {
        constructor.addJavadoc(
            "Creates a driver that calls {@code $L} on {@code target}.\n"
                + "\n@param target the object whose {@code $L} is called for every item\n"
                + "@throws $T if {@code target} is null\n",
            methodName,
            methodName,
            NULL_POINTER);
        constructor.addParameter(model.target().instanceType().get(), "target");
        constructor.addStatement(
            "this($T.requireNonNull(target, $S),$W$L)", OBJECTS, "target", settings());
      }
      return constructor.build();
    }

    private MethodSpec privateConstructor() {
      MethodSpec.Builder constructor =
          MethodSpec.constructorBuilder()
              .addModifiers(Modifier.PRIVATE)
              .addJavadoc("A driver with the given settings.\n\n");
      model
          .target()
          .instanceType()
          .ifPresent(
              t -> {
                constructor.addJavadoc("@param target the object whose method is called\n");
                constructor.addParameter(t, "target");
                constructor.addStatement("this.target = target");
              });
      constructor.addJavadoc("@param settings the settings of every run\n");
      constructor.addParameter(LOOP_SETTINGS, "settings");
      constructor.addStatement("this.settings = settings");
      return constructor.build();
    }

    private List<MethodSpec> configurationMethods() {
      return List.of(
          configuration(
              "parallelism",
              "parallelism",
              TypeName.INT,
              CodeBlock.of(
                  "Returns a driver like this one that runs at most {@code parallelism} items at"
                      + " once,\noverriding the annotation.\n"
                      + "\n@param parallelism at most this many items in flight\n"
                      + "@return the new driver\n"
                      + "@throws $T if {@code parallelism < 1}; leave it unset for the default\n",
                  ILLEGAL_ARGUMENT)),
          configuration(
              "executor",
              "executor",
              EXECUTOR,
              CodeBlock.of(
                  "Returns a driver like this one that runs the items on {@code executor}, which"
                      + " the\ndriver never shuts down.\n"
                      + "\n@param executor where the items run\n"
                      + "@return the new driver\n"
                      + "@throws $T if {@code executor} is null\n"
                      + "@throws $T if {@code executor} silently discards tasks it cannot take\n",
                  NULL_POINTER,
                  ILLEGAL_ARGUMENT)),
          configuration(
              "onProgress",
              "listener",
              PROGRESS_LISTENER,
              CodeBlock.of(
                  "Returns a driver like this one that reports the progress of every run to\n"
                      + "{@code listener}.\n"
                      + "\n@param listener receives each run's progress, never concurrently\n"
                      + "@return the new driver\n"
                      + "@throws $T if {@code listener} is null\n",
                  NULL_POINTER)),
          configuration(
              "timeout",
              "timeout",
              DURATION,
              CodeBlock.of(
                  "Returns a driver like this one whose runs stop with a {@link $T} cause once\n"
                      + "{@code timeout} has passed.\n"
                      + "\n@param timeout the time each run may take, counted from its start\n"
                      + "@return the new driver\n"
                      + "@throws $T if {@code timeout} is null\n"
                      + "@throws $T if {@code timeout} is zero or negative\n",
                  TIMEOUT_EXCEPTION,
                  NULL_POINTER,
                  ILLEGAL_ARGUMENT)),
          configuration(
              "itemTimeout",
              "itemTimeout",
              DURATION,
              CodeBlock.of(
                  "Returns a driver like this one that interrupts an attempt of an item running"
                      + " longer\nthan {@code itemTimeout} and fails it with a {@link $T} cause."
                      + " An item that\nignores the interrupt keeps its worker until it returns.\n"
                      + "\n@param itemTimeout the time one attempt of an item may take\n"
                      + "@return the new driver\n"
                      + "@throws $T if {@code itemTimeout} is null\n"
                      + "@throws $T if {@code itemTimeout} is zero or negative\n",
                  TIMEOUT_EXCEPTION,
                  NULL_POINTER,
                  ILLEGAL_ARGUMENT)),
          configuration(
              "retry",
              "policy",
              RETRY_POLICY,
              CodeBlock.of(
                  "Returns a driver like this one that tries failed items again as {@code policy}"
                      + " says,\ninstead of following the method's {@code @Retry}, if it has"
                      + " one.\n"
                      + "\n@param policy which failures are worth another attempt, how many, which"
                      + " waits\n"
                      + "@return the new driver\n"
                      + "@throws $T if {@code policy} is null\n",
                  NULL_POINTER)),
          configuration(
              "propagateContext",
              "propagator",
              CONTEXT_PROPAGATOR,
              CodeBlock.of(
                  "Returns a driver like this one that runs every worker task inside the context"
                      + " of the\nthread that starts each run (its logging MDC, tracing context,"
                      + " ...): {@code propagator}\ncaptures it once per run on that thread, and"
                      + " its wrapper is applied to each worker task.\n"
                      + "\n@param propagator captures the caller's context and wraps each worker"
                      + " task in it\n"
                      + "@return the new driver\n"
                      + "@throws $T if {@code propagator} is null\n",
                  NULL_POINTER)),
          configuration(
              "rateLimit",
              "perSecond",
              TypeName.INT,
              CodeBlock.of(
                  "Returns a driver like this one that starts at most {@code perSecond} items a"
                      + " second\nin each run, retries included, evenly spaced.\n"
                      + "\n@param perSecond the most item starts per second\n"
                      + "@return the new driver\n"
                      + "@throws $T if {@code perSecond < 1}\n",
                  ILLEGAL_ARGUMENT)));
    }

    private MethodSpec onCluster() {
      return configuration(
          "on",
          "cluster",
          CLUSTER,
          CodeBlock.of(
              "Returns a driver like this one that runs the items on the members of {@code"
                  + " cluster}\n(for example {@code HazelcastCluster.of(hazelcastInstance)}): each"
                  + " chunk of items,\nwith {@code $L}'s target and shared arguments, is serialized"
                  + " and sent to a member,\nand the results come back in input order. A member"
                  + " that leaves mid-run loses\nnothing, but {@code $L} may then run twice for the"
                  + " items of its lost chunk.\n"
                  + "\n@param cluster where the items run\n"
                  + "@return the new driver\n"
                  + "@throws $T if {@code cluster} is null\n",
              methodName,
              methodName,
              NULL_POINTER));
    }

    /**
     * The serializable function of a {@code @Distributed} method: holds the target and the shared
     * arguments, and calls the method for one item wherever it is deserialized.
     */
    private TypeSpec task() {
      NameAllocator names = new NameAllocator();
      names.newName("serialVersionUID", "serialVersionUID");
      String targetField = model.isStatic() ? null : names.newName("target", "target");
      model.sharedArguments().forEach(p -> names.newName(p.name(), p));
      String index = names.newName("index", "index");
      String item = names.newName("item", "item");
      TypeSpec.Builder task =
          TypeSpec.classBuilder(TASK)
              .addModifiers(Modifier.STATIC, Modifier.FINAL)
              .addTypeVariables(model.driver().typeVariables())
              .addSuperinterface(
                  ParameterizedTypeName.get(
                      INDEXED_ITEM_FUNCTION, model.signature().itemType(), resultType))
              .addSuperinterface(SERIALIZABLE)
              .addJavadoc(
                  "Calls {@code $L} for one item on whichever machine runs it: what a run on a"
                      + " cluster\nsends to the members, with the target and the shared"
                      + " arguments.\n",
                  methodName)
              .addAnnotation(
                  AnnotationSpec.builder(SuppressWarnings.class)
                      .addMember("value", "$S", "serial")
                      .build())
              .addField(
                  FieldSpec.builder(
                          TypeName.LONG,
                          "serialVersionUID",
                          Modifier.PRIVATE,
                          Modifier.STATIC,
                          Modifier.FINAL)
                      .initializer("1L")
                      .addJavadoc("The version of the serialized form.\n")
                      .build());
      for (TypeVariableName variable : model.driver().typeVariables()) {
        boolean ofMethod = model.target().typeArguments().contains(variable);
        task.addJavadoc(
            "\n@param <$L> the type variable {@code $L} of {@code $L}",
            variable.name(),
            variable.name(),
            ofMethod ? methodName : model.target().type().simpleName());
      }
      if (!model.driver().typeVariables().isEmpty()) {
        task.addJavadoc("\n");
      }
      MethodSpec.Builder constructor =
          MethodSpec.constructorBuilder()
              .addJavadoc("A task that calls {@code $L} with these arguments.\n\n", methodName);
      if (targetField != null) {
        TypeName t = model.target().instanceType().get();
        task.addField(
            FieldSpec.builder(t, targetField, Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("The object whose {@code $L} is called.\n", methodName)
                .build());
        constructor
            .addJavadoc(
                "@param $N the object whose {@code $L} is called\n", targetField, methodName)
            .addParameter(t, targetField)
            .addStatement("this.$N = $N", targetField, targetField);
      }
      for (Parameter p : model.sharedArguments()) {
        task.addField(
            FieldSpec.builder(p.type(), names.get(p), Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("Passed as {@code $L} to every call.\n", p.name())
                .build());
        constructor
            .addJavadoc("@param $N passed as {@code $L} to every call\n", names.get(p), p.name())
            .addParameter(p.type(), names.get(p))
            .addStatement("this.$N = $N", names.get(p), names.get(p));
      }
      task.addMethod(constructor.build());
      List<CodeBlock> arguments = new ArrayList<>();
      for (Parameter p : model.signature().parameters()) {
        arguments.add(
            switch (p.role()) {
              case ITEM -> CodeBlock.of("$N", item);
              case INT_INDEX -> CodeBlock.of("$T.toInt($N)", INDEXES, index);
              case LONG_INDEX -> CodeBlock.of("$N", index);
              case SHARED -> CodeBlock.of("$N", names.get(p));
              case WORKER_LOCAL ->
                  throw new IllegalStateException(
                      "@WorkerLocal is refused on @Distributed methods");
            });
      }
      CodeBlock call =
          CodeBlock.of(
              "$L.$L$L($L)",
              targetField == null
                  ? CodeBlock.of("$T", model.target().type())
                  : CodeBlock.of("$N", targetField),
              typeArguments(),
              methodName,
              CodeBlock.join(arguments, ",$W"));
      MethodSpec.Builder apply =
          MethodSpec.methodBuilder("apply")
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PUBLIC)
              .returns(resultType)
              .addParameter(TypeName.LONG, index)
              .addParameter(model.signature().itemType(), item)
              .addException(EXCEPTION);
      if (model.isVoid()) {
        apply.addStatement("$L", call).addStatement("return null");
      } else {
        apply.addStatement("return $L", call);
      }
      task.addMethod(apply.build());
      return task.build();
    }

    /** The method's own type variables, passed explicitly in the call, or nothing. */
    private CodeBlock typeArguments() {
      return model.target().typeArguments().isEmpty()
          ? CodeBlock.of("")
          : CodeBlock.of(
              "<$L>",
              model.target().typeArguments().stream()
                  .map(v -> CodeBlock.of("$T", v))
                  .collect(CodeBlock.joining(", ")));
    }

    /** {@code name(parameter)}: a new driver whose settings have {@code parameter} applied. */
    private MethodSpec configuration(
        String name, String parameter, TypeName parameterType, CodeBlock javadoc) {
      return MethodSpec.methodBuilder(name)
          .addJavadoc(javadoc)
          .addModifiers(Modifier.PUBLIC)
          .returns(driverType)
          .addParameter(parameterType, parameter)
          .addStatement(
              "return new $T$L($Lsettings.$L($L))",
              model.driver().name(),
              model.driver().typeVariables().isEmpty() ? "" : "<>",
              model.isStatic() ? "" : "target, ",
              name,
              parameter)
          .build();
    }

    /**
     * One execution method: its names (the user's shared arguments keep theirs; the driver's own
     * step aside when they clash) and its code.
     */
    private final class Call {
      private final NameAllocator names = new NameAllocator();
      private final Input input;
      private final List<String> leading = new ArrayList<>();
      private final String index;
      private final String element;

      /** The per-worker factory's parameter, and each worker's instance of a local parameter. */
      private final String worker;

      private final Map<Parameter, String> workerLocals = new LinkedHashMap<>();

      private final String settings;
      private final String target;

      Call(Input input) {
        this.input = input;
        // Simple names the body uses as expressions: a parameter of the same name would hide them.
        String topLevel = model.target().type().topLevelClassName().simpleName();
        names.newName(topLevel, "topLevelClass");
        if (!model.target().type().simpleName().equals(topLevel)) {
          names.newName(model.target().type().simpleName(), "targetClass");
        }
        names.newName(INDEXES.simpleName(), INDEXES);
        if (!model.workerLocals().isEmpty()) {
          names.newName(OBJECTS.simpleName(), OBJECTS); // the body checks the suppliers with it
        }
        for (Parameter p : model.runArguments()) {
          names.newName(p.name(), p);
        }
        if (input == Input.RANGE) {
          leading.add(names.newName("from"));
          leading.add(names.newName("to"));
        } else {
          leading.add(names.newName("items"));
        }
        this.index = names.newName("index");
        this.element = names.newName(input == Input.RANGE ? "value" : "item");
        this.worker = names.newName("worker");
        for (Parameter p : model.workerLocals()) {
          workerLocals.put(
              p,
              names.newName(
                  "worker" + Character.toUpperCase(p.name().charAt(0)) + p.name().substring(1)));
        }
        // Fields are read through "this." only where a shared argument hides them.
        this.settings = field("settings");
        this.target = field("target");
      }

      private String field(String name) {
        return model.runArguments().stream().anyMatch(p -> names.get(p).equals(name))
            ? "this." + name
            : name;
      }

      MethodSpec method(Form form) {
        MethodSpec.Builder method =
            MethodSpec.methodBuilder(form.methodName(input)).addModifiers(Modifier.PUBLIC);
        if (input == Input.RANGE) {
          TypeName bound =
              model.signature().range().get() == RangeBound.INT ? TypeName.INT : TypeName.LONG;
          method.addParameter(bound, leading.get(0)).addParameter(bound, leading.get(1));
        } else {
          ClassName container = input == Input.STREAM ? STREAM : ITERABLE;
          method.addParameter(
              ParameterizedTypeName.get(
                  container, WildcardTypeName.subtypeOf(model.signature().itemType())),
              leading.get(0));
        }
        for (Parameter p : model.runArguments()) {
          method.addParameter(
              p.role() == Role.WORKER_LOCAL
                  ? ParameterizedTypeName.get(SUPPLIER, WildcardTypeName.subtypeOf(p.type()))
                  : p.type(),
              names.get(p));
        }
        if (model.signature().sharedVarargs()) {
          method.varargs(true);
          if (model.signature().safeVarargs()) {
            // Passing the array on to a method whose own varargs type is generic is, for javac,
            // an unsafe use of it ([varargs]); the driver only hands it to the method unchanged.
            method
                .addAnnotation(
                    AnnotationSpec.builder(SuppressWarnings.class)
                        .addMember("value", "$S", "varargs")
                        .build())
                .addAnnotation(SafeVarargs.class)
                .addModifiers(Modifier.FINAL);
          }
        }
        method.addJavadoc(javadoc(form));
        TypeName returns = form.returnType(resultType, model.isVoid());
        method.returns(returns);
        for (Parameter p : model.workerLocals()) {
          method.addStatement("$T.requireNonNull($N, $S)", OBJECTS, names.get(p), names.get(p));
        }
        method.addStatement(
            "$L$L.$L\n.$L($L)",
            returns == TypeName.VOID ? "" : "return ",
            settings,
            loop(),
            form.loopMethod(input, model.isVoid()),
            input == Input.RANGE ? rangeOf() : CodeBlock.of("$L", leading.get(0)));
        return method.build();
      }

      /** The range a range form runs: of {@code long}s for the unboxed range loop. */
      private CodeBlock rangeOf() {
        boolean unboxed = !model.settings().distributed() && workerLocals.isEmpty();
        // The unboxed range loop takes a Range<Long>; a cast of long bounds would be redundant.
        boolean widen = unboxed && model.signature().range().get() == RangeBound.INT;
        return widen
            ? CodeBlock.of("$T.of((long) $L, (long) $L)", RANGE, leading.get(0), leading.get(1))
            : CodeBlock.of("$T.of($L, $L)", RANGE, leading.get(0), leading.get(1));
      }

      /** {@code <T, R>loop((index, item) -> target.m(...))}, or its unboxed range form. */
      private CodeBlock loop() {
        if (model.settings().distributed()) {
          // The serializable task, over boxed values even for a range: the items travel anyway.
          List<CodeBlock> arguments = new ArrayList<>();
          if (!model.isStatic()) {
            arguments.add(CodeBlock.of("$L", target));
          }
          model.sharedArguments().forEach(p -> arguments.add(CodeBlock.of("$L", names.get(p))));
          return CodeBlock.of(
              "<$T, $T>loop(new $L$L($L))",
              model.signature().itemType(),
              resultType,
              TASK,
              model.driver().typeVariables().isEmpty() ? "" : "<>",
              CodeBlock.join(arguments, ", "));
        }
        if (!workerLocals.isEmpty()) {
          // Each worker makes its own instances, then calls the method with them for its items.
          CodeBlock.Builder body = CodeBlock.builder();
          workerLocals.forEach(
              (p, local) ->
                  body.add("$T $N = $N.local($N);\n", p.type(), local, worker, names.get(p)));
          body.add("return $L;\n", function(CodeBlock.of("$L", element)));
          return CodeBlock.of(
              "<$T, $T>loopPerWorker($N -> {\n$>$L$<})",
              model.signature().itemType(),
              resultType,
              worker,
              body.build());
        }
        if (input == Input.RANGE) {
          CodeBlock value =
              model.signature().range().get() == RangeBound.INT
                  ? CodeBlock.of("($T) $L", TypeName.INT, element)
                  : CodeBlock.of("$L", element);
          return CodeBlock.of("<$T>rangeLoop($L)", resultType, function(value));
        }
        return CodeBlock.of(
            "<$T, $T>loop($L)",
            model.signature().itemType(),
            resultType,
            function(CodeBlock.of("$L", element)));
      }

      private CodeBlock function(CodeBlock itemArgument) {
        List<CodeBlock> arguments = new ArrayList<>();
        for (Parameter p : model.signature().parameters()) {
          arguments.add(
              switch (p.role()) {
                case ITEM -> itemArgument;
                case INT_INDEX -> CodeBlock.of("$T.toInt($L)", INDEXES, index);
                case LONG_INDEX -> CodeBlock.of("$L", index);
                case SHARED -> CodeBlock.of("$L", names.get(p));
                case WORKER_LOCAL -> CodeBlock.of("$L", workerLocals.get(p));
              });
        }
        CodeBlock receiver =
            model.isStatic()
                ? CodeBlock.of("$T", model.target().type())
                : CodeBlock.of("$L", target);
        CodeBlock typeArguments =
            model.target().typeArguments().isEmpty()
                ? CodeBlock.of("")
                : CodeBlock.of(
                    "<$L>",
                    model.target().typeArguments().stream()
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

      private CodeBlock javadoc(Form form) {
        CodeBlock.Builder doc = CodeBlock.builder();
        String whatRunReturns = model.isVoid() ? "when all are done" : "the results in input order";
        String whatFutureHolds = model.isVoid() ? "null" : "the results in input order";
        doc.addNamed(
            form.summary,
            Map.of(
                "method",
                methodName,
                "result",
                form == Form.RUN ? whatRunReturns : whatFutureHolds,
                "exception",
                PARALLEL_FOR_EXCEPTION));
        doc.add("\n");
        if (input == Input.RANGE) {
          doc.add(
              "\n<p>The items are the values from {@code $L} (inclusive) to {@code $L} (exclusive),"
                  + "\nwith no list made and no value boxed.\n",
              leading.get(0),
              leading.get(1));
        } else if (input == Input.STREAM) {
          doc.add("\n<p>The stream of items is read lazily and closed on every path.\n");
        }
        if (form.failFastDoc) {
          doc.add(
              "\n<p>Fail-fast: the first failure stops the run (items not started yet never start,\n"
                  + "running ones are interrupted) and is thrown, once every started item has"
                  + " stopped,\nas a {@link $T} whose cause is what {@code $L} threw. An item\n"
                  + "that ignores interrupts delays that moment.\n",
              PARALLEL_FOR_EXCEPTION,
              methodName);
        }
        doc.add("\n");
        if (input == Input.RANGE) {
          doc.add("@param $L the first value\n", leading.get(0));
          doc.add("@param $L the end of the range, exclusive\n", leading.get(1));
        } else {
          doc.add("@param $L the items, one call of {@code $L} each\n", leading.get(0), methodName);
        }
        for (Parameter p : model.runArguments()) {
          if (p.role() == Role.WORKER_LOCAL) {
            doc.add(
                "@param $L makes the {@code $L} of each worker: called once per worker per run, on"
                    + " its\n    thread before its first item; an {@code AutoCloseable} result is"
                    + " closed when the\n    worker leaves the run\n",
                names.get(p),
                p.name());
          } else {
            doc.add(
                "@param $L passed as {@code $L} to every call of {@code $L}\n",
                names.get(p),
                p.name(),
                methodName);
          }
        }
        if (form != Form.RUN || !model.isVoid()) {
          doc.add("@return $L\n", form.returns);
        }
        if (input == Input.RANGE) {
          doc.add(
              "@throws $T if {@code $L > $L}\n", ILLEGAL_ARGUMENT, leading.get(0), leading.get(1));
        }
        List<String> nonNull = new ArrayList<>();
        if (input != Input.RANGE) {
          nonNull.add(leading.get(0));
        }
        model.workerLocals().forEach(p -> nonNull.add(names.get(p)));
        if (!nonNull.isEmpty()) {
          doc.add(
              "@throws $T if $L is null\n",
              NULL_POINTER,
              orList(nonNull.stream().map(n -> "{@code " + n + "}").toList()));
        }
        if (form == Form.RUN) {
          doc.add(
              "@throws $T if an item failed, the deadline passed or the\n"
                  + "    calling thread was interrupted\n",
              PARALLEL_FOR_EXCEPTION);
        } else if (form == Form.RUN_ALL) {
          doc.add(
              "@throws $T if the deadline passed or the calling thread was\n" + "    interrupted\n",
              PARALLEL_FOR_EXCEPTION);
        }
        return doc.build();
      }
    }
  }

  /** {@code a}, {@code a or b}, {@code a, b or c}. */
  private static String orList(List<String> words) {
    if (words.size() == 1) {
      return words.get(0);
    }
    return String.join(", ", words.subList(0, words.size() - 1))
        + " or "
        + words.get(words.size() - 1);
  }
}
