package dev.parallelfor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelfor.runtime.Checkpoint;
import dev.parallelfor.runtime.ResultCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated drivers with {@code checkpoint(Path)}: resumed runs, ranges, and refused types. */
class CheckpointDriversTest {
  private static final List<String> ITEMS = IntStream.range(0, 500).mapToObj(i -> "i" + i).toList();

  @TempDir Path dir;

  @Test
  void aDriverResumesWhereItsRunFailedAndReadsItsDeclaredTypeBack() {
    Resumable target = new Resumable();
    ResumableSumDriver driver = new ResumableSumDriver(target).checkpoint(dir.resolve("sums"));
    target.fail("i321");
    assertThat(driver.runAll(ITEMS).failed()).isEqualTo(1);

    target.reset();
    List<Resumable.Sum> sums = driver.run(ITEMS);
    assertThat(sums)
        .isEqualTo(IntStream.range(0, 500).mapToObj(i -> new Resumable.Sum("i" + i, i)).toList());
    assertThat(target.called()).containsExactly("i321");
  }

  @Test
  void aRangeDriverResumesUnboxed() {
    Resumable target = new Resumable();
    ResumableSquareDriver driver =
        new ResumableSquareDriver(target).checkpoint(dir.resolve("squares"));
    List<Long> first = driver.runRange(0L, 1_000L);
    target.reset();
    assertThat(driver.runRange(0L, 1_000L))
        .isEqualTo(first)
        .isEqualTo(LongStream.range(0, 1_000).map(n -> n * n).boxed().toList());
    assertThat(target.called()).isEmpty();
  }

  @Test
  void aDriverWhoseResultsCannotBeStoredIsRefusedAtTheCallUnlessGivenACodec() {
    ResumableWrapDriver driver = new ResumableWrapDriver(new Resumable());
    assertThatThrownBy(() -> driver.checkpoint(dir.resolve("wraps")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Resumable.Opaque.class.getTypeName())
        .hasMessageContaining("codec");
    ResultCodec<Resumable.Opaque> codec =
        new ResultCodec<>() {
          @Override
          public void write(Resumable.Opaque result, DataOutput out) throws IOException {
            out.writeUTF(result.text);
          }

          @Override
          public Resumable.Opaque read(DataInput in) throws IOException {
            return new Resumable.Opaque(in.readUTF());
          }
        };
    ResumableWrapDriver withCodec =
        driver.checkpoint(Checkpoint.file(dir.resolve("wraps")).codec(codec));
    assertThat(withCodec.run(ITEMS)).hasSize(500);
    assertThat(withCodec.run(ITEMS).get(7).text).isEqualTo("i7");
  }
}
