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
import dev.parallelfor.processor.MethodShape.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;

/**
 * Turns a {@link DriverModel} into the source of its driver: a typed facade over the runtime's
 * {@code ParallelLoop}. The driver gets every option from {@code Configurable}, which it extends;
 * it only adds the loop that calls the method (a private {@code loop}) and the execution forms,
 * each one line that hands the items to that loop and a one-line Javadoc that links to the loop's.
 * Its parts are written by {@link DriverJavadoc} (the class comment), {@link MethodCall} (the one
 * call of the method, for the loop and the cluster's task alike), {@link ClusterTaskWriter} (the
 * task of a {@code @Distributed} method) and {@link MethodText} (how the method is named).
 */
final class DriverWriter {
  private static final String RUNTIME = "dev.parallelfor.runtime";
  private static final ClassName CONFIGURABLE = ClassName.get(RUNTIME, "Configurable");
  private static final ClassName LOOP_SETTINGS = ClassName.get(RUNTIME, "LoopSettings");
  private static final ClassName PARALLEL_LOOP = ClassName.get(RUNTIME, "ParallelLoop");
  private static final ClassName RANGE = ClassName.get(RUNTIME, "Range");
  private static final ClassName RESULTS = ClassName.get(RUNTIME, "Results");
  private static final ClassName COMPLETED = ClassName.get(RUNTIME, "Completed");
  private static final ClassName RETRY_POLICY = ClassName.get(RUNTIME, "RetryPolicy");
  private static final ClassName INDEXES = ClassName.get(RUNTIME + ".spi", "Indexes");
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
  private static final ClassName DURATION = ClassName.get("java.time", "Duration");
  private static final ClassName VOID = ClassName.get("java.lang", "Void");
  private static final ClassName INDEXED_ITEM_FUNCTION =
      ClassName.get(RUNTIME, "IndexedItemFunction");
  private static final ClassName RANGE_FUNCTION = ClassName.get(RUNTIME, "RangeFunction");
  private static final ClassName PER_WORKER_FUNCTION = ClassName.get(RUNTIME, "PerWorkerFunction");
  private static final ClassName WORKER_SCOPE = ClassName.get(RUNTIME, "WorkerScope");
  private static final ClassName EXCEPTION = ClassName.get("java.lang", "Exception");
  private static final String PROCESSOR = "dev.parallelfor.processor.ParallelForProcessor";

  /** A Javadoc of one line, as JavaPoet writes it: three lines. */
  private static final Pattern ONE_LINE_JAVADOC =
      Pattern.compile("(?m)^( *)/\\*\\*\\n\\1 \\* ([^\\n]*)\\n\\1 \\*/$");

  private static final int LINE_LIMIT = 100;

  /** Where an execution method's items come from. */
  private enum Input {
    ITERABLE,
    STREAM,
    RANGE
  }

  /**
   * The execution forms: the driver's method, and the loop's for a method with a result and not.
   */
  private enum Form {
    RUN("run", "forEach"),
    RUN_ALL("runAll", "runAll"),
    RUN_ASYNC("runAsync", "forEachAsync"),
    STREAM("stream", "stream"),
    AS_COMPLETED("asCompleted", "asCompleted");

    final String name;
    final String voidLoopMethod;

    Form(String name, String voidLoopMethod) {
      this.name = name;
      this.voidLoopMethod = voidLoopMethod;
    }

    String loopMethod(boolean isVoid) {
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

  /** The source of the driver of {@code model}. */
  String write(DriverModel model) {
    String source =
        JavaFile.builder(model.driver().name().packageName(), new Writer(model).type())
            .skipJavaLangImports(true)
            .build()
            .toString();
    return oneLineJavadocs(source);
  }

  /** Puts each Javadoc of one short line on that line, as google-java-format does. */
  private static String oneLineJavadocs(String source) {
    Matcher m = ONE_LINE_JAVADOC.matcher(source);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String line = m.group(1) + "/** " + m.group(2) + " */";
      m.appendReplacement(
          out, Matcher.quoteReplacement(line.length() <= LINE_LIMIT ? line : m.group()));
    }
    return m.appendTail(out).toString();
  }

