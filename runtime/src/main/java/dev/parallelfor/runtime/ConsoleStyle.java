package dev.parallelfor.runtime;

import dev.parallelfor.runtime.ProgressBars.Style;
import java.io.Console;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Decides how a console listener draws. An explicit style wins; then the environment variable
 * {@value #OVERRIDE} ({@code bar}, {@code plain} or {@code off}); then a {@code TERM} of {@code
 * dumb} means plain lines; then standard error itself: a bar when it is a terminal.
 *
 * <p>Whether standard error is a terminal is read where the platform tells: on Linux, from the
 * target of {@code /proc/self/fd/2} (a terminal is a {@code /dev/pts/N} or {@code /dev/ttyN}
 * device; a file, a pipe or {@code /dev/null} is not). Elsewhere Java has no way to ask about
 * standard error, so the guess falls back on {@link System#console()}, which describes standard
 * input and output: present (and, on Java 22 and later, {@code Console.isTerminal()}) means a bar.
 *
 * <p>The process's environment, the descriptor's target and the console's answer are given to the
 * constructor, so tests can play any combination of redirections without a terminal.
 */
final class ConsoleStyle {
  /** The environment variable that chooses the style of listeners that do not choose one. */
  static final String OVERRIDE = "PARALLELFOR_PROGRESS";

  private static final int STANDARD_ERROR = 2;

  /** {@code Console.isTerminal()}, found once; null before Java 22. */
  private static final MethodHandle IS_TERMINAL = findIsTerminal();

  private final Function<String, String> environment;
  private final IntFunction<Optional<String>> descriptorTarget;
  private final BooleanSupplier consoleIsTerminal;

  /**
   * @param environment reads an environment variable; null when unset
   * @param descriptorTarget what a file descriptor of this process points to (a device, a file, a
   *     pipe), or empty where the platform does not tell
   * @param consoleIsTerminal the fallback guess when standard error's target is unknown
   */
  ConsoleStyle(
      Function<String, String> environment,
      IntFunction<Optional<String>> descriptorTarget,
      BooleanSupplier consoleIsTerminal) {
    this.environment = environment;
    this.descriptorTarget = descriptorTarget;
    this.consoleIsTerminal = consoleIsTerminal;
  }

  /** The decision for this process. */
  static ConsoleStyle ofThisProcess() {
    return new ConsoleStyle(
        System::getenv, ConsoleStyle::linuxDescriptorTarget, ConsoleStyle::consoleIsTerminal);
  }

  /**
   * The style to draw in.
   *
   * @param requested the caller's style; {@link Style#AUTO} to decide here
   * @return {@link Style#BAR}, {@link Style#PLAIN} or {@link Style#OFF}
   */
  Style resolve(Style requested) {
    return resolve(requested, STANDARD_ERROR);
  }

  /**
   * The style to draw in on a stream.
   *
   * @param requested the caller's style; {@link Style#AUTO} to decide here
   * @param descriptor the stream's file descriptor: 1 for standard output, 2 for standard error, -1
   *     for any other stream (which gets plain lines)
   * @return {@link Style#BAR}, {@link Style#PLAIN} or {@link Style#OFF}
   */
  Style resolve(Style requested, int descriptor) {
    if (requested != Style.AUTO) {
      return requested;
    }
    String override = environment.apply(OVERRIDE);
    if (override != null) {
      switch (override.trim().toLowerCase(Locale.ROOT)) {
        case "bar":
          return Style.BAR;
        case "plain":
          return Style.PLAIN;
        case "off":
          return Style.OFF;
        default:
          break; // "auto", or a value we do not know: decide as if unset
      }
    }
    if ("dumb".equals(environment.apply("TERM"))) {
      return Style.PLAIN;
    }
    return descriptor >= 0 && isTerminal(descriptor) ? Style.BAR : Style.PLAIN;
  }

  /** Standard error's own answer where the platform gives one, else the console's guess. */
  boolean standardErrorIsTerminal() {
    return isTerminal(STANDARD_ERROR);
  }

  /** A descriptor's own answer where the platform gives one, else the console's guess. */
  boolean isTerminal(int descriptor) {
    Optional<String> target = descriptorTarget.apply(descriptor);
    return target.isPresent() ? isTerminalDevice(target.get()) : consoleIsTerminal.getAsBoolean();
  }

  /** Whether a descriptor's target is a terminal device, as Linux names them. */
  static boolean isTerminalDevice(String target) {
    return target.startsWith("/dev/pts/")
        || target.matches("/dev/tty[0-9A-Za-z]*")
        || target.equals("/dev/console");
  }

  /** Where {@code /proc/self/fd/N} points; empty without {@code /proc} (not Linux) or access. */
  private static Optional<String> linuxDescriptorTarget(int descriptor) {
    try {
      Path link = Path.of("/proc/self/fd", Integer.toString(descriptor));
      return Files.isSymbolicLink(link)
          ? Optional.of(Files.readSymbolicLink(link).toString())
          : Optional.empty();
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  /**
   * {@link System#console()} is present and, on Java 22 and later, says it is a terminal (there it
   * may be present when input and output are redirected). Either describes standard input and
   * output, so this is a guess about standard error.
   */
  private static boolean consoleIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    if (IS_TERMINAL == null) {
      return true;
    }
    try {
      return (boolean) IS_TERMINAL.invokeExact(console);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      return false;
    }
  }

  private static MethodHandle findIsTerminal() {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(Console.class, "isTerminal", MethodType.methodType(boolean.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }
}
