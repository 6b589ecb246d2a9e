package org.sanke.loadtest.report;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Small SVG charts for the HTML reports: lines over time and a histogram. */
public final class Chart {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 200;
    private static final int PAD = 40;

    private Chart() {
    }

    /** One point a second. */
    static String lines(List<Sample> samples, List<ToDoubleFunction<Sample>> series, List<String> colours,
                        List<String> labels) {
        return lines(samples, series, colours, labels, samples.size());
    }

    /**
     * Lines over evenly spaced points that span {@code seconds}; values that are NaN (not measured) count as 0.
     */
    public static <T> String lines(List<T> samples, List<ToDoubleFunction<T>> series, List<String> colours,
                                   List<String> labels, double seconds) {
        double max = 0;
        for (ToDoubleFunction<T> s : series) {
            max = Math.max(max, samples.stream().mapToDouble(s).filter(v -> !Double.isNaN(v)).max().orElse(0));
        }
        max = max <= 0 ? 1 : max * 1.1;
        StringBuilder svg = frame(max, (int) Math.round(seconds));
        for (int k = 0; k < series.size(); k++) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < samples.size(); i++) {
                double x = PAD + (WIDTH - 2.0 * PAD) * i / Math.max(1, samples.size() - 1);
                double value = series.get(k).applyAsDouble(samples.get(i));
                double y = HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * (Double.isNaN(value) ? 0 : value) / max;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colours.get(k))
                    .append("\" points=\"").append(points).append("\"/>");
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\" font-size=\"12\">%s</text>",
                    WIDTH - PAD - 60, PAD - 10 + 14 * k, colours.get(k), labels.get(k)));
        }
        return svg.append("</svg>").toString();
    }

    public static String histogram(List<Double> values, int bins) {
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        int[] counts = new int[bins];
        for (double v : values) {
            counts[Math.min(bins - 1, (int) (v / max * bins))]++;
        }
        int top = 1;
        for (int c : counts) {
            top = Math.max(top, c);
        }
        StringBuilder svg = frame(top, 0);
        double barWidth = (WIDTH - 2.0 * PAD) / bins;
        for (int i = 0; i < bins; i++) {
            double h = (HEIGHT - 2.0 * PAD) * counts[i] / top;
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#27c\"/>",
                    PAD + i * barWidth, HEIGHT - PAD - h, barWidth - 1, h));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">0 to %.0f ms</text>",
                PAD, HEIGHT - 10, max));
        return svg.append("</svg>").toString();
    }

    private static StringBuilder frame(double max, int seconds) {
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
                PAD, HEIGHT - PAD, WIDTH - PAD, HEIGHT - PAD));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
                PAD, PAD, PAD, HEIGHT - PAD));
        svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\" font-size=\"11\">%.3g</text>", PAD, max));
        if (seconds > 0) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%d s</text>",
                    WIDTH - PAD - 20, HEIGHT - PAD + 15, seconds));
        }
        return svg;
    }
}
