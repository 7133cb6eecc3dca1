package dev.parallelfor.runtime.spi;

import java.io.IOException;
import java.time.Duration;

/**
 * Where a checkpointed run keeps the results of its finished items: the seam for stores other than
 * the file journal of {@link dev.parallelfor.runtime.Checkpoint#file}. The runtime encodes results
 * and recognises items itself; a store only keeps records of three parts (an item's position, the
 * fingerprint of the item, the encoded result) and hands them back to a later run.
 */
public interface CheckpointStore {
  /**
   * Opens the store for one run, which closes the journal it gets when it ends.
   *
   * @param identity names the loop and the encoding of the records; a store that holds records of
   *     another identity refuses with an {@link IllegalStateException} that names both and says how
   *     to start over
   * @param syncEvery how long a record may stay only in memory or in the operating system's cache
   *     before the store forces it to the device; {@link Duration#ZERO} forces each batch before
   *     {@link CheckpointJournal#append} returns
   * @return the open journal, held exclusively until closed
   * @throws IOException if the store cannot be read or written
   * @throws IllegalStateException if another run, in this process or another, holds the store
   */
  CheckpointJournal open(String identity, Duration syncEvery) throws IOException;
}
