package dev.parallelfor.runtime.internal.journal;

import dev.parallelfor.runtime.ResultCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;

/**
 * The encoding of results when a checkpoint has no codec of its own: one tag byte, then a compact
 * form for {@code null}, the boxes of primitives, strings, and arrays of bytes, ints, longs and
 * doubles; any other {@link Serializable} result through {@link SerializableCodec}, limited to the
 * classes of the run's declared result type (the JDK's values and collections when it is unknown).
 * A result it cannot store is refused with an {@link IllegalArgumentException} that says how to
 * give a codec.
 *
 * <p>Tags and what follows them (ints and longs as zigzag varints, lengths as varints):
 *
 * <pre>
 *  0 null          1 false          2 true         3 Byte: 1 byte      4 Short: 2 bytes
 *  5 Character: 2  6 Integer: var   7 Long: var    8 Float: 4 bytes    9 Double: 8 bytes
 * 10 String: length, UTF-8        11 String with unpaired surrogates: length, UTF-16 chars
 * 12 byte[]: length, bytes        13 int[]: length, 4 bytes each     14 long[]: length, 8 each
 * 15 double[]: length, 8 each     16 other: {@link SerializableCodec}'s bytes
 * </pre>
 *
 * Multi-byte values are big-endian, as {@link DataOutput} writes them. Thread-safe.
 */
public final class StandardCodec implements ResultCodec<Object> {
  private static final byte NULL = 0;
  private static final byte FALSE = 1;
  private static final byte TRUE = 2;
  private static final byte BYTE = 3;
  private static final byte SHORT = 4;
  private static final byte CHARACTER = 5;
  private static final byte INTEGER = 6;
  private static final byte LONG = 7;
  private static final byte FLOAT = 8;
  private static final byte DOUBLE = 9;
  private static final byte UTF8 = 10;
  private static final byte UTF16 = 11;
  private static final byte BYTES = 12;
  private static final byte INTS = 13;
  private static final byte LONGS = 14;
  private static final byte DOUBLES = 15;
  private static final byte SERIALIZED = 16;

  private final Type declared;
  private final SerializableCodec<Object> serialized;

  private StandardCodec(Type declared) {
    this.declared = declared;
    this.serialized = SerializableCodec.forType(declared);
  }

  /**
   * The standard codec for results of {@code declared}.
   *
   * @param declared the results' declared type (a class, or a generic type whose arguments admit
   *     more classes), or null when unknown, as for ad-hoc loops: then only the compact types and
   *     the JDK's values and collections can be stored
   * @return the codec
   */
  public static StandardCodec forResultType(Type declared) {
    return new StandardCodec(declared == Object.class ? null : declared);
  }

  /**
   * Refuses, at once, a declared result type that no result could be stored for: a concrete class
   * that is neither one of the compact types nor {@link Serializable}. Interfaces and abstract
   * classes pass, as their results may be.
   *
   * @param declared the results' declared type
   * @throws IllegalArgumentException naming the type and how to give a codec
   */
  public static void checkStorable(Type declared) {
    Class<?> type = ResultClasses.rawClass(declared);
    if (type.isPrimitive()
        || type == Void.class
        || Serializable.class.isAssignableFrom(type)
        || type.isInterface()
        || Modifier.isAbstract(type.getModifiers())) {
      return;
    }
    throw new IllegalArgumentException(cannotStore(type.getTypeName(), " is not Serializable"));
  }

  /**
   * The refusal of a result: what is wrong with its class and how to store it anyway. One text for
   * the codecs and the tests.
   */
  static String cannotStore(String className, String why) {
    String simple = className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    return "a checkpoint cannot store results of "
        + className
        + ": it"
        + why
        + "; make it Serializable, or give the checkpoint a codec, e.g."
        + " Checkpoint.file(journal).codec(ResultCodec.serializable("
        + simple
        + ".class)) or a ResultCodec of your own";
  }

  /**
   * Encodes one result.
   *
   * @param result the result, possibly null
   * @return its bytes
   * @throws IllegalArgumentException if it cannot be stored
   */
  public byte[] encode(Object result) {
    ByteSink sink = new ByteSink(16);
    try {
      write(result, sink);
    } catch (IOException impossible) {
      throw new IllegalStateException("a byte array refused a write", impossible);
    }
    return sink.toByteArray();
  }

  /**
   * Decodes one result that {@link #encode} wrote; an empty array is null (a void method's record).
   *
   * @param bytes the encoded result
   * @return the result
   * @throws IOException if the bytes are not exactly one result of this codec
   */
  public Object decode(byte[] bytes) throws IOException {
    if (bytes.length == 0) {
      return null;
    }
    ByteSource in = new ByteSource(bytes);
    Object result = read(in);
    if (in.remaining() != 0) {
      throw new IOException(in.remaining() + " bytes after the result");
    }
    return result;
  }

