/**
 * The ParallelFor runtime: the engine behind every generated driver, and the types users see from
 * it: {@link dev.parallelfor.runtime.ProgressListener}, {@link dev.parallelfor.runtime.Progress},
 * {@link dev.parallelfor.runtime.Ending}, {@link dev.parallelfor.runtime.ProgressBars} and its
 * {@link dev.parallelfor.runtime.ConsoleProgress}, {@link
 * dev.parallelfor.runtime.ParallelForException} and {@link dev.parallelfor.runtime.Results}.
 */
package dev.parallelfor.runtime;
