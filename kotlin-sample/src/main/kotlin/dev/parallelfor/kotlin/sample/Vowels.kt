@file:JvmName("Vowels")

package dev.parallelfor.kotlin.sample

import dev.parallelfor.ParallelFor

/**
 * `@file:JvmName` names the file's class, and so the driver of a top-level function:
 * `VowelsCountVowelsDriver()` rather than `VowelsKtCountVowelsDriver()`.
 */
@ParallelFor fun countVowels(word: String): Int = word.count { it in "aeiou" }
