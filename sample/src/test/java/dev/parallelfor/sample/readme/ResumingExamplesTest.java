package dev.parallelfor.sample.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelfor.runtime.Parallel;
import dev.parallelfor.sample.Checksums;
import dev.parallelfor.sample.SampleData;
import dev.parallelfor.sample.readme.ResumingExamples.Order;
import dev.parallelfor.sample.readme.ResumingExamples.Thumb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumingExamplesTest {
  @TempDir Path dir;

  @Test
  void theDriverExampleAnswersJournaledFilesWithoutReadingThem() throws Exception {
    List<Path> files = SampleData.generate(Files.createDirectories(dir.resolve("files")), 30, 3);
    List<String> first = ResumingExamples.resume(new Checksums(), files.subList(0, 20), dir);
    for (Path file : files.subList(0, 20)) {
      Files.delete(file); // a file read again would fail the run
    }

    List<String> second = ResumingExamples.resume(new Checksums(), files, dir);

    assertThat(second.subList(0, 20)).isEqualTo(first);
    assertThat(second).hasSize(30).doesNotHaveDuplicates();
  }

  @Test
  void aKeyRecognisesItemsWhoseTextChanged() {
    List<Order> orders = List.of(new Order("a1", "new"), new Order("b2", "new"));
    List<Order> later = List.of(new Order("a1", "paid"), new Order("b2", "shipped"));
    AtomicInteger calls = new AtomicInteger();

    List<String> first = labels(orders, calls);
    List<String> second = labels(later, calls);

    assertThat(calls.get()).as("calls over both runs").isEqualTo(2);
    assertThat(second).isEqualTo(first).containsExactly("a1:new", "b2:new");
  }

  private List<String> labels(List<Order> orders, AtomicInteger calls) {
    return Parallel.cpu(
            (Order order) -> {
              calls.incrementAndGet();
              return order.id() + ":" + order.status();
            })
        .checkpoint(ResumingExamples.key(dir))
        .run(orders);
  }

  @Test
  void theSyncAndCodecExamplesStoreAndReadBack() {
    List<String> names = List.of("x", "y", "z");
    AtomicInteger calls = new AtomicInteger();
    for (int run = 0; run < 2; run++) {
      List<Thumb> thumbs =
          Parallel.cpu(
                  (String name) -> {
                    calls.incrementAndGet();
                    return new Thumb(name, name.getBytes(StandardCharsets.UTF_8));
                  })
              .checkpoint(ResumingExamples.codec(dir))
              .run(names);
      assertThat(thumbs).extracting(Thumb::name).containsExactly("x", "y", "z");
      assertThat(thumbs.get(2).png()).isEqualTo(new byte[] {'z'});
    }
    List<Integer> lengths =
        Parallel.cpu((String name) -> name.length())
            .checkpoint(ResumingExamples.sync(dir))
            .run(names);

    assertThat(calls.get()).as("calls over both runs").isEqualTo(3);
    assertThat(lengths).containsExactly(1, 1, 1);
  }
}
