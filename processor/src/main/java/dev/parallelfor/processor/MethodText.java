package dev.parallelfor.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** How a driver names the annotated method: in its Javadoc's link, and in its runs' JFR events. */
final class MethodText {
  private MethodText() {}

  /** What the flight recorder's events show as the method: {@code Outer.Inner.m(Path, int...)}. */
  static String description(DriverModel model) {
    return String.join(".", model.target().type().simpleNames())
        + "."
        + model.target().methodName()
        + "("
        + parameterTypes(model, t -> CodeBlock.of("$L", shortName(t)))
        + ")";
  }

  /**
   * The method's parameter types, each as {@code type} writes it, a varargs one as {@code T...}.
   */
  static CodeBlock parameterTypes(DriverModel model, Function<TypeName, CodeBlock> type) {
    List<TypeName> parameters = model.target().linkParameterTypes();
    List<CodeBlock> written = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      boolean varargs = model.target().varargs() && i == parameters.size() - 1;
      written.add(
          varargs
              ? CodeBlock.of(
                  "$L...", type.apply(((ArrayTypeName) parameters.get(i)).componentType()))
              : type.apply(parameters.get(i)));
    }
    return CodeBlock.join(written, ", ");
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
}
