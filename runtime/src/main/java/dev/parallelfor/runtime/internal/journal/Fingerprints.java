package dev.parallelfor.runtime.internal.journal;

import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The 64-bit fingerprint by which a checkpointed run recognises an item's key: the same value in
 * every JVM, on every platform, for keys that are equal by value.
 *
 * <p>A key is hashed as a type tag followed by its canonical bytes: strings as UTF-8; boxed
 * primitives by their bits; enums by their class and constant name; {@link Path}, {@link File},
 * {@link URI}, {@link URL}, {@link BigInteger} and {@link BigDecimal} by their text; {@link UUID}
 * by its 128 bits; {@code byte[]} by content; any other class that overrides {@code toString()}
 * (records, lists, a user's value types) by its class name and {@code toString()}. A class whose
 * {@code toString()} is {@link Object}'s prints an identity hash that differs between runs, so it
 * has no stable key: it is refused with an {@link IllegalArgumentException} that says how to give
 * one.
 *
 * <p>The hash is MurmurHash3's 64-bit block mix and finaliser over the bytes in little-endian
 * 8-byte blocks. Changing any of this makes every stored record stale (its items run again), never
 * wrong, so the journal's format version goes up with it.
 */
public final class Fingerprints {
  private static final byte NULL = 0;
  private static final byte STRING = 1;
  private static final byte INTEGER = 2;
  private static final byte LONG = 3;
  private static final byte SHORT = 4;
  private static final byte BYTE = 5;
  private static final byte CHARACTER = 6;
  private static final byte BOOLEAN = 7;
  private static final byte FLOAT = 8;
  private static final byte DOUBLE = 9;
  private static final byte ENUM = 10;
  private static final byte PATH = 11;
  private static final byte FILE = 12;
  private static final byte URI_TAG = 13;
  private static final byte URL_TAG = 14;
  private static final byte UUID_TAG = 15;
  private static final byte BIG_INTEGER = 16;
  private static final byte BIG_DECIMAL = 17;
  private static final byte BYTES = 18;
  private static final byte TO_STRING = 19;

  private static final ClassValue<Boolean> OVERRIDES_TO_STRING =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          try {
            return type.getMethod("toString").getDeclaringClass() != Object.class;
          } catch (NoSuchMethodException impossible) {
            throw new AssertionError(impossible);
          }
        }
      };

  private Fingerprints() {}

  /**
   * The fingerprint of {@code key}.
   *
   * @param key an item or what a key function returned for it; may be null
   * @return its fingerprint
   * @throws IllegalArgumentException if {@code key}'s class has no stable text (its {@code
   *     toString()} is {@link Object}'s)
   */
  public static long of(Object key) {
    if (key == null) {
      return new Hasher().putByte(NULL).finish();
    }
    // Exact classes first: the common keys cost one comparison each and no allocation.
    Class<?> type = key.getClass();
    if (type == String.class) {
      return new Hasher().putByte(STRING).putUtf8((String) key).finish();
    }
    if (type == Integer.class) {
      return ofInt((Integer) key);
    }
    if (type == Long.class) {
      return ofLong((Long) key);
    }
    if (type == Short.class) {
      return new Hasher().putByte(SHORT).putShort((Short) key).finish();
    }
    if (type == Byte.class) {
      return new Hasher().putByte(BYTE).putByte((Byte) key).finish();
    }
    if (type == Character.class) {
      return new Hasher().putByte(CHARACTER).putShort((short) (char) (Character) key).finish();
    }
    if (type == Boolean.class) {
      return new Hasher().putByte(BOOLEAN).putByte((byte) ((Boolean) key ? 1 : 0)).finish();
    }
    if (type == Float.class) {
      return new Hasher().putByte(FLOAT).putInt(Float.floatToIntBits((Float) key)).finish();
    }
    if (type == Double.class) {
      return new Hasher().putByte(DOUBLE).putLong(Double.doubleToLongBits((Double) key)).finish();
    }
    if (type == byte[].class) {
      return new Hasher().putByte(BYTES).putBytes((byte[]) key).finish();
    }
    if (type == UUID.class) {
      UUID uuid = (UUID) key;
      return new Hasher()
          .putByte(UUID_TAG)
          .putLong(uuid.getMostSignificantBits())
          .putLong(uuid.getLeastSignificantBits())
          .finish();
    }
    if (key instanceof Enum<?>) {
      Enum<?> constant = (Enum<?>) key;
      // getDeclaringClass, not getClass: a constant with a body is an anonymous subclass.
      return new Hasher()
          .putByte(ENUM)
          .putUtf8(constant.getDeclaringClass().getName())
          .putUtf8(constant.name())
          .finish();
    }
    if (key instanceof Path) {
      return new Hasher().putByte(PATH).putUtf8(key.toString()).finish();
    }
    if (type == File.class) {
      return new Hasher().putByte(FILE).putUtf8(((File) key).getPath()).finish();
    }
    if (type == URI.class) {
      return new Hasher().putByte(URI_TAG).putUtf8(key.toString()).finish();
    }
    if (type == URL.class) {
      // toExternalForm, never equals or hashCode: those resolve the host.
      return new Hasher().putByte(URL_TAG).putUtf8(((URL) key).toExternalForm()).finish();
    }
    if (type == BigInteger.class) {
      return new Hasher().putByte(BIG_INTEGER).putUtf8(key.toString()).finish();
    }
    if (type == BigDecimal.class) {
      return new Hasher().putByte(BIG_DECIMAL).putUtf8(key.toString()).finish();
    }
    if (!OVERRIDES_TO_STRING.get(type)) {
      throw new IllegalArgumentException(noStableKey(type));
    }
    return new Hasher().putByte(TO_STRING).putUtf8(type.getName()).putUtf8(key.toString()).finish();
  }

  /**
   * The fingerprint of an {@link Integer} key, without boxing it.
   *
   * @param key the key
   * @return {@code of(Integer.valueOf(key))}
   */
  public static long ofInt(int key) {
    return new Hasher().putByte(INTEGER).putInt(key).finish();
  }

  /**
   * The fingerprint of a {@link Long} key, without boxing it: the items of a range.
   *
   * @param key the key
   * @return {@code of(Long.valueOf(key))}
   */
  public static long ofLong(long key) {
    return new Hasher().putByte(LONG).putLong(key).finish();
  }

  /** The refusal of a key class without a stable text, in one place for the tests to quote. */
  static String noStableKey(Class<?> type) {
    return "a checkpoint cannot recognise items by a "
        + type.getTypeName()
        + ": its toString() is Object's, which differs from run to run; give the checkpoint a key"
        + " that names each item, e.g. Checkpoint.file(journal).key(item -> item.id())";
  }

  /**
   * A streaming MurmurHash3-style 64-bit hash over little-endian 8-byte blocks. Short-lived: the
   * JIT keeps it in registers when {@link #of} inlines.
   */
  private static final class Hasher {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private long hash = 0x9e3779b97f4a7c15L;
    private long pending;
    private int pendingBytes;
    private long length;

    Hasher putByte(int value) {
      pending |= (value & 0xFFL) << (pendingBytes << 3);
      length++;
      if (++pendingBytes == 8) {
        mix(pending);
        pending = 0;
        pendingBytes = 0;
      }
      return this;
    }

    Hasher putShort(short value) {
      return putByte(value).putByte(value >>> 8);
    }

    Hasher putInt(int value) {
      return putShort((short) value).putShort((short) (value >>> 16));
    }

    Hasher putLong(long value) {
      length += 8;
      if (pendingBytes == 0) {
        mix(value);
        return this;
      }
      int shift = pendingBytes << 3;
      mix(pending | (value << shift));
      pending = value >>> (64 - shift);
      return this;
    }

    Hasher putBytes(byte[] bytes) {
      putLong(bytes.length);
      for (byte b : bytes) {
        putByte(b);
      }
      return this;
    }

    /**
     * The string's length in chars, then its UTF-8 bytes, so that a class name and the text after
     * it cannot run together. An unpaired surrogate takes the three bytes of its code unit (WTF-8),
     * which no valid UTF-8 text contains, so it is told apart from every other string.
     */
    Hasher putUtf8(String text) {
      int n = text.length();
      putInt(n);
      for (int i = 0; i < n; i++) {
        char c = text.charAt(i);
        if (c < 0x80) {
          putByte(c);
        } else if (c < 0x800) {
          putByte(0xC0 | (c >> 6)).putByte(0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          int codePoint = Character.toCodePoint(c, text.charAt(++i));
          putByte(0xF0 | (codePoint >> 18))
              .putByte(0x80 | ((codePoint >> 12) & 0x3F))
              .putByte(0x80 | ((codePoint >> 6) & 0x3F))
              .putByte(0x80 | (codePoint & 0x3F));
        } else {
          putByte(0xE0 | (c >> 12)).putByte(0x80 | ((c >> 6) & 0x3F)).putByte(0x80 | (c & 0x3F));
        }
      }
      return this;
    }

    long finish() {
      if (pendingBytes > 0) {
        mix(pending);
      }
      return fmix(hash ^ length);
    }

    private void mix(long block) {
      long k = block * C1;
      k = Long.rotateLeft(k, 31) * C2;
      hash ^= k;
      hash = Long.rotateLeft(hash, 27) * 5 + 0x52dce729;
    }

    private static long fmix(long h) {
      h ^= h >>> 33;
      h *= 0xff51afd7ed558ccdL;
      h ^= h >>> 33;
      h *= 0xc4ceb9a64f6ccfd3L;
      h ^= h >>> 33;
      return h;
    }
  }
}
