package dev.parallelfor.runtime.spi;

/**
 * Positions of items as the methods that take them declare them. A generated driver passes an
 * item's position to an {@code @Index int} parameter through {@link #toInt(long)}, so an input
 * longer than {@code Integer.MAX_VALUE} items fails clearly at the first item past it instead of
 * wrapping.
 */
public final class Indexes {
  private Indexes() {}

  /**
   * An item's position as an {@code int}.
   *
   * @param index the item's 0-based position in the input
   * @return the same position
   * @throws IndexOutOfBoundsException if {@code index > Integer.MAX_VALUE}: declare the parameter
   *     {@code @Index long} for inputs that long
   */
  public static int toInt(long index) {
    if (index > Integer.MAX_VALUE || index < 0) {
      throw new IndexOutOfBoundsException(
          "item "
              + index
              + " is past Integer.MAX_VALUE, so an @Index int parameter cannot hold its position;"
              + " declare the parameter @Index long");
    }
    return (int) index;
  }
}
