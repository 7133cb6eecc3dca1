package dev.parallelfor.kotlin.sample

import java.security.MessageDigest
import java.util.concurrent.atomic.AtomicInteger
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * Runs the drivers that kapt generated for each shape of Kotlin function, from Kotlin, over enough
 * items and workers that results come back out of order unless the driver puts them in order.
 */
class KotlinDriversTest {
  private val text = (1..200).map { n -> "line $n " + "word ".repeat(n % 7) }

  @Test
  fun memberFunction() {
    val counts = LinesWordCountDriver(Lines(": ")).parallelism(4).run(text)

    assertEquals(text.map { it.split(' ').count(String::isNotEmpty) }, counts)
  }

  @Test
  fun indexParameterGetsEachItemsPosition() {
    val numbered = LinesNumberedDriver(Lines(": ")).parallelism(4).run(text)

    assertEquals(text.mapIndexed { i, line -> "$i: $line" }, numbered)
  }

  @Test
  fun sharedArgumentsReachEveryItem() {
    val padded = LinesPaddedDriver(Lines(": ")).parallelism(4).run(text, 60, '.')

    assertEquals(text.map { it.padEnd(60, '.') }, padded)
  }

  @Test
  fun objectFunctionWithAWorkerLocalDigest() {
    val created = AtomicInteger()
    val sums =
      HashingSha256Driver(Hashing).parallelism(3).run(text) {
        created.incrementAndGet()
        Hashing.newDigest()
      }

    val expected =
      text.map { line ->
        MessageDigest.getInstance("SHA-256").digest(line.toByteArray()).joinToString("") {
          "%02x".format(it)
        }
      }
    assertEquals(expected, sums)
    // One digest per worker, not per item.
    assertTrue(created.get() in 1..3, "digests created: ${created.get()}")
  }

  @Test
  fun companionFunction() {
    val celsius = (-40..100).map(Int::toDouble)

    val fahrenheit =
      Temperatures_CompanionToFahrenheitDriver(Temperatures).parallelism(4).run(celsius)

    assertEquals(celsius.map { it * 9 / 5 + 32 }, fahrenheit)
  }

  @Test
  fun jvmStaticCompanionFunctionGetsTheStaticDriver() {
    val celsius = (-40..100).map(Int::toDouble)

    val kelvin = TemperaturesToKelvinDriver().parallelism(4).run(celsius)

    assertEquals(celsius.map { it + 273.15 }, kelvin)
  }

  @Test
  fun topLevelFunctionOverARange() {
    val primes = PrimesKtIsPrimeDriver().parallelism(4).runRange(0, 1000)

    assertEquals((0L until 1000L).map(::isPrime), primes)
    assertEquals(168, primes.count { it })
  }

  @Test
  fun topLevelFunctionOfAFileRenamedWithJvmName() {
    val counts = VowelsCountVowelsDriver().parallelism(4).run(text)

    assertEquals(text.map { line -> line.count { it in "aeiou" } }, counts)
  }

  @Test
  fun extensionFunctionTakesItsReceiverAsTheItem() {
    val shouted = StringsKtShoutDriver().parallelism(4).run(text, 2)

    assertEquals(text.map { it.uppercase() + "!!" }, shouted)
  }
}
