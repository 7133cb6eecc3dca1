package dev.parallelfor.kotlin.sample

import dev.parallelfor.Index
import dev.parallelfor.ParallelFor

/**
 * Member functions: each gets a driver named after the class and the function, constructed with
 * the instance it calls, as for a Java method: `LinesWordCountDriver(lines).run(text)`.
 */
class Lines(private val separator: String) {
  /** The words of one line. */
  @ParallelFor fun wordCount(line: String): Int = line.split(' ').count { it.isNotEmpty() }

  /** A line behind its position among the items: `@Index` takes no argument in the driver. */
  @ParallelFor fun numbered(line: String, @Index index: Int): String = "$index$separator$line"

  /** A line padded to a width: `width` and `padding` are shared by every item of a run. */
  @ParallelFor
  fun padded(line: String, width: Int, padding: Char): String = line.padEnd(width, padding)
}
