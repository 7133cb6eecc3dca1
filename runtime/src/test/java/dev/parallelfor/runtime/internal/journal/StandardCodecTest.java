package dev.parallelfor.runtime.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class StandardCodecTest {
  private static final StandardCodec UNDECLARED = StandardCodec.forResultType(null);

  record Point(int x, int y) implements Serializable {}

  record Shape(String name, List<Point> corners) implements Serializable {}

  static final class NotSerializable {}

  @Provide
  Arbitrary<Object> compactValues() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.of(true, false),
        Arbitraries.bytes().map(b -> (Object) b),
        Arbitraries.shorts().map(s -> (Object) s),
        Arbitraries.chars().map(c -> (Object) c),
        Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.longs().map(l -> (Object) l),
        Arbitraries.floats().map(f -> (Object) f),
        Arbitraries.doubles().map(d -> (Object) d),
        Arbitraries.strings().map(s -> (Object) s),
        Arbitraries.strings().all().ofMaxLength(40).map(s -> (Object) s),
        Arbitraries.bytes().array(byte[].class).map(a -> (Object) a),
        Arbitraries.integers().array(int[].class).map(a -> (Object) a),
        Arbitraries.longs().array(long[].class).map(a -> (Object) a),
        Arbitraries.doubles().array(double[].class).map(a -> (Object) a));
  }

  @Property(tries = 3000)
  void compactValuesRoundTrip(@ForAll("compactValues") Object value) throws IOException {
    Object back = UNDECLARED.decode(UNDECLARED.encode(value));
    assertThat(Arrays.deepEquals(new Object[] {back}, new Object[] {value})).isTrue();
    if (value != null) {
      assertThat(back).hasSameClassAs(value);
    }
  }

  @Property
  void anyStringRoundTripsEvenWithUnpairedSurrogates(@ForAll char[] chars) throws IOException {
    String text = new String(chars);
    assertThat(UNDECLARED.decode(UNDECLARED.encode(text))).isEqualTo(text);
  }

  @Property
  void theDataStreamFormsAgreeWithTheByteArrayForms(@ForAll("compactValues") Object value)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    UNDECLARED.write(value, new DataOutputStream(bytes));
    assertThat(bytes.toByteArray()).isEqualTo(UNDECLARED.encode(value));
    Object back =
        UNDECLARED.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertThat(Arrays.deepEquals(new Object[] {back}, new Object[] {value})).isTrue();
  }

  @Test
  void floatsAndDoublesKeepEveryBit() throws IOException {
    float nan = Float.intBitsToFloat(0x7fc00123);
    double dnan = Double.longBitsToDouble(0x7ff8000000000123L);
    assertThat(Float.floatToRawIntBits((Float) UNDECLARED.decode(UNDECLARED.encode(nan))))
        .isEqualTo(0x7fc00123);
    assertThat(Double.doubleToRawLongBits((Double) UNDECLARED.decode(UNDECLARED.encode(dnan))))
        .isEqualTo(0x7ff8000000000123L);
    assertThat(UNDECLARED.decode(UNDECLARED.encode(-0.0))).isEqualTo(-0.0);
  }

  @Test
  void smallNumbersAndShortStringsTakeAFewBytes() {
    assertThat(UNDECLARED.encode(null)).hasSize(1);
    assertThat(UNDECLARED.encode(true)).hasSize(1);
    assertThat(UNDECLARED.encode(7)).hasSize(2);
    assertThat(UNDECLARED.encode(-7)).hasSize(2);
    assertThat(UNDECLARED.encode(1_000_000)).hasSize(4);
    assertThat(UNDECLARED.encode(Integer.MIN_VALUE)).hasSize(6);
    assertThat(UNDECLARED.encode(123L)).hasSize(3);
    assertThat(UNDECLARED.encode("abc")).hasSize(5);
    assertThat(UNDECLARED.encode(new byte[100])).hasSize(102);
  }

  @Test
  void anEmptyRecordIsNull() throws IOException {
    assertThat(UNDECLARED.decode(new byte[0])).isNull();
  }

  @Test
  void theJdksValuesAndCollectionsAreStoredWithoutADeclaredType() throws IOException {
    for (Object value :
        List.of(
            new BigDecimal("1.50"),
            LocalDate.of(2026, 12, 7),
            List.of("a", "b"),
            Map.of("k", List.of(1, 2)),
            new java.util.ArrayList<>(List.of(1L, 2L)),
            new java.util.TreeMap<>(Map.of("x", 1.5)))) {
      assertThat(UNDECLARED.decode(UNDECLARED.encode(value))).isEqualTo(value);
    }
  }

  @Test
  void resultsOfTheDeclaredTypeAndItsFieldsClassesAreStored() throws IOException {
    StandardCodec codec = StandardCodec.forResultType(Shape.class);
    Shape shape = new Shape("square", List.of(new Point(0, 0), new Point(1, 1)));
    assertThat(codec.decode(codec.encode(shape))).isEqualTo(shape);
  }

  @Test
  void aGenericDeclaredTypeAdmitsItsTypeArguments() throws Exception {
    java.lang.reflect.Type listOfPoints =
        StandardCodecTest.class.getDeclaredField("points").getGenericType();
    StandardCodec codec = StandardCodec.forResultType(listOfPoints);
    List<Point> value = List.of(new Point(1, 2));
    assertThat(codec.decode(codec.encode(value))).isEqualTo(value);
    assertThatThrownBy(() -> StandardCodec.forResultType(List.class).encode(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Point.class.getTypeName());
  }

  @SuppressWarnings("unused")
  private List<Point> points;

  @Test
  void aSerializableResultOfAnUndeclaredTypeIsRefusedWithTheFix() {
    assertThatThrownBy(() -> UNDECLARED.encode(new Point(1, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Point.class.getTypeName())
        .hasMessageContaining(".codec(ResultCodec.serializable(StandardCodecTest.Point.class))");
  }

  @Test
  void aResultThatIsNotSerializableIsRefusedWithTheFix() {
    assertThatThrownBy(() -> UNDECLARED.encode(new NotSerializable()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(NotSerializable.class.getTypeName())
        .hasMessageContaining("is not Serializable")
        .hasMessageContaining("Checkpoint.file(journal).codec(");
    assertThatThrownBy(
            () -> UNDECLARED.encode(new java.util.ArrayList<>(List.of(new NotSerializable()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(NotSerializable.class.getTypeName());
  }

  @Test
  void declaredTypesThatNoResultCouldBeStoredForAreRefusedAtOnce() {
    StandardCodec.checkStorable(int.class);
    StandardCodec.checkStorable(void.class);
    StandardCodec.checkStorable(Void.class);
    StandardCodec.checkStorable(String.class);
    StandardCodec.checkStorable(byte[].class);
    StandardCodec.checkStorable(Point.class);
    StandardCodec.checkStorable(List.class);
    StandardCodec.checkStorable(Number.class);
    assertThatThrownBy(() -> StandardCodec.checkStorable(NotSerializable.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(NotSerializable.class.getTypeName())
        .hasMessageContaining("ResultCodec.serializable(StandardCodecTest.NotSerializable.class)");
  }

  @Test
  void bytesThatAreNotOneResultAreAnError() {
    assertThatThrownBy(() -> UNDECLARED.decode(new byte[] {99}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("tag 99");
    byte[] extra = Arrays.copyOf(UNDECLARED.encode(5), 3);
    assertThatThrownBy(() -> UNDECLARED.decode(extra)).isInstanceOf(IOException.class);
    byte[] cut = Arrays.copyOf(UNDECLARED.encode("hello"), 4);
    assertThatThrownBy(() -> UNDECLARED.decode(cut)).isInstanceOf(IOException.class);
    // A length far beyond the bytes present never allocates it.
    assertThatThrownBy(() -> UNDECLARED.decode(new byte[] {13, (byte) 0xFF, (byte) 0xFF, 0x7F}))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> UNDECLARED.decode(new byte[] {10, 2, (byte) 0xC3, 0x28}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("UTF-8");
  }
}
