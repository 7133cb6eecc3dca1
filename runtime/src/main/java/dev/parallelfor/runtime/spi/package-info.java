/**
 * The service-provider interface: types that cluster backends and generated drivers call, kept
 * apart from the user API in {@code dev.parallelfor.runtime}. A backend implements {@link
 * dev.parallelfor.runtime.spi.Cluster}, which runs {@link dev.parallelfor.runtime.spi.ClusterChunk
 * chunks} of a run's items on other machines (the {@code parallelfor-hazelcast} module is one);
 * generated drivers pass item positions to {@code @Index int} parameters through {@link
 * dev.parallelfor.runtime.spi.Indexes}. Application code needs none of it.
 */
package dev.parallelfor.runtime.spi;
