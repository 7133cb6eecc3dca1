package dev.parallelfor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets a {@link ParallelFor} method run on a cluster: its driver gains {@code on(Cluster)} (for
 * example {@code driver.on(HazelcastCluster.of(hazelcastInstance))}), which ships chunks of items
 * to the cluster's members and gathers their results, with the same ordering, progress, fail-fast
 * and cancellation as a local run.
 *
 * <p>Everything that travels must be serializable, and the processor checks it at compile time: the
 * target object (for an instance method) and every shared argument must be primitives or {@link
 * java.io.Serializable}, since they travel inside the driver's serializable {@code Task}; the item
 * and the result may also be types Hazelcast serializes itself ({@code DataSerializable}, {@code
 * Portable}), and collections and maps, whose implementations are serializable. Each offending type
 * is one compile error, on the element at fault.
 *
 * <p>A member that leaves mid-run loses nothing: the items of its chunks run again elsewhere, and
 * every item has exactly one result. The method may therefore run twice for the items of a chunk
 * whose member was lost: make it idempotent, or let it tolerate that.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Distributed {}
