package dev.parallelfor.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.parallelfor.processor.TestCompiler.compile;
import static dev.parallelfor.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Kotlin functions as the processor sees them through kapt: the sources here are shaped exactly as
 * the Java stubs that kapt 2.4 writes for them (a class of {@code @kotlin.Metadata}, Kotlin's
 * annotations kept on the methods), with the Kotlin each one stands for in a comment. Under kapt's
 * {@code mapDiagnosticLocations} an error on a stub's method is shown on the Kotlin function's
 * line.
 */
class KotlinShapesTest {

  @Test
  void suspendFunctionIsAnErrorThatSaysHowToCallItFromADriver() {
    // class Fetcher { @ParallelFor suspend fun fetch(url: String): String = url }
    JavaFileObject stub =
        source(
            "test.Fetcher",
            """
            package test;

            @kotlin.Metadata(mv = {2, 4, 0}, k = 1, xi = 48)
            public final class Fetcher {
                public Fetcher() {
                    super();
                }

                @dev.parallelfor.ParallelFor()
                @org.jetbrains.annotations.Nullable()
                public final java.lang.Object fetch(@org.jetbrains.annotations.NotNull()
                java.lang.String url, @org.jetbrains.annotations.NotNull()
                kotlin.coroutines.Continuation<? super java.lang.String> $completion) {
                    return null;
                }
            }
            """);
    Compilation compilation = compile(stub);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "suspend fun fetch cannot be @ParallelFor: its driver calls it from plain threads,"
                + " outside any coroutine; remove suspend (if it calls suspend functions, wrap its"
                + " body in runBlocking { ... } and use @ParallelFor(mode = Mode.IO), as it then"
                + " blocks its thread), or annotate a fun without suspend that calls it")
        .inFile(stub)
        .onLine(11);
  }

  @Test
  void topLevelSuspendFunctionIsAnErrorToo() {
    // Files.kt: @ParallelFor suspend fun size(path: String): Long = ...
    JavaFileObject stub =
        source(
            "test.FilesKt",
            """
            package test;

            @kotlin.Metadata(mv = {2, 4, 0}, k = 2, xi = 48)
            public final class FilesKt {

                @dev.parallelfor.ParallelFor(mode = dev.parallelfor.Mode.IO)
                @org.jetbrains.annotations.Nullable()
                public static final java.lang.Object size(@org.jetbrains.annotations.NotNull()
                java.lang.String path, @org.jetbrains.annotations.NotNull()
                kotlin.coroutines.Continuation<? super java.lang.Long> $completion) {
                    return null;
                }
            }
            """);
    Compilation compilation = compile(stub);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("suspend fun size cannot be @ParallelFor")
        .inFile(stub)
        .onLine(8);
  }

  @Test
  void javaMethodTakingAContinuationIsNotTakenForASuspendFunction() {
    JavaFileObject java =
        source(
            "test.Resumer",
            """
            package test;
            import dev.parallelfor.ParallelFor;
            import kotlin.coroutines.Continuation;
            class Resumer {
              @ParallelFor Object resume(String item, Continuation<? super String> continuation) {
                return item;
              }
            }
            """);
    Compilation compilation = compile(java);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFile("test.ResumerResumeDriver")).isPresent();
  }

  @Test
  void jvmOverloadsWithDefaultsIsOneErrorOnTheLongestMethod() {
    // class Scaler {
    //   @JvmOverloads @ParallelFor
    //   fun scale(x: Double, factor: Double = 2.0, offset: Double = 0.0): Double = x * factor +
    // offset
    // }
    JavaFileObject stub =
        source(
            "test.Scaler",
            """
            package test;

            @kotlin.Metadata(mv = {2, 4, 0}, k = 1, xi = 48)
            public final class Scaler {
                public Scaler() {
                    super();
                }

                @kotlin.jvm.JvmOverloads()
                @dev.parallelfor.ParallelFor()
                public final double scale(double x) {
                    return 0.0;
                }

                @kotlin.jvm.JvmOverloads()
                @dev.parallelfor.ParallelFor()
                public final double scale(double x, double factor) {
                    return 0.0;
                }

                @kotlin.jvm.JvmOverloads()
                @dev.parallelfor.ParallelFor()
                public final double scale(double x, double factor, double offset) {
                    return 0.0;
                }
            }
            """);
    Compilation compilation = compile(stub);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@JvmOverloads makes fun scale 3 methods, each annotated @ParallelFor, and all would"
                + " need the same driver; remove @JvmOverloads (the driver takes every argument,"
                + " the defaulted ones too), or remove the default values")
        .inFile(stub)
        .onLine(23);
  }

  @Test
  void jvmOverloadsWithoutDefaultsGivesOneMethodAndItsDriver() {
    // class Scaler { @JvmOverloads @ParallelFor fun scale(x: Double, factor: Double): Double }
    JavaFileObject stub =
        source(
            "test.Scaler",
            """
            package test;

            @kotlin.Metadata(mv = {2, 4, 0}, k = 1, xi = 48)
            public final class Scaler {
                @kotlin.jvm.JvmOverloads()
                @dev.parallelfor.ParallelFor()
                public final double scale(double x, double factor) {
                    return 0.0;
                }
            }
            """);
    Compilation compilation = compile(stub);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFile("test.ScalerScaleDriver")).isPresent();
  }

  @Test
  void jvmStaticCompanionFunctionGetsOnlyTheStaticDriver() {
    // class Temperatures {
    //   companion object { @JvmStatic @ParallelFor fun toKelvin(celsius: Double): Double = ... }
    // }
    JavaFileObject stub =
        source(
            "test.Temperatures",
            """
            package test;

            @kotlin.Metadata(mv = {2, 4, 0}, k = 1, xi = 48)
            public final class Temperatures {
                @org.jetbrains.annotations.NotNull()
                public static final test.Temperatures.Companion Companion = null;

                public Temperatures() {
                    super();
                }

                @kotlin.jvm.JvmStatic()
                @dev.parallelfor.ParallelFor()
                public static final double toKelvin(double celsius) {
                    return 0.0;
                }

                @kotlin.Metadata(mv = {2, 4, 0}, k = 1, xi = 48)
                public static final class Companion {

                    private Companion() {
                        super();
                    }

                    @kotlin.jvm.JvmStatic()
                    @dev.parallelfor.ParallelFor()
                    public final double toKelvin(double celsius) {
                        return 0.0;
                    }
                }
            }
            """);
    Compilation compilation = compile(stub);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFile("test.TemperaturesToKelvinDriver")).isPresent();
    assertThat(compilation.generatedSourceFile("test.Temperatures_CompanionToKelvinDriver"))
        .isEmpty();
  }

  @Test
  void companionFunctionWithoutJvmStaticGetsTheCompanionsDriver() {
    // class Temperatures {
    //   companion object { @ParallelFor fun toFahrenheit(celsius: Double): Double = ... }
    // }
    JavaFileObject stub =
        source(
            "test.Temperatures",
            """
            package test;

            @kotlin.Metadata(mv = {2, 4, 0}, k = 1, xi = 48)
            public final class Temperatures {
                @org.jetbrains.annotations.NotNull()
                public static final test.Temperatures.Companion Companion = null;

                @kotlin.Metadata(mv = {2, 4, 0}, k = 1, xi = 48)
                public static final class Companion {

                    private Companion() {
                        super();
                    }

                    @dev.parallelfor.ParallelFor()
                    public final double toFahrenheit(double celsius) {
                        return 0.0;
                    }
                }
            }
            """);
    Compilation compilation = compile(stub);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFile("test.Temperatures_CompanionToFahrenheitDriver"))
        .isPresent();
  }
}
