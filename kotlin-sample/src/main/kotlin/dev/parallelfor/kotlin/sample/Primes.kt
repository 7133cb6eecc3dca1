package dev.parallelfor.kotlin.sample

import dev.parallelfor.ParallelFor

/**
 * A top-level function is a static method of the file's class, `PrimesKt`: its driver is
 * `PrimesKtIsPrimeDriver()`, with no target. Its `Long` item gives the driver the range forms.
 */
@ParallelFor
fun isPrime(n: Long): Boolean {
  if (n < 2) return false
  var d = 2L
  while (d * d <= n) {
    if (n % d == 0L) return false
    d++
  }
  return true
}
