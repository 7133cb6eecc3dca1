package dev.parallelfor.it;

import dev.parallelfor.ParallelFor;

/** Methods of an interface (abstract, default and static), an enum and a record. */
public final class Shapes {
  private Shapes() {}

  public interface Shape {
    @ParallelFor
    double area(double scale);

    @ParallelFor
    default String describe(String name) {
      return name + " of area " + area(1);
    }

    @ParallelFor
    static String kind(int sides) {
      return sides == 4 ? "square" : sides + "-gon";
    }
  }

  public record Square(double side) implements Shape {
    @Override
    public double area(double scale) {
      return side * side * scale * scale;
    }

    @ParallelFor
    public Square grow(double by) {
      return new Square(side + by);
    }
  }

  public enum Unit {
    METER(1),
    KILOMETER(1000);

    private final int meters;

    Unit(int meters) {
      this.meters = meters;
    }

    @ParallelFor
    public long toMeters(long amount) {
      return amount * meters;
    }
  }
}
