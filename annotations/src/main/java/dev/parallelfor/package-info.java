/**
 * The ParallelFor annotations: {@link dev.parallelfor.ParallelFor} on a single-item method, {@link
 * dev.parallelfor.Mode} to choose CPU or IO execution, and {@link dev.parallelfor.Index} for the
 * item's position.
 */
package dev.parallelfor;
