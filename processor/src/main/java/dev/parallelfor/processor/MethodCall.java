package dev.parallelfor.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.parallelfor.processor.DriverModel.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one call of the annotated method that a driver contains, written once for the loop's lambda
 * and for the serializable task of a {@code @Distributed} method.
 */
final class MethodCall {
  private static final ClassName INDEXES = ClassName.get("dev.parallelfor.runtime.spi", "Indexes");

  private MethodCall() {}

  /**
   * The one call of the method, which the loops' functions and the cluster's task share: {@code
   * receiver.<V>m(item, index, shared, ...)}, each shared or per-worker argument by the name that
   * {@code argument} gives it.
   */
  static CodeBlock of(
      DriverModel model,
      CodeBlock receiver,
      CodeBlock itemArgument,
      String indexName,
      Function<Parameter, String> argument) {
    List<CodeBlock> arguments = new ArrayList<>();
    for (Parameter p : model.signature().parameters()) {
      arguments.add(
          switch (p.role()) {
            case ITEM -> itemArgument;
            case INDEX ->
                p.type().equals(TypeName.INT)
                    ? CodeBlock.of("$T.toInt($N)", INDEXES, indexName)
                    : CodeBlock.of("$N", indexName);
            case SHARED, WORKER_LOCAL -> CodeBlock.of("$N", argument.apply(p));
          });
    }
    CodeBlock typeArguments =
        model.target().typeArguments().isEmpty()
            ? CodeBlock.of("")
            : CodeBlock.of(
                "<$L>",
                model.target().typeArguments().stream()
                    .map(v -> CodeBlock.of("$T", v))
                    .collect(CodeBlock.joining(", ")));
    return CodeBlock.of(
        "$L.$L$L($L)",
        receiver,
        typeArguments,
        model.target().methodName(),
        CodeBlock.join(arguments, ",$W"));
  }
}
