package dev.parallelfor.runtime.internal.journal;

import dev.parallelfor.runtime.spi.CheckpointJournal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A record as tests compare it: by value, its result as hex. */
record JournalRecord(long index, long fingerprint, String result) {
  static JournalRecord of(long index, long fingerprint, byte[] result) {
    return new JournalRecord(index, fingerprint, HexFormat.of().formatHex(result));
  }

  byte[] resultBytes() {
    return HexFormat.of().parseHex(result);
  }

  static List<JournalRecord> replay(CheckpointJournal journal) throws IOException {
    List<JournalRecord> records = new ArrayList<>();
    journal.replay((index, fingerprint, result) -> records.add(of(index, fingerprint, result)));
    return records;
  }

  static void append(CheckpointJournal journal, List<JournalRecord> records) throws IOException {
    int n = records.size();
    long[] indexes = new long[n];
    long[] fingerprints = new long[n];
    byte[][] results = new byte[n][];
    for (int i = 0; i < n; i++) {
      indexes[i] = records.get(i).index();
      fingerprints[i] = records.get(i).fingerprint();
      results[i] = records.get(i).resultBytes();
    }
    journal.append(indexes, fingerprints, results, n);
  }
}
