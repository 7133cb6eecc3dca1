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
   *     before the store forces it to the device: the file store forces in the first append after
   *     the interval has passed since its last force (one force covers every record written before
   *     it) and at close; {@link Duration#ZERO} forces each batch before {@link
   *     CheckpointJournal#append} returns
   * @return the open journal, held exclusively until closed
   * @throws IOException if the store cannot be read or written, with a message naming the store
   * @throws IllegalStateException if another run, in this process or another, holds the store, or
   *     if it holds records of another identity or is not a store of this kind (a file that is not
   *     a journal is refused, never overwritten)
   */
  CheckpointJournal open(String identity, Duration syncEvery) throws IOException;
}
