package dev.parallelfor.kotlin.sample

import dev.parallelfor.ParallelFor
import dev.parallelfor.WorkerLocal
import java.security.MessageDigest

/**
 * A function of an `object`: its driver takes the object, which Kotlin names by its own name:
 * `HashingSha256Driver(Hashing)`.
 */
object Hashing {
  /**
   * The SHA-256 of a text, with a digest of the calling worker's own (`@WorkerLocal`): the
   * driver's run takes a supplier of digests, called once per worker, in its place.
   */
  @ParallelFor
  fun sha256(text: String, @WorkerLocal digest: MessageDigest): String {
    digest.reset()
    return digest.digest(text.toByteArray()).joinToString("") { "%02x".format(it) }
  }

  /** A new SHA-256 digest: the supplier of each worker's own. */
  fun newDigest(): MessageDigest = MessageDigest.getInstance("SHA-256")
}
