/**
 * The ParallelFor annotations: {@link dev.parallelfor.ParallelFor} and its companions, read by the
 * annotation processor at compile time. They are retained in class files only, so a program needs
 * this module at compile time; {@code dev.parallelfor.runtime} brings it along.
 */
module dev.parallelfor {
  exports dev.parallelfor;
}
