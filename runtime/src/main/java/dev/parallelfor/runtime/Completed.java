package dev.parallelfor.runtime;

/**
 * One result of a run in completion order ({@link ParallelLoop#asCompleted(Iterable)}): the item's
 * position in the input and what the work returned for it.
 *
 * @param index the item's 0-based position in the input
 * @param value the result, possibly null
 * @param <R> the result type
 */
public record Completed<R>(long index, R value) {}
