/**
 * Glue that generated drivers call. Not part of the public API: users should not call it, and it
 * may change in any release. Use the generated drivers instead.
 */
package dev.parallelfor.runtime.internal;
