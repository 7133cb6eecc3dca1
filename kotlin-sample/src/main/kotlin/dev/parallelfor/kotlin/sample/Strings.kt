package dev.parallelfor.kotlin.sample

import dev.parallelfor.ParallelFor

/**
 * An extension function is a static method whose first parameter is the receiver: the receiver is
 * the item and `marks` is shared by every item. Its driver is `StringsKtShoutDriver()`.
 */
@ParallelFor fun String.shout(marks: Int): String = uppercase() + "!".repeat(marks)
