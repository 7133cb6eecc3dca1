package dev.parallelfor.sample;

import java.net.URI;

/**
 * What one successful fetch returned.
 *
 * @param uri the address fetched
 * @param status the HTTP status code
 * @param bytes the length of the body
 */
public record Page(URI uri, int status, int bytes) {}
