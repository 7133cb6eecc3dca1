package dev.parallelfor.runtime;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The terminal's width in columns, as bars need it on every redraw. {@code COLUMNS} wins when set
 * (to a positive number); else the controlling terminal is asked with {@code stty size < /dev/tty},
 * once when this is made (bounded by {@link #FIRST_ASK}) and again at most once a {@link #REFRESH}
 * while bars are drawn, so a resized terminal is followed. The later asks run on a short-lived
 * daemon thread: a redraw only reads the last answer and never waits for a process. When nothing
 * answers (no terminal, no {@code stty}, Windows), the width is {@value #DEFAULT}.
 */
final class TerminalWidth implements IntSupplier {
  static final int DEFAULT = 80;
  static final Duration FIRST_ASK = Duration.ofMillis(500);
  static final Duration REFRESH = Duration.ofSeconds(1);
  private static final Duration LATER_ASK = Duration.ofSeconds(2);

  private static volatile TerminalWidth ofThisProcess;

  private final Function<String, String> environment;
  private final Function<Duration, OptionalInt> terminal;
  private final Supplier<Long> clock;
  private final AtomicBoolean asking = new AtomicBoolean();
  private volatile int columns;
  private volatile long askedAt;

  /**
   * @param environment reads {@code COLUMNS}
   * @param terminal asks the terminal, waiting at most the given time; empty when it cannot tell
   * @param clock nanoseconds, for spacing the asks
   */
  TerminalWidth(
      Function<String, String> environment,
      Function<Duration, OptionalInt> terminal,
      Supplier<Long> clock) {
    this.environment = environment;
    this.terminal = terminal;
    this.clock = clock;
    this.columns =
        fromEnvironment().isPresent() ? DEFAULT : terminal.apply(FIRST_ASK).orElse(DEFAULT);
    this.askedAt = clock.get();
  }

  /** The width of this process's terminal, made on first use. */
  static TerminalWidth ofThisProcess() {
    TerminalWidth width = ofThisProcess;
    if (width == null) {
      synchronized (TerminalWidth.class) {
        width = ofThisProcess;
        if (width == null) {
          width = new TerminalWidth(System::getenv, TerminalWidth::sttySize, System::nanoTime);
          ofThisProcess = width;
        }
      }
    }
    return width;
  }

  /** The columns now: {@code COLUMNS}, else the terminal's last answer; starts a new ask if due. */
  @Override
  public int getAsInt() {
    OptionalInt fixed = fromEnvironment();
    if (fixed.isPresent()) {
      return fixed.getAsInt();
    }
    if (clock.get() - askedAt >= REFRESH.toNanos() && asking.compareAndSet(false, true)) {
      Thread ask =
          new Thread(
              () -> {
                try {
                  terminal.apply(LATER_ASK).ifPresent(answer -> columns = answer);
                } finally {
                  askedAt = clock.get();
                  asking.set(false);
                }
              },
              "parallelfor-terminal-width");
      ask.setDaemon(true);
      ask.start();
    }
    return columns;
  }

  private OptionalInt fromEnvironment() {
    return positive(environment.apply("COLUMNS"));
  }

  static OptionalInt positive(String text) {
    if (text != null) {
      try {
        int value = Integer.parseInt(text.trim());
        if (value > 0) {
          return OptionalInt.of(value);
        }
      } catch (NumberFormatException e) {
        // not a width
      }
    }
    return OptionalInt.empty();
  }

  /**
   * {@code stty size} on the controlling terminal, which prints {@code rows columns}; empty when
   * there is none, {@code stty} is missing or it does not answer in time.
   */
  static OptionalInt sttySize(Duration limit) {
    File tty = new File("/dev/tty");
    if (!tty.exists()) {
      return OptionalInt.empty();
    }
    Process stty = null;
    try {
      stty =
          new ProcessBuilder("stty", "size")
              .redirectInput(tty)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!stty.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) || stty.exitValue() != 0) {
        return OptionalInt.empty();
      }
      try (InputStream in = stty.getInputStream()) {
        String[] size =
            new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
        return size.length == 2 ? positive(size[1]) : OptionalInt.empty();
      }
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      return OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.empty();
    } finally {
      if (stty != null) {
        stty.destroyForcibly();
      }
    }
  }
}
