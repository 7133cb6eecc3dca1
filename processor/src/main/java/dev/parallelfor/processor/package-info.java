/**
 * The annotation processor that turns each {@code @ParallelFor} method into a typed driver class.
 *
 * <p>The work is a pipeline: {@link dev.parallelfor.processor.ParallelForProcessor} orchestrates,
 * {@link dev.parallelfor.processor.MethodValidator} checks a method and describes it as a {@link
 * dev.parallelfor.processor.DriverModel}, and {@link dev.parallelfor.processor.DriverWriter} turns
 * the model into Java source. Every diagnostic text lives in {@link
 * dev.parallelfor.processor.Messages}.
 */
package dev.parallelfor.processor;
