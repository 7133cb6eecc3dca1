/**
 * The ParallelFor annotations: {@link dev.parallelfor.ParallelFor} on a single-item method, {@link
 * dev.parallelfor.Mode} to choose CPU or IO execution, {@link dev.parallelfor.Index} for the item's
 * position, {@link dev.parallelfor.Retry} to try failed items again, and {@link
 * dev.parallelfor.Distributed} for a method that may run on a cluster.
 */
package dev.parallelfor;
