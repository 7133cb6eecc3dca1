/**
 * The ParallelFor annotations: {@link dev.parallelfor.ParallelFor} on a single-item method, {@link
 * dev.parallelfor.Mode} to choose CPU or IO execution, {@link dev.parallelfor.Index} for the item's
 * position, and {@link dev.parallelfor.Retry} to try failed items again.
 */
package dev.parallelfor;