  @Override
  public void write(Object result, DataOutput out) throws IOException {
    if (result == null) {
      out.writeByte(NULL);
      return;
    }
    Class<?> type = result.getClass();
    if (type == Integer.class) {
      out.writeByte(INTEGER);
      Varints.write(out, Varints.zigZag((int) (Integer) result) & 0xFFFFFFFFL);
    } else if (type == Long.class) {
      out.writeByte(LONG);
      Varints.write(out, Varints.zigZag((long) (Long) result));
    } else if (type == String.class) {
      writeString((String) result, out);
    } else if (type == Boolean.class) {
      out.writeByte((Boolean) result ? TRUE : FALSE);
    } else if (type == Double.class) {
      out.writeByte(DOUBLE);
      out.writeDouble((Double) result);
    } else if (type == byte[].class) {
      byte[] bytes = (byte[]) result;
      out.writeByte(BYTES);
      Varints.write(out, bytes.length);
      out.write(bytes);
    } else if (type == Byte.class) {
      out.writeByte(BYTE);
      out.writeByte((Byte) result);
    } else if (type == Short.class) {
      out.writeByte(SHORT);
      out.writeShort((Short) result);
    } else if (type == Character.class) {
      out.writeByte(CHARACTER);
      out.writeChar((Character) result);
    } else if (type == Float.class) {
      out.writeByte(FLOAT);
      out.writeFloat((Float) result);
    } else if (type == int[].class) {
      int[] ints = (int[]) result;
      out.writeByte(INTS);
      Varints.write(out, ints.length);
      for (int value : ints) {
        out.writeInt(value);
      }
    } else if (type == long[].class) {
      long[] longs = (long[]) result;
      out.writeByte(LONGS);
      Varints.write(out, longs.length);
      for (long value : longs) {
        out.writeLong(value);
      }
    } else if (type == double[].class) {
      double[] doubles = (double[]) result;
      out.writeByte(DOUBLES);
      Varints.write(out, doubles.length);
      for (double value : doubles) {
        out.writeDouble(value);
      }
    } else if (result instanceof Serializable) {
      out.writeByte(SERIALIZED);
      serialized.write(result, out);
    } else {
      throw new IllegalArgumentException(cannotStore(type.getTypeName(), " is not Serializable"));
    }
  }

  /** UTF-8 when the string is well-formed UTF-16; its chars as they are when not, to keep them. */
  private static void writeString(String text, DataOutput out) throws IOException {
    int n = text.length();
    long utf8Length = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        utf8Length++;
      } else if (c < 0x800) {
        utf8Length += 2;
      } else if (!Character.isSurrogate(c)) {
        utf8Length += 3;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        utf8Length += 4;
        i++;
      } else {
        out.writeByte(UTF16);
        Varints.write(out, n);
        out.writeChars(text);
        return;
      }
    }
    out.writeByte(UTF8);
    Varints.write(out, utf8Length);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        out.writeByte(c);
      } else if (c < 0x800) {
        out.writeByte(0xC0 | (c >> 6));
        out.writeByte(0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)) {
        int codePoint = Character.toCodePoint(c, text.charAt(++i));
        out.writeByte(0xF0 | (codePoint >> 18));
        out.writeByte(0x80 | ((codePoint >> 12) & 0x3F));
        out.writeByte(0x80 | ((codePoint >> 6) & 0x3F));
        out.writeByte(0x80 | (codePoint & 0x3F));
      } else {
        out.writeByte(0xE0 | (c >> 12));
        out.writeByte(0x80 | ((c >> 6) & 0x3F));
        out.writeByte(0x80 | (c & 0x3F));
      }
    }
  }

  @Override
  public Object read(DataInput in) throws IOException {
    byte tag = in.readByte();
    switch (tag) {
      case NULL:
        return null;
      case FALSE:
        return Boolean.FALSE;
      case TRUE:
        return Boolean.TRUE;
      case BYTE:
        return in.readByte();
      case SHORT:
        return in.readShort();
      case CHARACTER:
        return in.readChar();
      case INTEGER:
        {
          long zigZag = Varints.read(in);
          if ((zigZag >>> 32) != 0) {
            throw new IOException("an Integer of more than 32 bits");
          }
          return Varints.unZigZag((int) zigZag);
        }
      case LONG:
        return Varints.unZigZag(Varints.read(in));
      case FLOAT:
        return in.readFloat();
      case DOUBLE:
        return in.readDouble();
      case UTF8:
        {
          byte[] bytes = new byte[Varints.readLength(in)];
          in.readFully(bytes);
          return Utf8.decodeStrict(bytes);
        }
      case UTF16:
        {
          char[] chars = new char[countOf(in, 2)];
          for (int i = 0; i < chars.length; i++) {
            chars[i] = in.readChar();
          }
          return new String(chars);
        }
      case BYTES:
        {
          byte[] bytes = new byte[Varints.readLength(in)];
          in.readFully(bytes);
          return bytes;
        }
      case INTS:
        {
          int[] ints = new int[countOf(in, 4)];
          for (int i = 0; i < ints.length; i++) {
            ints[i] = in.readInt();
          }
          return ints;
        }
      case LONGS:
        {
          long[] longs = new long[countOf(in, 8)];
          for (int i = 0; i < longs.length; i++) {
            longs[i] = in.readLong();
          }
          return longs;
        }
      case DOUBLES:
        {
          double[] doubles = new double[countOf(in, 8)];
          for (int i = 0; i < doubles.length; i++) {
            doubles[i] = in.readDouble();
          }
          return doubles;
        }
      case SERIALIZED:
        return serialized.read(in);
      default:
        throw new IOException("unknown result tag " + tag);
    }
  }

  /** A count of things of {@code bytesEach} bytes: checked against the bytes left, if known. */
  private static int countOf(DataInput in, int bytesEach) throws IOException {
    if (in instanceof ByteSource) {
      return ((ByteSource) in).readLength(bytesEach);
    }
    return Varints.readLength(in);
  }

  @Override
  public String toString() {
    return "StandardCodec[" + SerializableCodec.describe(declared) + "]";
  }
}