  /** Writes one driver. */
  private static final class Writer {
    private final DriverModel model;
    private final TypeName driverType;
    private final TypeName itemType;
    private final TypeName resultType;
    private final String methodName;
    private final boolean rangeLoop;

    /**
     * The names of the method bodies: the user's arguments keep theirs, the driver's step aside.
     */
    private final NameAllocator names = new NameAllocator();

    private final String items;
    private final String from;
    private final String to;
    private final String index;
    private final String item;
    private final String value;
    private final String worker;
    private final String target;
    private final Map<Parameter, String> workerLocals = new LinkedHashMap<>();

    Writer(DriverModel model) {
      this.model = model;
      ClassName name = model.driver().name();
      this.driverType =
          model.driver().typeVariables().isEmpty()
              ? name
              : ParameterizedTypeName.get(
                  name, model.driver().typeVariables().toArray(new TypeName[0]));
      this.itemType = model.signature().itemType();
      this.resultType = model.signature().resultType().orElse(VOID);
      this.methodName = model.target().methodName();
      // The unboxed range loop calls the method with a primitive; per-worker state and the
      // cluster's serializable task take boxed items, a range's included.
      this.rangeLoop =
          model.signature().range().isPresent()
              && model.workerLocals().isEmpty()
              && !model.settings().distributed();
      // Simple names the bodies use as expressions: a parameter of the same name would hide them.
      ClassName type = model.target().type();
      names.newName(type.topLevelClassName().simpleName(), "topLevelClass");
      if (!type.simpleName().equals(type.topLevelClassName().simpleName())) {
        names.newName(type.simpleName(), "targetClass");
      }
      names.newName(INDEXES.simpleName(), INDEXES);
      for (ClassName function :
          List.of(INDEXED_ITEM_FUNCTION, RANGE_FUNCTION, PER_WORKER_FUNCTION, WORKER_SCOPE)) {
        names.newName(function.simpleName(), function);
      }
      if (!model.workerLocals().isEmpty()) {
        names.newName(OBJECTS.simpleName(), OBJECTS); // the loop checks the suppliers with it
      }
      if (model.signature().range().isPresent()) {
        names.newName(RANGE.simpleName(), RANGE);
      }
      model.runArguments().forEach(p -> names.newName(p.name(), p));
      this.items = names.newName("items");
      this.from = names.newName("from");
      this.to = names.newName("to");
      this.index = names.newName("index");
      this.item = names.newName("item");
      this.value = names.newName("value");
      this.worker = names.newName("worker");
      for (Parameter p : model.workerLocals()) {
        String capitalized = Character.toUpperCase(p.name().charAt(0)) + p.name().substring(1);
        workerLocals.put(p, names.newName("worker" + capitalized));
      }
      // The field is read through "Driver.this." only where an argument of the loop hides it (the
      // functions are anonymous classes, whose own "this" has no target).
      this.target =
          model.runArguments().stream().anyMatch(p -> names.get(p).equals("target"))
              ? name.simpleName() + ".this.target"
              : "target";
    }

