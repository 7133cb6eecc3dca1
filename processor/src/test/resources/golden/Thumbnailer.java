package com.example.thumbs;

import dev.parallelfor.Mode;
import dev.parallelfor.ParallelFor;
import java.nio.file.Path;

public class Thumbnailer {
  @ParallelFor(mode = Mode.CPU)
  public Thumb render(Path file, int size, String... labels) {
    return new Thumb(file, size);
  }

  public record Thumb(Path file, int size) {}
}
