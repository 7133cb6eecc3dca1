package dev.parallelfor.sample.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdHocLoopExamplesTest {
  private static final List<URI> URIS =
      List.of(URI.create("https://example.org/x"), URI.create("https://example.com/"));

  @Test
  void theReadmesLoopGivesWhatItSays() {
    FirstLoopExample.Outcome outcome = FirstLoopExample.loop(URIS);

    assertThat(outcome.pages())
        .containsExactly("<html>example.org</html>", "<html>example.com</html>");
    assertThat(outcome.cubes()).hasSize(1_000_000);
    assertThat(outcome.cubes().get(999_999)).isEqualTo(999_999L * 999_999L * 999_999L);
  }

  @Test
  void theGuidesAdHocLoopsGiveWhatTheySay(@TempDir Path dir) throws IOException {
    Path a = Files.writeString(dir.resolve("a.txt"), "abc");
    Path b = Files.writeString(dir.resolve("b.txt"), "hello");
    AdHocLoopExamples.Outcome outcome = AdHocLoopExamples.adhoc(URIS, List.of(a, b));

    assertThat(outcome.pages())
        .containsExactly("<html>example.org</html>", "<html>example.com</html>");
    assertThat(outcome.labelled()).containsExactly("0: " + a, "1: " + b);
    assertThat(outcome.cubes()).hasSize(1_000_000);
    assertThat(outcome.cubes().get(999_999)).isEqualTo(999_999L * 999_999L * 999_999L);
    assertThat(outcome.sizes()).containsExactly(3L, 5L);
  }

  @Test
  void theRangeLoopSquaresEveryValueOfTheRangeInOrder() {
    List<Long> squares = RangeLoopExample.squares();

    assertThat(squares).hasSize(1_000);
    assertThat(squares.get(0)).isEqualTo(1_000L * 1_000L);
    assertThat(squares.get(999)).isEqualTo(1_999L * 1_999L);
  }
}
