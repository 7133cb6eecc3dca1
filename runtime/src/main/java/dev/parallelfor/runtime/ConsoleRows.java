package dev.parallelfor.runtime;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * One output stream shared by every console listener that draws on it: it owns the rows of the bars
 * now running, so nested and concurrent runs each keep a row of their own, and it prints every line
 * whole, so lines of two runs never interleave.
 *
 * <p>On a terminal the live rows form a block at the bottom of the output, one row per bar in the
 * order the bars started, with the cursor resting at the end of the last row. Each change redraws
 * the block in one write: a carriage return, the cursor up to the block's first row ({@code
 * ESC[nA}), then each row followed by {@code ESC[K} (clear to the end of the line), and {@code
 * ESC[J} (clear below) when the block got shorter. A line written above the bars, or the last line
 * of a bar that stays, is printed where the block began and the block is drawn again below it.
 * Every row is rendered again at the width of the moment, so no row is wider than the terminal
 * after a resize.
 *
 * <p>Thread-safe: every write happens under this object's lock, which is held for nothing else; no
 * listener's lock is held while it is taken, and no user code runs under it.
 */
final class ConsoleRows {
  private static final String NL = System.lineSeparator();
  private static final String CLEAR_LINE = "\u001b[K";
  private static final String CLEAR_BELOW = "\u001b[J";

  private static final Map<PrintStream, ConsoleRows> SHARED = new WeakHashMap<>();

  private final PrintStream out;
  private final IntSupplier columns;
  private final Object lock = new Object();

  // Guarded by lock.
  private final List<Row> rows = new ArrayList<>();
  private int rowsOnScreen;

  /**
   * @param out where the lines go
   * @param columns the terminal's width now; lines take at most one column less
   */
  ConsoleRows(PrintStream out, IntSupplier columns) {
    this.out = Objects.requireNonNull(out, "out");
    this.columns = Objects.requireNonNull(columns, "columns");
  }

  /**
   * The console of a stream, shared by every listener that draws on it.
   *
   * @param out the stream
   * @param columns its width, used by the first listener of the stream
   * @return the stream's console
   */
  static ConsoleRows of(PrintStream out, IntSupplier columns) {
    synchronized (SHARED) {
      return SHARED.computeIfAbsent(out, stream -> new ConsoleRows(stream, columns));
    }
  }

  /** The most characters a row may take now: one less than the terminal's columns. */
  int width() {
    return Math.max(1, columns.getAsInt() - 1);
  }

  /**
   * Opens a row below the rows now live.
   *
   * @param text the row's text at a given width
   * @return the row, and whether it is the only one (the outermost bar)
   */
  Row open(IntFunction<String> text) {
    synchronized (lock) {
      Row row = new Row(text, rows.isEmpty());
      rows.add(row);
      repaint(null);
      return row;
    }
  }

  /**
   * Prints a whole line: above the rows when there are any, else at the end of the output. Plain
   * (non-terminal) listeners print their lines through here too, so each is written whole.
   */
  void write(String line) {
    synchronized (lock) {
      if (rows.isEmpty() && rowsOnScreen == 0) {
        out.print(line + NL);
        out.flush();
      } else {
        repaint(line);
      }
    }
  }

  /** Draws the block again, with {@code above} printed first where it began (null for none). */
  private void repaint(String above) {
    int width = width();
    StringBuilder text = new StringBuilder("\r");
    if (rowsOnScreen > 1) {
      text.append("\u001b[").append(rowsOnScreen - 1).append('A');
    }
    if (above != null) {
      text.append(above).append(CLEAR_LINE).append(NL);
    }
    for (int i = 0; i < rows.size(); i++) {
      if (i > 0) {
        text.append(NL);
      }
      text.append(fitted(rows.get(i).text.apply(width), width)).append(CLEAR_LINE);
    }
    if ((above != null ? 1 : 0) + rows.size() < rowsOnScreen) { // rows left over below
      text.append(CLEAR_BELOW);
    }
    rowsOnScreen = rows.size();
    out.print(text);
    out.flush();
  }

  private static String fitted(String line, int width) {
    return line.length() <= width ? line : line.substring(0, width);
  }

  /** One bar's row. */
  final class Row {
    private IntFunction<String> text;
    private final boolean outermost;

    private Row(IntFunction<String> text, boolean outermost) {
      this.text = text;
      this.outermost = outermost;
    }

    /** Whether no other row was live when this one opened (tqdm's {@code position=0}). */
    boolean outermost() {
      return outermost;
    }

    /** Redraws the row with new text. */
    void update(IntFunction<String> newText) {
      synchronized (lock) {
        text = newText;
        if (rows.contains(this)) {
          repaint(null);
        }
      }
    }

    /**
     * Closes the row: its last text is printed above the remaining rows and stays, or the row is
     * cleared.
     *
     * @param lastText the last text
     * @param leave true to keep the last text on the screen
     */
    void close(IntFunction<String> lastText, boolean leave) {
      synchronized (lock) {
        if (!rows.remove(this)) {
          return;
        }
        repaint(leave ? fitted(lastText.apply(width()), width()) : null);
      }
    }
  }
}
