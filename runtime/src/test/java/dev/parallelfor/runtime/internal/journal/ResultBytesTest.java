package dev.parallelfor.runtime.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelfor.runtime.ResultCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ResultBytesTest {
  /** A user's codec: a point as two ints. */
  record Point(int x, int y) {}

  private static final ResultCodec<Point> POINTS =
      new ResultCodec<>() {
        @Override
        public void write(Point result, DataOutput out) throws IOException {
          out.writeInt(result.x());
          out.writeInt(result.y());
        }

        @Override
        public Point read(DataInput in) throws IOException {
          return new Point(in.readInt(), in.readInt());
        }
      };

  @Test
  void aUsersCodecRoundTripsThroughRecordBytes() throws IOException {
    byte[] bytes = ResultBytes.encode(POINTS, new Point(3, -4));
    assertThat(bytes).hasSize(8);
    assertThat(ResultBytes.decode(POINTS, bytes)).isEqualTo(new Point(3, -4));
  }

  @Test
  void aCodecThatReadsLessOrMoreThanWasWrittenIsAnError() throws IOException {
    byte[] bytes = ResultBytes.encode(POINTS, new Point(3, -4));
    assertThatThrownBy(() -> ResultBytes.decode(POINTS, java.util.Arrays.copyOf(bytes, 12)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("4 bytes after the result");
    assertThatThrownBy(() -> ResultBytes.decode(POINTS, java.util.Arrays.copyOf(bytes, 6)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void theStandardCodecTakesItsOwnPath() throws IOException {
    StandardCodec codec = StandardCodec.forResultType(null);
    assertThat(ResultBytes.encode(codec, 5)).isEqualTo(codec.encode(5));
    assertThat(ResultBytes.decode(codec, codec.encode("x"))).isEqualTo("x");
  }
}
