/** Annotated classes in a second package of the same compilation. */
package dev.parallelfor.it.other;
