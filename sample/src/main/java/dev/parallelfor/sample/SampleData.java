package dev.parallelfor.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The sample's own data: files of random content it creates, lists and removes. */
public final class SampleData {
  /** Smallest generated file. */
  static final int MIN_BYTES = 1024;

  /** Largest generated file. */
  static final int MAX_BYTES = 96 * 1024;

  private static final int FILES_PER_FOLDER = 100;

  private SampleData() {}

  /**
   * Writes files of random sizes and content, a hundred per sub-folder. The same seed gives the
   * same files.
   *
   * @param root an existing, empty folder
   * @param count how many files to write
   * @param seed the random seed
   * @return the files, in the order written
   * @throws IOException if a file cannot be written
   */
  public static List<Path> generate(Path root, int count, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    List<Path> files = new ArrayList<>(count);
    byte[] content = new byte[MAX_BYTES];
    for (int i = 0; i < count; i++) {
      Path folder = root.resolve(String.format(Locale.ROOT, "part-%03d", i / FILES_PER_FOLDER));
      if (i % FILES_PER_FOLDER == 0) {
        Files.createDirectories(folder);
      }
      int size = random.nextInt(MIN_BYTES, MAX_BYTES + 1);
      random.nextBytes(content);
      Path file = folder.resolve(String.format(Locale.ROOT, "file-%05d.bin", i));
      try (OutputStream out = Files.newOutputStream(file)) {
        out.write(content, 0, size);
      }
      files.add(file);
    }
    return files;
  }

  /**
   * Every regular file under a folder, at any depth, sorted by path.
   *
   * @param root the folder
   * @return the files
   * @throws IOException if the folder cannot be read
   */
  public static List<Path> listFiles(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(path -> Files.isRegularFile(path))
          .sorted()
          .collect(Collectors.toUnmodifiableList());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * The total size of some files.
   *
   * @param files the files
   * @return their lengths added up; files that cannot be read count 0
   */
  public static long totalBytes(List<Path> files) {
    long total = 0;
    for (Path file : files) {
      try {
        total += Files.size(file);
      } catch (IOException e) {
        // reported when the checksum fails
      }
    }
    return total;
  }

  /**
   * Removes a folder and everything in it.
   *
   * @param root the folder
   * @throws IOException if something cannot be removed
   */
  public static void deleteRecursively(Path root) throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException failure)
              throws IOException {
            if (failure != null) {
              throw failure;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