    TypeSpec type() {
      TypeSpec.Builder type =
          TypeSpec.classBuilder(model.driver().name())
              .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
              .addTypeVariables(model.driver().typeVariables())
              .superclass(ParameterizedTypeName.get(CONFIGURABLE, driverType))
              .addJavadoc(DriverJavadoc.of(model))
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
          .target()
          .instanceType()
          .ifPresent(
              t ->
                  type.addField(
                      FieldSpec.builder(t, "target", Modifier.PRIVATE, Modifier.FINAL).build()));
      type.addMethod(publicConstructor());
      type.addMethod(privateConstructor());
      type.addMethod(
          MethodSpec.methodBuilder("withSettings")
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PROTECTED)
              .returns(driverType)
              .addParameter(LOOP_SETTINGS, "settings")
              .addStatement(
                  "return new $T$L($Lsettings)",
                  model.driver().name(),
                  diamond(),
                  model.isStatic() ? "" : "target, ")
              .build());
      type.addMethod(loop());
      if (rangeLoop) {
        type.addMethod(rangeLoopMethod());
      }
      List<Input> inputs = new ArrayList<>(List.of(Input.ITERABLE, Input.STREAM));
      model.signature().range().ifPresent(bound -> inputs.add(Input.RANGE));
      for (Form form : Form.values()) {
        for (Input input : inputs) {
          type.addMethod(form(form, input));
        }
      }
      if (model.settings().distributed()) {
        type.addType(ClusterTaskWriter.write(model));
      }
      return type.build();
    }

    private String diamond() {
      return model.driver().typeVariables().isEmpty() ? "" : "<>";
    }

    /** Mode, JFR name, and the annotation's parallelism and retry policy, if any. */
    private CodeBlock settings() {
      CodeBlock.Builder settings =
          CodeBlock.builder()
              .add(
                  "$T.of($T.$L)$>$>\n.name($S, $S, $T.class)",
                  LOOP_SETTINGS,
                  MODE,
                  model.settings().mode().name(),
                  model.driver().name().simpleName(),
                  MethodText.description(model),
                  erasure(model.isVoid() ? TypeName.VOID : resultType));
      if (model.settings().parallelism() != 0) {
        settings.add("\n.parallelism($L)", model.settings().parallelism());
      }
      model.settings().retry().ifPresent(retry -> settings.add("\n.retry($L)", retryPolicy(retry)));
      return settings.add("$<$<").build();
    }

    /**
     * The erasure of a result type, as a class literal can name it: what the driver tells the
     * runtime, so that a checkpoint can read results of that type back and refuse at once one it
     * could never store.
     */
    private static TypeName erasure(TypeName type) {
      if (type instanceof ParameterizedTypeName parameterized) {
        return parameterized.rawType().withoutAnnotations();
      }
      if (type instanceof ArrayTypeName array) {
        return ArrayTypeName.of(erasure(array.componentType()));
      }
      if (type instanceof TypeVariableName variable) {
        return variable.bounds().isEmpty() ? ClassName.OBJECT : erasure(variable.bounds().get(0));
      }
      if (type instanceof WildcardTypeName wildcard) {
        return erasure(wildcard.upperBounds().get(0));
      }
      return type.withoutAnnotations();
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
        constructor
            .addJavadoc("Creates a driver for the static method {@code $L}.\n", methodName)
            .addStatement("this($L)", settings());
      } else {
        constructor
            .addJavadoc(
                "Creates a driver that calls {@code $L} on {@code target}, not null.\n", methodName)
            .addParameter(model.target().instanceType().get(), "target")
            .addStatement(
                "this($T.requireNonNull(target, $S),\n$L)", OBJECTS, "target", settings());
      }
      return constructor.build();
    }

