package dev.parallelfor.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.parallelfor.processor.TestCompiler.compile;
import static dev.parallelfor.processor.TestCompiler.compileWith;
import static dev.parallelfor.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @WorkerLocal} where it cannot mean anything is one compile error on the parameter at
 * fault, and no driver is written; outside {@code @ParallelFor} methods it is a warning.
 */
class WorkerLocalValidationTest {

  private static void assertOnlyError(
      JavaFileObject file, String message, int line, String lineContaining) {
    Compilation compilation = compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadWarningCount(0);
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLine(line);
    assertThat(compilation)
        .hadErrorContaining(message)
        .inFile(file)
        .onLineContaining(lineContaining);
    RecordingProcessor recording = new RecordingProcessor();
    compileWith(new Processor[] {recording}, file);
    assertThat(recording.created()).isEmpty();
  }

  @Test
  void onTheItemParameter() {
    JavaFileObject file =
        source(
            "test.OnItem",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            import dev.parallelfor.WorkerLocal;
            import java.nio.file.Path;
            class OnItem {
              @ParallelFor String sum(
                  @WorkerLocal Path file) { return ""; }
            }
            """);
    assertOnlyError(
        file,
        "@WorkerLocal cannot be on file, the item parameter of sum(Path): the item is the first"
            + " parameter without @Index, and every call gets its own; add the item parameter"
            + " before it, e.g. sum(String item, @WorkerLocal Path file), or remove @WorkerLocal",
        7,
        "@WorkerLocal Path file");
  }

  /** The usual slip: the per-worker state written first. The fix moves the item before it. */
  @Test
  void beforeTheItemSuggestsPuttingTheItemFirst() {
    JavaFileObject file =
        source(
            "test.StateFirst",
            """
            package test;
            import dev.parallelfor.Index;
            import dev.parallelfor.ParallelFor;
            import dev.parallelfor.WorkerLocal;
            import java.security.MessageDigest;
            class StateFirst {
              @ParallelFor byte[] digest(
                  @WorkerLocal MessageDigest digest,
                  @Index long position,
                  byte[] block,
                  int rounds) { return block; }
            }
            """);
    assertOnlyError(
        file,
        "@WorkerLocal cannot be on digest, the item parameter of digest(MessageDigest, long,"
            + " byte[], int): the item is the first parameter without @Index, and every call gets"
            + " its own; put the item parameter block first, e.g. digest(byte[] block,"
            + " @WorkerLocal MessageDigest digest, @Index long position, int rounds)",
        8,
        "@WorkerLocal MessageDigest digest");
  }

  @Test
  void onTheIndexParameter() {
    JavaFileObject file =
        source(
            "test.OnIndex",
            """
            package test;
            import dev.parallelfor.Index;
            import dev.parallelfor.ParallelFor;
            import dev.parallelfor.WorkerLocal;
            class OnIndex {
              @ParallelFor String m(String item,
                  @WorkerLocal @Index long position) { return item; }
            }
            """);
    assertOnlyError(
        file,
        "@WorkerLocal cannot be on position, the @Index parameter, which receives each item's"
            + " position; remove @WorkerLocal",
        7,
        "@Index long position");
  }

  @Test
  void onAPrimitive() {
    JavaFileObject file =
        source(
            "test.OnPrimitive",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            import dev.parallelfor.WorkerLocal;
            class OnPrimitive {
              @ParallelFor String m(String item,
                  @WorkerLocal int counter) { return item; }
            }
            """);
    assertOnlyError(
        file,
        "@WorkerLocal parameter counter is of the primitive type int, so a worker could neither"
            + " keep changes to it nor close it; use an object (a counter, a buffer, a holder), or"
            + " remove @WorkerLocal",
        6,
        "@WorkerLocal int counter");
  }

  @Test
  void onADistributedMethod() {
    JavaFileObject file =
        source(
            "test.OnCluster",
            """
            package test;
            import dev.parallelfor.Distributed;
            import dev.parallelfor.ParallelFor;
            import dev.parallelfor.WorkerLocal;
            import java.security.MessageDigest;
            class OnCluster {
              @Distributed @ParallelFor static String m(String item,
                  @WorkerLocal MessageDigest digest) { return item; }
            }
            """);
    assertOnlyError(
        file,
        "@WorkerLocal parameter digest is not supported with @Distributed yet: the members of the"
            + " cluster run the items, not this JVM's workers; make the state inside the method, or"
            + " remove @Distributed",
        8,
        "@WorkerLocal MessageDigest digest");
  }

  @Test
  void outsideParallelForItIsAWarning() {
    JavaFileObject file =
        source(
            "test.Plain",
            """
            package test;
            import dev.parallelfor.WorkerLocal;
            import java.security.MessageDigest;
            class Plain {
              String m(String item,
                  @WorkerLocal MessageDigest digest) { return item; }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining(
            "@WorkerLocal on parameter digest of m(String, MessageDigest) has no effect, because"
                + " only the parameters of @ParallelFor methods get one instance per worker;"
                + " annotate the method @ParallelFor, or remove @WorkerLocal")
        .inFile(file)
        .onLine(6);
  }
}
