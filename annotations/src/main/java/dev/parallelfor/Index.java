package dev.parallelfor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@code int} or {@code long} parameter of a {@link ParallelFor} method that receives the
 * item's 0-based position in the input (for {@code runRange}, the position, not the value). At most
 * one parameter of a method may carry it, and it cannot be the only parameter.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface Index {}
