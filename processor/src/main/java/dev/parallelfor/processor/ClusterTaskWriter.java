package dev.parallelfor.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import dev.parallelfor.processor.DriverModel.Parameter;
import javax.lang.model.element.Modifier;

/**
 * Writes the nested {@code Task} class of a {@code @Distributed} method's driver: the function a
 * run on a cluster serializes and sends to the members.
 */
final class ClusterTaskWriter {
  /** The simple name of the nested class. */
  static final String NAME = "Task";

  private static final ClassName INDEXED_ITEM_FUNCTION =
      ClassName.get("dev.parallelfor.runtime", "IndexedItemFunction");
  private static final ClassName SERIALIZABLE = ClassName.get("java.io", "Serializable");
  private static final ClassName VOID = ClassName.get("java.lang", "Void");

  private ClusterTaskWriter() {}

  /**
   * The serializable function of a {@code @Distributed} method: holds the target and the shared
   * arguments, and calls the method for one item wherever it is deserialized.
   */
  static TypeSpec write(DriverModel model) {
    TypeName itemType = model.signature().itemType();
    TypeName resultType = model.signature().resultType().orElse(VOID);
    NameAllocator fields = new NameAllocator();
    fields.newName("serialVersionUID", "serialVersionUID");
    String targetField = model.isStatic() ? null : fields.newName("target", "target");
    model.sharedArguments().forEach(p -> fields.newName(p.name(), p));
    String taskIndex = fields.newName("index", "index");
    String taskItem = fields.newName("item", "item");
    TypeSpec.Builder task =
        TypeSpec.classBuilder(NAME)
            .addModifiers(Modifier.STATIC, Modifier.FINAL)
            .addTypeVariables(model.driver().typeVariables())
            .addSuperinterface(
                ParameterizedTypeName.get(INDEXED_ITEM_FUNCTION, itemType, resultType))
            .addSuperinterface(SERIALIZABLE)
            .addJavadoc(
                "Calls {@code $L} for one item wherever a run sends it, with the target and the"
                    + " shared\narguments.\n",
                model.target().methodName())
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
                    .build());
    for (TypeVariableName variable : model.driver().typeVariables()) {
      task.addJavadoc(
          "\n@param <$L> $L", variable.name(), DriverJavadoc.typeVariableOrigin(model, variable));
    }
    if (!model.driver().typeVariables().isEmpty()) {
      task.addJavadoc("\n");
    }
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
    if (targetField != null) {
      TypeName t = model.target().instanceType().get();
      task.addField(FieldSpec.builder(t, targetField, Modifier.PRIVATE, Modifier.FINAL).build());
      constructor
          .addParameter(t, targetField)
          .addStatement("this.$N = $N", targetField, targetField);
    }
    for (Parameter p : model.sharedArguments()) {
      String field = fields.get(p);
      task.addField(FieldSpec.builder(p.type(), field, Modifier.PRIVATE, Modifier.FINAL).build());
      constructor.addParameter(p.type(), field).addStatement("this.$N = $N", field, field);
    }
    task.addMethod(constructor.build());
    CodeBlock receiver =
        targetField == null
            ? CodeBlock.of("$T", model.target().type())
            : CodeBlock.of("$N", targetField);
    CodeBlock call =
        MethodCall.of(model, receiver, CodeBlock.of("$N", taskItem), taskIndex, fields::get);
    MethodSpec.Builder apply =
        MethodSpec.methodBuilder("apply")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(resultType)
            .addParameter(TypeName.LONG, taskIndex)
            .addParameter(itemType, taskItem)
            .addException(Exception.class);
    if (model.isVoid()) {
      apply.addStatement("$L", call).addStatement("return null");
    } else {
      apply.addStatement("return $L", call);
    }
    return task.addMethod(apply.build()).build();
  }
}
