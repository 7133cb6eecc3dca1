/**
 * The annotation processor that turns each {@code @ParallelFor} method into a typed driver class.
 *
 * <p>The work is a pipeline: {@link dev.parallelfor.processor.ParallelForProcessor} orchestrates,
 * each method is parsed once into a {@link dev.parallelfor.processor.MethodShape} (the role of each
 * parameter, the annotations' values), {@link dev.parallelfor.processor.MethodValidator} checks
 * that shape against the rules (with {@link dev.parallelfor.processor.Accessibility} for what a
 * driver can name), {@link dev.parallelfor.processor.DriverModelFactory} maps a valid one to a
 * {@link dev.parallelfor.processor.DriverModel}, and {@link dev.parallelfor.processor.DriverWriter}
 * turns the model into Java source. The diagnostics about one method are collected in one {@link
 * dev.parallelfor.processor.ValidationReport} and printed once, by {@link
 * dev.parallelfor.processor.DiagnosticPrinter}; every text and its severity lives in {@link
 * dev.parallelfor.processor.Messages}.
 */
package dev.parallelfor.processor;
