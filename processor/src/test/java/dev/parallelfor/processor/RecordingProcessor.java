package dev.parallelfor.processor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Runs the processor in a wrapped processing environment that records every source file it creates,
 * even in a compilation that fails. The wrapping also hides javac's tree API, the way build tools
 * that wrap the environment do.
 */
final class RecordingProcessor extends AbstractProcessor {
  private final ParallelForProcessor delegate = new ParallelForProcessor();
  private final List<String> created = new ArrayList<>();
  private final Exception createFailure;

  RecordingProcessor() {
    this(null);
  }

  /** A processor whose every attempt to create a source file throws {@code createFailure}. */
  RecordingProcessor(Exception createFailure) {
    this.createFailure = createFailure;
  }

  /** The qualified names of the source files the processor created. */
  List<String> created() {
    return created;
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    Filer filer = forward(Filer.class, env.getFiler(), null);
    delegate.init(forward(ProcessingEnvironment.class, env, filer));
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return delegate.getSupportedAnnotationTypes();
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return delegate.getSupportedSourceVersion();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
    return delegate.process(annotations, roundEnv);
  }

  /** A proxy that forwards every call, records the sources created and hands out {@code filer}. */
  private <T> T forward(Class<T> type, T target, Filer filer) {
    Object proxy =
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (p, method, args) -> {
              if (filer != null && method.getName().equals("getFiler")) {
                return filer;
              }
              if (createFailure != null && method.getName().equals("createSourceFile")) {
                throw createFailure;
              }
              Object result = invoke(method, target, args);
              if (method.getName().equals("createSourceFile")) {
                created.add(args[0].toString());
              }
              return result;
            });
    return type.cast(proxy);
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
