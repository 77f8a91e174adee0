package dev.gpuc.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Two small chart kinds as standalone SVG, both on logarithmic axes (the values they show span
 * several orders of magnitude): horizontal bars, and lines through points.
 */
public final class SvgChart {
    private SvgChart() {}

    public record Bar(String label, double value) {}

    public record Point(double x, double y) {}

    public record Series(String name, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    private static final int WIDTH = 760;
    private static final int LABEL_WIDTH = 220;
    private static final int MARGIN = 20;
    private static final int BAR_HEIGHT = 26;
    private static final String[] COLOURS = {"#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#76b7b2"};

    /** Horizontal bars on a log scale, each labelled with its value. */
    public static String bars(String title, String unit, List<Bar> bars) {
        double min = bars.stream().mapToDouble(Bar::value).min().orElse(1);
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(10);
        double lo = Math.floor(Math.log10(min));
        double hi = Math.max(lo + 1, Math.ceil(Math.log10(max)));
        int plotLeft = LABEL_WIDTH;
        int plotWidth = WIDTH - plotLeft - MARGIN - 90;
        int top = 50;
        int height = top + bars.size() * (BAR_HEIGHT + 10) + 50;
        StringBuilder svg = header(WIDTH, height, title);
        for (double e = lo; e <= hi; e++) {
            double x = plotLeft + (e - lo) / (hi - lo) * plotWidth;
            svg.append(line(x, top - 5, x, height - 40, "#ddd"))
               .append(text(x, height - 24, power(e) + " " + unit, "middle", 11));
        }
        int y = top;
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double w = Math.max(1, (Math.log10(b.value()) - lo) / (hi - lo) * plotWidth);
            svg.append(text(plotLeft - 8, y + BAR_HEIGHT * 0.7, b.label(), "end", 13))
               .append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                       plotLeft, y, w, BAR_HEIGHT, COLOURS[i % COLOURS.length]))
               .append(text(plotLeft + w + 6, y + BAR_HEIGHT * 0.7, Row.number(b.value()) + " " + unit, "start", 12));
            y += BAR_HEIGHT + 10;
        }
        return svg.append("</svg>\n").toString();
    }

    /** Lines through points, both axes logarithmic, with a legend. */
    public static String lines(String title, String xLabel, String yLabel, List<Series> series) {
        List<Point> all = new ArrayList<>();
        series.forEach(s -> all.addAll(s.points()));
        double xlo = Math.floor(Math.log10(all.stream().mapToDouble(Point::x).min().orElse(1)));
        double xhi = Math.max(xlo + 1, Math.ceil(Math.log10(all.stream().mapToDouble(Point::x).max().orElse(10))));
        double ylo = Math.floor(Math.log10(all.stream().mapToDouble(Point::y).min().orElse(1)));
        double yhi = Math.max(ylo + 1, Math.ceil(Math.log10(all.stream().mapToDouble(Point::y).max().orElse(10))));
        int height = 420;
        int left = 90;
        int right = WIDTH - 230;
        int top = 50;
        int bottom = height - 60;
        StringBuilder svg = header(WIDTH, height, title);
        for (double e = xlo; e <= xhi; e++) {
            double x = left + (e - xlo) / (xhi - xlo) * (right - left);
            svg.append(line(x, top, x, bottom, "#ddd")).append(text(x, bottom + 18, power(e), "middle", 11));
        }
        for (double e = ylo; e <= yhi; e++) {
            double y = bottom - (e - ylo) / (yhi - ylo) * (bottom - top);
            svg.append(line(left, y, right, y, "#ddd")).append(text(left - 6, y + 4, power(e), "end", 11));
        }
        svg.append(text((left + right) / 2.0, height - 16, xLabel, "middle", 12))
           .append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\" "
                   + "transform=\"rotate(-90 18 %.1f)\">%s</text>%n", (top + bottom) / 2.0, (top + bottom) / 2.0, escape(yLabel)));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder path = new StringBuilder();
            for (Point p : s.points()) {
                double x = left + (Math.log10(p.x()) - xlo) / (xhi - xlo) * (right - left);
                double y = bottom - (Math.log10(p.y()) - ylo) / (yhi - ylo) * (bottom - top);
                path.append(path.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>%n", x, y, colour));
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\" points=\"")
               .append(path).append("\"/>\n")
               .append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/>%n",
                       right + 16, top + i * 22, colour))
               .append(text(right + 36, top + i * 22 + 12, s.name(), "start", 12));
        }
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder header(int width, int height, String title) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                width, height, width, height))
                .append(text(width / 2.0, 26, title, "middle", 16));
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                x1, y1, x2, y2, colour);
    }

    private static String text(double x, double y, String s, String anchor, int size) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\">%s</text>%n",
                x, y, size, anchor, escape(s));
    }

    /** A tick label for 10^e. */
    private static String power(double e) {
        return Row.number(Math.pow(10, e));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
