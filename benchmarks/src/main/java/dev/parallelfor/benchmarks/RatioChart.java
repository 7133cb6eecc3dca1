package dev.parallelfor.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * Writes a horizontal bar chart as a self-contained SVG: one panel per workload, one bar per
 * contender, on a logarithmic axis with the for loop's 1× marked. Plain text, no dependency, so the
 * chart renders on GitHub and in any browser.
 */
final class RatioChart {
  /**
   * One bar.
   *
   * @param label the contender
   * @param value the ratio, greater than 0
   * @param highlight whether it is a ParallelFor contender
   */
  record Bar(String label, double value, boolean highlight) {}

  /**
   * One panel.
   *
   * @param title what the panel shows
   * @param bars its bars, top to bottom
   */
  record Panel(String title, List<Bar> bars) {}

  private static final int WIDTH = 860;
  private static final int LABEL_WIDTH = 270;
  private static final int PLOT_WIDTH = 480;
  private static final int BAR_HEIGHT = 16;
  private static final int BAR_GAP = 6;
  private static final int PANEL_HEAD = 46;
  private static final int PANEL_FOOT = 26;

  private RatioChart() {}

  /** The SVG text of {@code panels} under {@code title}. */
  static String svg(String title, String subtitle, List<Panel> panels) {
    int height = 60;
    for (Panel p : panels) {
      height += PANEL_HEAD + p.bars().size() * (BAR_HEIGHT + BAR_GAP) + PANEL_FOOT;
    }
    StringBuilder s = new StringBuilder();
    s.append(
        f(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"Helvetica, Arial, sans-serif\""
                + " font-size=\"12\">%n",
            WIDTH, height, WIDTH, height));
    s.append(f("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
    s.append(
        f("<text x=\"16\" y=\"24\" font-size=\"16\" font-weight=\"bold\">%s</text>%n", x(title)));
    s.append(f("<text x=\"16\" y=\"44\" fill=\"#555\">%s</text>%n", x(subtitle)));
    int y = 60;
    for (Panel panel : panels) {
      y = panel(s, panel, y);
    }
    s.append("</svg>\n");
    return s.toString();
  }

  private static int panel(StringBuilder s, Panel panel, int top) {
    double min = 1;
    double max = 1;
    for (Bar b : panel.bars()) {
      min = Math.min(min, b.value());
      max = Math.max(max, b.value());
    }
    int lo = (int) Math.floor(Math.log10(min));
    int hi = (int) Math.ceil(Math.log10(max));
    if (hi == lo) {
      hi++;
    }
    int x0 = LABEL_WIDTH;
    double decade = (double) PLOT_WIDTH / (hi - lo);
    s.append(
        f(
            "<text x=\"16\" y=\"%d\" font-size=\"13\" font-weight=\"bold\">%s</text>%n",
            top + 22, x(panel.title())));
    int plotTop = top + PANEL_HEAD - 12;
    int plotBottom = plotTop + panel.bars().size() * (BAR_HEIGHT + BAR_GAP);
    for (int d = lo; d <= hi; d++) {
      double gx = x0 + (d - lo) * decade;
      s.append(
          f(
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
              gx, plotTop, gx, plotBottom));
      s.append(
          f(
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s×</text>%n",
              gx, plotBottom + 14, tick(d)));
    }
    double one = x0 + (0 - lo) * decade;
    int y = plotTop + BAR_GAP / 2;
    for (Bar b : panel.bars()) {
      double end = x0 + (Math.log10(b.value()) - lo) * decade;
      double left = Math.min(one, end);
      double width = Math.max(1, Math.abs(end - one));
      String fill = b.highlight() ? "#d9622b" : "#4a78b5";
      s.append(
          f(
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\"%s>%s</text>%n",
              x0 - 8,
              y + BAR_HEIGHT - 4,
              b.highlight() ? " font-weight=\"bold\"" : "",
              x(b.label())));
      s.append(
          f(
              "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
              left, y, width, BAR_HEIGHT, fill));
      s.append(
          f(
              "<text x=\"%.1f\" y=\"%d\" fill=\"#222\">%s</text>%n",
              Math.max(one, end) + 4, y + BAR_HEIGHT - 4, ratio(b.value())));
      y += BAR_HEIGHT + BAR_GAP;
    }
    s.append(
        f(
            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\""
                + " stroke-dasharray=\"4 3\"/>%n",
            one, plotTop - 4, one, plotBottom));
    return plotBottom + PANEL_FOOT;
  }

  /** A ratio as the tables print it. */
  static String ratio(double v) {
    if (Double.isNaN(v)) {
      return "–"; // no for loop to compare with
    }
    if (v >= 100) {
      return f("%.0f×", v);
    }
    if (v >= 10) {
      return f("%.1f×", v);
    }
    if (v >= 0.1) {
      return f("%.2f×", v);
    }
    return f("%.3f×", v);
  }

  private static String tick(int decade) {
    double v = Math.pow(10, decade);
    return decade >= 0 ? f("%.0f", v) : f("%." + (-decade) + "f", v);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  private static String x(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