    private MethodSpec privateConstructor() {
      MethodSpec.Builder constructor =
          MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE);
      model.target().instanceType().ifPresent(t -> constructor.addParameter(t, "target"));
      constructor.addParameter(LOOP_SETTINGS, "settings").addStatement("super(settings)");
      if (!model.isStatic()) {
        constructor.addStatement("this.target = target");
      }
      return constructor.build();
    }

    /** The loop over the items, with the arguments of one run bound. */
    private MethodSpec loop() {
      MethodSpec.Builder loop =
          MethodSpec.methodBuilder("loop")
              .addModifiers(Modifier.PRIVATE)
              .returns(ParameterizedTypeName.get(PARALLEL_LOOP, itemType, resultType));
      addRunArguments(loop, false);
      for (Parameter p : model.workerLocals()) {
        loop.addStatement("$T.requireNonNull($N, $S)", OBJECTS, names.get(p), names.get(p));
      }
      if (model.settings().distributed()) {
        // The serializable task, which a run on a cluster sends to the members.
        List<CodeBlock> arguments = new ArrayList<>();
        if (!model.isStatic()) {
          arguments.add(CodeBlock.of("$L", target));
        }
        model.sharedArguments().forEach(p -> arguments.add(CodeBlock.of("$N", names.get(p))));
        return loop.addStatement(
                "return settings().<$T, $T>loop(new $L$L($L))",
                itemType,
                resultType,
                ClusterTaskWriter.NAME,
                diamond(),
                CodeBlock.join(arguments, ", "))
            .build();
      }
      CodeBlock function = function(CodeBlock.of("$N", item), item);
      if (workerLocals.isEmpty()) {
        return loop.addStatement(
                "return settings().<$T, $T>loop($L)", itemType, resultType, function)
            .build();
      }
      // Each worker makes its own instances, then calls the method with them for its items.
      CodeBlock.Builder body = CodeBlock.builder();
      workerLocals.forEach(
          (p, local) -> body.add("$T $N = $N.local($N);\n", p.type(), local, worker, names.get(p)));
      body.addStatement("return $L", function);
      TypeSpec perWorker =
          TypeSpec.anonymousClassBuilder("")
              .addSuperinterface(
                  ParameterizedTypeName.get(PER_WORKER_FUNCTION, itemType, resultType))
              .addMethod(
                  MethodSpec.methodBuilder("forWorker")
                      .addAnnotation(Override.class)
                      .addModifiers(Modifier.PUBLIC)
                      .returns(
                          ParameterizedTypeName.get(INDEXED_ITEM_FUNCTION, itemType, resultType))
                      .addParameter(WORKER_SCOPE, worker)
                      .addException(EXCEPTION)
                      .addCode(body.build())
                      .build())
              .build();
      return loop.addStatement(
              "return settings().<$T, $T>loopPerWorker($L)", itemType, resultType, perWorker)
          .build();
    }

    /** The loop over a range's values, unboxed. */
    private MethodSpec rangeLoopMethod() {
      MethodSpec.Builder loop =
          MethodSpec.methodBuilder("rangeLoop")
              .addModifiers(Modifier.PRIVATE)
              .returns(ParameterizedTypeName.get(PARALLEL_LOOP, TypeName.LONG.box(), resultType));
      addRunArguments(loop, false);
      CodeBlock itemValue =
          model.signature().range().get() == RangeBound.INT
              ? CodeBlock.of("($T) $N", TypeName.INT, value)
              : CodeBlock.of("$N", value);
      return loop.addStatement(
              "return settings().<$T>rangeLoop($L)", resultType, function(itemValue, value))
          .build();
    }

    /**
     * {@code new IndexedItemFunction<>() { apply(index, item) { return target.m(item, ...); } }}
     * (returning null for a void method), or the {@code RangeFunction} of an unboxed range loop. An
     * anonymous class rather than a lambda: a batch job's one call in a fresh JVM would otherwise
     * pay the JVM's first {@code invokedynamic} bootstrap (about 10 ms) inside the driver.
     */
    private CodeBlock function(CodeBlock itemArgument, String itemName) {
      CodeBlock receiver =
          model.isStatic() ? CodeBlock.of("$T", model.target().type()) : CodeBlock.of("$L", target);
      Map<Parameter, String> arguments = new LinkedHashMap<>();
      model.runArguments().forEach(p -> arguments.put(p, names.get(p)));
      arguments.putAll(workerLocals);
      CodeBlock call = MethodCall.of(model, receiver, itemArgument, index, arguments::get);
      boolean unboxedRange = itemName.equals(value);
      MethodSpec.Builder apply =
          MethodSpec.methodBuilder("apply")
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PUBLIC)
              .returns(resultType)
              .addParameter(TypeName.LONG, index)
              .addParameter(unboxedRange ? TypeName.LONG : itemType, itemName)
              .addException(EXCEPTION);
      if (model.isVoid()) {
        apply.addStatement("$L", call).addStatement("return null");
      } else {
        apply.addStatement("return $L", call);
      }
      TypeName type =
          unboxedRange
              ? ParameterizedTypeName.get(RANGE_FUNCTION, resultType)
              : ParameterizedTypeName.get(INDEXED_ITEM_FUNCTION, itemType, resultType);
      return CodeBlock.of(
          "$L",
          TypeSpec.anonymousClassBuilder("")
              .addSuperinterface(type)
              .addMethod(apply.build())
              .build());
    }

    /**
     * Adds the arguments of a run after the items: each shared argument, and a supplier for each
     * per-worker one. A public form takes a varargs argument as varargs; the private loops take the
     * array it was given.
     */
    private void addRunArguments(MethodSpec.Builder method, boolean varargs) {
      for (Parameter p : model.runArguments()) {
        method.addParameter(
            p.role() == Role.WORKER_LOCAL
                ? ParameterizedTypeName.get(SUPPLIER, WildcardTypeName.subtypeOf(p.type()))
                : p.type(),
            names.get(p));
      }
      if (varargs && model.signature().sharedVarargs()) {
        method.varargs(true);
        if (model.signature().safeVarargs()) {
          // Passing the array on to the loop is, for javac, an unsafe use of a generic varargs
          // parameter ([varargs]); the driver only hands it to the method unchanged.
          method
              .addAnnotation(
                  AnnotationSpec.builder(SuppressWarnings.class)
                      .addMember("value", "$S", "varargs")
                      .build())
              .addAnnotation(SafeVarargs.class)
              .addModifiers(Modifier.FINAL);
        }
      }
    }

    /** One execution form: hands the items to the loop, with a link to the loop's Javadoc. */
    private MethodSpec form(Form form, Input input) {
      String loopMethod = form.loopMethod(model.isVoid());
      MethodSpec.Builder method =
          MethodSpec.methodBuilder(input == Input.RANGE ? form.name + "Range" : form.name)
              .addModifiers(Modifier.PUBLIC);
      CodeBlock source;
      if (input == Input.RANGE) {
        boolean isInt = model.signature().range().get() == RangeBound.INT;
        TypeName bound = isInt ? TypeName.INT : TypeName.LONG;
        method.addParameter(bound, from).addParameter(bound, to);
        method.addJavadoc(
            // Short enough for one line: the class's Javadoc says what is called.
            "Over the values [{@code $N}, {@code $N}); see {@link $T#$L(Iterable)}.\n",
            from,
            to,
            PARALLEL_LOOP,
            loopMethod);
        source =
            rangeLoop && isInt
                ? CodeBlock.of("$T.of((long) $N, (long) $N)", RANGE, from, to)
                : CodeBlock.of("$T.of($N, $N)", RANGE, from, to);
      } else {
        ClassName container = input == Input.STREAM ? STREAM : ITERABLE;
        method.addParameter(
            ParameterizedTypeName.get(container, WildcardTypeName.subtypeOf(itemType)), items);
        method.addJavadoc(
            "Calls {@code $L} for each item; see {@link $T#$L($T)}.\n",
            methodName,
            PARALLEL_LOOP,
            loopMethod,
            container);
        source = CodeBlock.of("$N", items);
      }
      addRunArguments(method, true);
      TypeName returns = form.returnType(resultType, model.isVoid());
      CodeBlock arguments =
          model.runArguments().stream()
              .map(p -> CodeBlock.of("$N", names.get(p)))
              .collect(CodeBlock.joining(",$W"));
      return method
          .returns(returns)
          .addStatement(
              "$L$L($L).$L($L)",
              returns == TypeName.VOID ? "" : "return ",
              input == Input.RANGE && rangeLoop ? "rangeLoop" : "loop",
              arguments,
              loopMethod,
              source)
          .build();
    }
  }
}
