package dev.parallelfor.processor;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import javax.annotation.processing.Processor;
import javax.lang.model.SourceVersion;
import org.junit.jupiter.api.Test;

/** The processor is found by javac and Gradle the way their docs describe. */
class RegistrationTest {

  @Test
  void registeredAsAServiceForJavac() {
    assertThat(ServiceLoader.load(Processor.class).stream().map(p -> p.type().getName()).toList())
        .contains(ParallelForProcessor.class.getName());
  }

  @Test
  void supportsTheLatestSourceVersion() {
    assertThat(new ParallelForProcessor().getSupportedSourceVersion())
        .isEqualTo(SourceVersion.latestSupported());
  }

  @Test
  void declaresItselfIsolatingForGradleIncrementalBuilds() throws IOException {
    try (InputStream in =
        getClass()
            .getClassLoader()
            .getResourceAsStream("META-INF/gradle/incremental.annotation.processors")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim())
          .isEqualTo("dev.parallelfor.processor.ParallelForProcessor,isolating");
    }
  }
}
