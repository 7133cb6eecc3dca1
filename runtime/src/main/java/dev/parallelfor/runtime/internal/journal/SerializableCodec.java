package dev.parallelfor.runtime.internal.journal;

import dev.parallelfor.runtime.ResultCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * Java serialization limited to a result type's classes ({@link ResultClasses}): writing a result
 * that holds another class fails at once with an {@link IllegalArgumentException}, and reading
 * bytes that name another class fails with an {@link InvalidClassException} before any object of it
 * is made. A result is a varint length, then the serialization stream.
 *
 * @param <R> the results' type
 */
public final class SerializableCodec<R> implements ResultCodec<R> {
  private static final int MAX_DEPTH = 64;
  private static final long MAX_REFERENCES = 1_000_000;

  private final ResultClasses classes;
  private final ClassLoader loader;

  private SerializableCodec(ResultClasses classes) {
    this.classes = classes;
    Type declared = classes.declared();
    this.loader = declared == null ? null : ResultClasses.rawClass(declared).getClassLoader();
  }

  /**
   * Serialization of results of {@code type}.
   *
   * @param type the results' class
   * @param <R> the results' type
   * @return the codec
   */
  public static <R extends Serializable> SerializableCodec<R> of(Class<R> type) {
    return new SerializableCodec<>(ResultClasses.of(Objects.requireNonNull(type, "type")));
  }

  /**
   * Serialization of results of {@code type}, which may be generic ({@code List<Point>} admits
   * {@code Point}) or null when unknown: then the JDK's value and collection classes only.
   *
   * @param type the results' declared type, or null
   * @return the codec
   */
  static SerializableCodec<Object> forType(Type type) {
    return new SerializableCodec<>(ResultClasses.of(type));
  }

  @Override
  public void write(R result, DataOutput out) throws IOException {
    ByteSink stream = new ByteSink(256);
    try (CheckedOutput objects = new CheckedOutput(stream)) {
      objects.writeObject(result);
    } catch (NotSerializableException e) {
      // The message of NotSerializableException is the class's name.
      throw new IllegalArgumentException(
          StandardCodec.cannotStore(e.getMessage(), " is not Serializable"), e);
    }
    Varints.write(out, stream.size());
    out.write(stream.array(), 0, stream.size());
  }

  @Override
  @SuppressWarnings("unchecked")
  public R read(DataInput in) throws IOException {
    byte[] bytes = new byte[Varints.readLength(in)];
    in.readFully(bytes);
    FilteredInput objects = new FilteredInput(new ByteSource(bytes), bytes.length);
    try {
      return (R) objects.readObject();
    } catch (InvalidClassException e) {
      if (objects.rejected == null) {
        throw e;
      }
      InvalidClassException named =
          new InvalidClassException(
              objects.rejected,
              "not a class that results of "
                  + describe(classes.declared())
                  + " may hold (the result type, its fields' classes and the JDK's values and"
                  + " collections): the journal was written by other code or altered");
      named.initCause(e);
      throw named;
    } catch (ClassNotFoundException e) {
      throw new InvalidClassException(e.getMessage(), "a stored result names an unknown class");
    } catch (RuntimeException e) {
      // A malformed stream can throw anything from the JDK's reading code: it is a bad record.
      throw new IOException("a stored result is not a serialization stream: " + e, e);
    }
  }

  static String describe(Type declared) {
    return declared == null ? "an undeclared type" : declared.getTypeName();
  }

  @Override
  public String toString() {
    return "ResultCodec.serializable(" + describe(classes.declared()) + ")";
  }

  /** Refuses, on writing, the classes that reading would refuse. */
  private final class CheckedOutput extends ObjectOutputStream {
    CheckedOutput(ByteSink out) throws IOException {
      super(out);
      enableReplaceObject(true);
    }

    /** Refuses a class that is not Serializable before the stream writes its own error into it. */
    @Override
    protected Object replaceObject(Object object) {
      if (object != null && !(object instanceof Serializable)) {
        throw new IllegalArgumentException(
            StandardCodec.cannotStore(object.getClass().getTypeName(), " is not Serializable"));
      }
      return object;
    }

    @Override
    protected void annotateClass(Class<?> type) {
      if (!classes.allows(type)) {
        throw new IllegalArgumentException(
            StandardCodec.cannotStore(
                type.getTypeName(),
                " is not among the classes a stored result of "
                    + describe(classes.declared())
                    + " may hold: the result type, its fields' classes and the JDK's values and"
                    + " collections"));
      }
    }

    @Override
    protected void annotateProxyClass(Class<?> type) {
      throw new IllegalArgumentException(
          StandardCodec.cannotStore(type.getTypeName(), " is a dynamic proxy"));
    }
  }

  /** Reads with the filter, and finds the result's classes through the result type's loader. */
  private final class FilteredInput extends ObjectInputStream {
    private final long length;
    private String rejected;

    FilteredInput(ByteSource in, long length) throws IOException {
      super(in);
      this.length = length;
      setObjectInputFilter(this::check);
    }

    private ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info) {
      // An array's elements, or a hash table's entries, each take at least a byte of the stream:
      // a much longer array is a lie that would only allocate.
      if (info.depth() > MAX_DEPTH
          || info.references() > MAX_REFERENCES
          || info.streamBytes() > length
          || info.arrayLength() > 4 * length + 1024) {
        return ObjectInputFilter.Status.REJECTED;
      }
      Class<?> type = info.serialClass();
      if (type == null) {
        return ObjectInputFilter.Status.ALLOWED;
      }
      if (!classes.allows(type)) {
        rejected = type.getName();
        return ObjectInputFilter.Status.REJECTED;
      }
      return ObjectInputFilter.Status.ALLOWED;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      // Without initialising it: a class's static code runs only once the filter admitted it.
      if (loader != null) {
        try {
          return Class.forName(desc.getName(), false, loader);
        } catch (ClassNotFoundException notThere) {
          // the JDK's classes and arrays of primitives: the default lookup finds them
        }
      }
      return super.resolveClass(desc);
    }

    @Override
    protected Class<?> resolveProxyClass(String[] interfaces) throws InvalidClassException {
      rejected = "a dynamic proxy of " + String.join(", ", interfaces);
      throw new InvalidClassException(rejected, "stored results hold no dynamic proxies");
    }
  }
}
