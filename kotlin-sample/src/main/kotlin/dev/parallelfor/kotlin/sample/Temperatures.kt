package dev.parallelfor.kotlin.sample

import dev.parallelfor.ParallelFor

/** Functions of a companion object. */
class Temperatures {
  companion object {
    /**
     * A companion's function is a method of the nested class `Companion`, so its driver is
     * `Temperatures_CompanionToFahrenheitDriver`, constructed with the companion: in Kotlin, the
     * class's own name.
     */
    @ParallelFor fun toFahrenheit(celsius: Double): Double = celsius * 9 / 5 + 32

    /**
     * With `@JvmStatic` the function is also a static method of `Temperatures`; the driver drives
     * that one: `TemperaturesToKelvinDriver()`, with no target, as for a Java static method.
     */
    @JvmStatic @ParallelFor fun toKelvin(celsius: Double): Double = celsius + 273.15
  }
}
