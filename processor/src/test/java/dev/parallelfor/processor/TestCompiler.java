package dev.parallelfor.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/** Compiles test sources with the processor under the same lint settings as the build. */
final class TestCompiler {
  private TestCompiler() {}

  /** A source file; {@code qualifiedName} names its top-level type. */
  static JavaFileObject source(String qualifiedName, String code) {
    return JavaFileObjects.forSourceString(qualifiedName, code);
  }

  static Compilation compile(JavaFileObject... sources) {
    return compileWith(new Processor[] {new ParallelForProcessor()}, sources);
  }

  static Compilation compileWith(Processor[] processors, JavaFileObject... sources) {
    return javac()
        .withProcessors(processors)
        .withOptions("-Xlint:all,-processing")
        .compile(sources);
  }
}
