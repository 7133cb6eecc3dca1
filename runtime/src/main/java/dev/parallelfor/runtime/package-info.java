/**
 * Parallel loops with ordered results, progress, clean failure and cancellation.
 *
 * <h2>Two ways in</h2>
 *
 * <ul>
 *   <li><b>A generated driver.</b> Annotate a single-item method with {@link
 *       dev.parallelfor.ParallelFor @ParallelFor}; the annotation processor writes a driver class
 *       ({@code Thumbnailer.render} gives {@code ThumbnailerRenderDriver}) whose {@code run(items,
 *       shared arguments...)} calls the method for every item, several at once, and returns the
 *       results in input order: {@code new ThumbnailerRenderDriver(thumbnailer).run(files)}.
 *   <li><b>An ad-hoc loop.</b> {@link dev.parallelfor.runtime.Parallel#cpu Parallel.cpu(fn)} and
 *       {@link dev.parallelfor.runtime.Parallel#io Parallel.io(fn)} make a {@link
 *       dev.parallelfor.runtime.ParallelLoop} over a lambda or method reference: {@code
 *       Parallel.io(Fetcher::fetch).run(urls)}. {@link dev.parallelfor.runtime.LoopSettings} keeps
 *       a configuration to make several loops with.
 * </ul>
 *
 * <p>Both are configured with the methods of {@link dev.parallelfor.runtime.Configurable} ({@code
 * parallelism}, {@code executor}, {@code onProgress}, {@code timeout}, {@code itemTimeout}, {@code
 * retry}, {@code rateLimit}, {@code on}, {@code propagateContext}, {@code name}), each of which
 * returns a new immutable object. Items come from an {@code Iterable}, a {@code Stream} or a {@link
 * dev.parallelfor.runtime.Range}; what a run returns is chosen by the method: {@code run} (a list
 * in input order), {@code forEach} (nothing), {@code runAll} ({@link
 * dev.parallelfor.runtime.Results}: every item attempted), {@code runAsync} (a future), {@code
 * stream} (results as they come, in order) or {@code asCompleted} ({@link
 * dev.parallelfor.runtime.Completed} results in completion order).
 *
 * <h2>Progress, failures, retries</h2>
 *
 * <p>{@link dev.parallelfor.runtime.ProgressBars#console(String)} draws a bar on standard error;
 * any {@link dev.parallelfor.runtime.ProgressListener} receives {@link
 * dev.parallelfor.runtime.Progress} reports. The first failure stops a run and is thrown as a
 * {@link dev.parallelfor.runtime.ParallelForException} naming the item; {@link
 * dev.parallelfor.runtime.RetryPolicy} says which failures are tried again. Backends for running
 * items on other machines implement the types in {@code dev.parallelfor.runtime.spi}.
 */
package dev.parallelfor.runtime;
