package dev.parallelfor.runtime.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Catches what the runtime logs during each test, so that a test which expects a warning checks it
 * instead of printing its stack trace into the build's output. Register it with
 * {@code @RegisterExtension}. (The runtime logs through {@code System.Logger}, which goes to {@code
 * java.util.logging} when no other backend is installed, as in these tests.)
 */
public final class CapturedLog
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  // Held strongly: java.util.logging keeps only weak references to loggers, and would drop the
  // settings of one that nothing else holds.
  private static final Logger RUNTIME = Logger.getLogger("dev.parallelfor");

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private boolean parentHandlers;

  private final boolean wholeClass;

  /** Catches the log of each test, registered on a test instance's field. */
  public CapturedLog() {
    this(false);
  }

  private CapturedLog(boolean wholeClass) {
    this.wholeClass = wholeClass;
  }

  /**
   * Catches the log from the first test of a class to the end of its last, registered on a static
   * field: for tests whose runs may log a moment after they returned (a worker's last wrapper).
   */
  public static CapturedLog wholeClass() {
    return new CapturedLog(true);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (wholeClass) {
      install();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (wholeClass) {
      uninstall();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    records.clear();
    if (!wholeClass) {
      install();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!wholeClass) {
      uninstall();
    }
  }

  private void install() {
    parentHandlers = RUNTIME.getUseParentHandlers();
    RUNTIME.addHandler(handler);
    RUNTIME.setUseParentHandlers(false);
  }

  private void uninstall() {
    RUNTIME.removeHandler(handler);
    RUNTIME.setUseParentHandlers(parentHandlers);
  }

  /** What the logged records carried, in order. */
  public List<Throwable> thrown() {
    return records.stream().map(LogRecord::getThrown).collect(Collectors.toList());
  }
}
