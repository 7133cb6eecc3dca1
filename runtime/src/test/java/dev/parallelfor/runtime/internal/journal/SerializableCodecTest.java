package dev.parallelfor.runtime.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelfor.runtime.ResultCodec;
import java.io.File;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SerializableCodecTest {
  /** What a stored result may hold: itself, its fields' classes, and the JDK's values. */
  static class Report implements Serializable {
    private static final long serialVersionUID = 1L;
    final String title;
    final Map<String, Line> lines;
    final Shape shape;

    Report(String title, Map<String, Line> lines, Shape shape) {
      this.title = title;
      this.lines = lines;
      this.shape = shape;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Report
          && ((Report) other).title.equals(title)
          && ((Report) other).lines.equals(lines)
          && java.util.Objects.equals(((Report) other).shape, shape);
    }

    @Override
    public int hashCode() {
      return title.hashCode();
    }
  }

  record Line(long count, List<String> words) implements Serializable {}

  abstract static class Shape implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  abstract static class Round extends Shape {
    private static final long serialVersionUID = 1L;
  }

  static final class Circle extends Round {
    private static final long serialVersionUID = 1L;
    final double radius;

    Circle(double radius) {
      this.radius = radius;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Circle && ((Circle) other).radius == radius;
    }

    @Override
    public int hashCode() {
      return Double.hashCode(radius);
    }
  }

  /** Stands for a gadget: counts each object of it that deserialization makes, and its loading. */
  static final class Intruder implements Serializable {
    private static final long serialVersionUID = 1L;
    static final AtomicInteger MADE = new AtomicInteger();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      MADE.incrementAndGet();
    }
  }

  /** Another class of the same name length, to forge a stream naming a class that is not there. */
  static final class Decoy1 implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private static final ResultCodec<Report> REPORTS = ResultCodec.serializable(Report.class);

  @Property(tries = 200)
  void resultsOfTheDeclaredTypeRoundTrip(
      @ForAll String title, @ForAll long count, @ForAll List<String> words) throws IOException {
    Report report = new Report(title, Map.of("a", new Line(count, words)), new Circle(count));
    ByteSink sink = new ByteSink(64);
    REPORTS.write(report, sink);
    ByteSource in = new ByteSource(sink.toByteArray());
    assertThat(REPORTS.read(in)).isEqualTo(report);
    assertThat(in.remaining()).isZero();
  }

  @Test
  void aJournalHoldingAClassOutsideTheResultsClassesIsRefusedBeforeMakingIt() throws Exception {
    HashMap<String, Object> tampered = new HashMap<>();
    tampered.put("x", new Intruder());
    byte[] record = unrestricted(tampered);
    int before = Intruder.MADE.get();
    assertThatThrownBy(() -> REPORTS.read(new ByteSource(record)))
        .isInstanceOf(InvalidClassException.class)
        .hasMessageContaining(Intruder.class.getName())
        .hasMessageContaining("results of " + Report.class.getTypeName());
    assertThat(Intruder.MADE.get()).isEqualTo(before);
    // The same object deserializes without the filter: the test would see it made.
    new ObjectInputStream(
            new ByteSource(record, 1 + varintSize(record), record.length - 1 - varintSize(record)))
        .readObject();
    assertThat(Intruder.MADE.get()).isEqualTo(before + 1);
  }

  @Test
  void aJdkClassOutsideTheValuesAndCollectionsIsRefused() throws Exception {
    HashMap<String, Object> tampered = new HashMap<>();
    tampered.put("x", new File("/etc/passwd"));
    byte[] record = unrestricted(tampered);
    assertThatThrownBy(() -> REPORTS.read(new ByteSource(record)))
        .isInstanceOf(InvalidClassException.class)
        .hasMessageContaining("java.io.File");
  }

  @Test
  void aMadeUpClassNameIsRefused() throws Exception {
    byte[] record = unrestricted(new Decoy1());
    byte[] name = Decoy1.class.getName().getBytes(StandardCharsets.UTF_8);
    int at = indexOf(record, name);
    assertThat(at).isPositive();
    record[at + name.length - 1] = '9'; // ...$Decoy9, which does not exist
    assertThatThrownBy(() -> REPORTS.read(new ByteSource(record)))
        .isInstanceOf(InvalidClassException.class)
        .hasMessageContaining("Decoy9");
  }

  @Test
  void anArrayLongerThanItsRecordIsRefusedWithoutAllocatingIt() throws Exception {
    byte[] record = unrestricted(new ArrayList<>(List.of(new long[] {1, 2})));
    // The array's length is the int after the class descriptor of [J; make it huge.
    byte[] name = "[J".getBytes(StandardCharsets.UTF_8);
    int lengthAt = indexOf(record, name) + name.length + 8 + 1 + 2 + 1 + 1;
    assertThat(record[lengthAt + 3]).isEqualTo((byte) 2);
    record[lengthAt] = 0x7f;
    assertThatThrownBy(() -> REPORTS.read(new ByteSource(record)))
        .isInstanceOf(InvalidClassException.class);
  }

  @Test
  void nestingBeyondTheDepthLimitIsRefused() throws Exception {
    List<Object> deep = new ArrayList<>();
    List<Object> inner = deep;
    for (int i = 0; i < 200; i++) {
      List<Object> next = new ArrayList<>();
      inner.add(next);
      inner = next;
    }
    byte[] record = unrestricted(deep);
    assertThatThrownBy(() -> REPORTS.read(new ByteSource(record)))
        .isInstanceOf(InvalidClassException.class);
  }

  @Test
  void writingRefusesWhatReadingWouldRefuse() {
    ResultCodec<Shape> shapes = ResultCodec.serializable(Shape.class);
    assertThatThrownBy(() -> shapes.write(new Weird(), new ByteSink(16)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Intruder.class.getTypeName());
  }

  /** A subclass of the declared type whose field holds an unrelated class. */
  static final class Weird extends Shape {
    private static final long serialVersionUID = 1L;
    final Object payload = new Intruder();
  }

  @Test
  void aSubclassOfTheDeclaredTypeIsStored() throws IOException {
    ResultCodec<Shape> shapes = ResultCodec.serializable(Shape.class);
    ByteSink sink = new ByteSink(16);
    shapes.write(new Circle(2.5), sink);
    assertThat(shapes.read(new ByteSource(sink.toByteArray()))).isEqualTo(new Circle(2.5));
  }

  interface Figure extends Serializable {}

  interface Polygon extends Figure {}

  record Square(double side) implements Polygon {}

  @Test
  void anIndirectImplementationOfADeclaredInterfaceIsStored() throws IOException {
    ResultCodec<Figure> figures = ResultCodec.serializable(Figure.class);
    ByteSink sink = new ByteSink(16);
    figures.write(new Square(1.5), sink);
    assertThat(figures.read(new ByteSource(sink.toByteArray()))).isEqualTo(new Square(1.5));
  }

  /** A result type that names its element class only as its parent's type argument. */
  static final class Bag extends ArrayList<Line> {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void theTypeArgumentsAResultTypeGivesItsParentsAreStored() throws IOException {
    ResultCodec<Bag> bags = ResultCodec.serializable(Bag.class);
    Bag bag = new Bag();
    bag.add(new Line(3, List.of("a")));
    ByteSink sink = new ByteSink(16);
    bags.write(bag, sink);
    assertThat(bags.read(new ByteSource(sink.toByteArray()))).isEqualTo(bag);
  }

  @Test
  void aRecordCutShortIsAnError() throws IOException {
    ByteSink sink = new ByteSink(16);
    REPORTS.write(new Report("t", Map.of(), null), sink);
    byte[] whole = sink.toByteArray();
    for (int cut = 0; cut < whole.length; cut++) {
      byte[] part = java.util.Arrays.copyOf(whole, cut);
      assertThatThrownBy(() -> REPORTS.read(new ByteSource(part))).isInstanceOf(IOException.class);
    }
  }

  /** A record as SerializableCodec lays it out, of a stream written without any check. */
  private static byte[] unrestricted(Object object) throws IOException {
    ByteSink stream = new ByteSink(64);
    try (ObjectOutputStream out = new ObjectOutputStream(stream)) {
      out.writeObject(object);
    }
    ByteSink record = new ByteSink(64);
    record.writeVarLong(stream.size());
    record.write(stream.toByteArray());
    return record.toByteArray();
  }

  private static int varintSize(byte[] record) {
    int n = 0;
    while (record[n] < 0) {
      n++;
    }
    return n;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
