package com.example.hash;

import dev.parallelfor.Index;
import dev.parallelfor.ParallelFor;
import dev.parallelfor.WorkerLocal;
import java.security.MessageDigest;
import java.util.zip.Deflater;

public class Hasher {
  @ParallelFor
  static byte[] digest(
      byte[] block,
      @Index long position,
      @WorkerLocal MessageDigest digest,
      int rounds,
      @WorkerLocal Deflater deflater) {
    digest.update(block);
    return digest.digest();
  }
}
