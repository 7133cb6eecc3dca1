package dev.parallelfor.runtime.internal;

import dev.parallelfor.runtime.ResultCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;

/** Stand-ins for the journal package's fingerprints and standard codec until they are merged. */
final class JournalParts {
  private JournalParts() {}

  static long fingerprint(Object key) {
    String text = key == null ? "null" : key.getClass().getName() + ":" + key;
    long h = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return h;
  }

  static ResultCodec<Object> standardCodec(Class<?> resultType) {
    return new ResultCodec<>() {
      @Override
      public void write(Object result, DataOutput out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
          o.writeObject(result);
        }
        out.writeInt(bytes.size());
        out.write(bytes.toByteArray());
      }

      @Override
      public Object read(DataInput in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        try (ObjectInputStream o = new ObjectInputStream(new ByteArrayInputStream(b))) {
          return o.readObject();
        } catch (ClassNotFoundException e) {
          throw new IOException(e);
        }
      }
    };
  }
}
