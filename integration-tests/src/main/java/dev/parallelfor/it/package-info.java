/**
 * Annotated classes covering every method shape the processor supports. Each class is ordinary user
 * code; the drivers next to them are generated at compile time.
 */
package dev.parallelfor.it;
