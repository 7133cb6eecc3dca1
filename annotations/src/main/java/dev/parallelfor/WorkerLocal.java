package dev.parallelfor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a shared parameter of a {@link ParallelFor} method that gets one instance per worker rather
 * than one for the whole run: for state that is not thread-safe or costly to make per item (a
 * {@code MessageDigest}, a {@code Deflater}, a connection).
 *
 * <pre>{@code
 * class Hasher {
 *   @ParallelFor(mode = Mode.CPU)
 *   String checksum(byte[] blob, @WorkerLocal MessageDigest digest) { ... }
 * }
 *
 * List<String> sums = new HasherChecksumDriver(hasher).run(blobs, Hasher::newSha256);
 * }</pre>
 *
 * <p>The driver's execution methods take a {@code Supplier<? extends S>} for a parameter of type
 * {@code S}. Each worker of a run calls it once, on its own thread when it is about to run its
 * first item, and passes that instance to every item it runs; a worker is one thread's stay in one
 * run, so instances are never used by two threads at once. An instance that is {@link
 * AutoCloseable} is closed when its worker leaves the run, also when the run fails, times out or is
 * cancelled. A supplier that throws stops the run (in every form, {@code runAll} included); a close
 * that throws fails the run, or is attached as suppressed to its failure.
 *
 * <p>It cannot be on the item parameter, on the {@link Index} parameter or on a primitive, nor on a
 * {@link Distributed} method's parameters (their workers only wait for the members that run the
 * items): those are compile errors.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface WorkerLocal {}
