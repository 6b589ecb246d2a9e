package org.sanke.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One histogram read from a Prometheus text exposition: cumulative bucket counts by upper bound, from which
 * quantiles are estimated as the upper bound of the bucket that holds them (an upper estimate, as Prometheus does
 * before interpolation).
 */
public final class PrometheusHistogram {
    private static final Pattern BUCKET = Pattern.compile("le=\"([^\"]+)\"[^}]*}\\s+([0-9.eE+-]+)");

    private final List<double[]> buckets;

    private PrometheusHistogram(List<double[]> buckets) {
        this.buckets = buckets;
    }

    /** Reads the {@code <name>_bucket} lines of {@code metricsText}; empty when the metric is absent. */
    public static PrometheusHistogram parse(String metricsText, String name) {
        List<double[]> buckets = new ArrayList<>();
        for (String line : metricsText.split("\n")) {
            if (!line.startsWith(name + "_bucket{")) {
                continue;
            }
            Matcher m = BUCKET.matcher(line);
            if (m.find()) {
                double bound = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
                buckets.add(new double[] {bound, Double.parseDouble(m.group(2))});
            }
        }
        buckets.sort((a, b) -> Double.compare(a[0], b[0]));
        return new PrometheusHistogram(buckets);
    }

    public long count() {
        return buckets.isEmpty() ? 0 : (long) buckets.get(buckets.size() - 1)[1];
    }

    /** The upper bound of the bucket holding quantile {@code q} (0..1), or NaN when empty. */
    public double quantileUpperBound(double q) {
        long total = count();
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        for (double[] bucket : buckets) {
            if (bucket[1] >= rank) {
                return bucket[0];
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Subtracts an earlier reading of the same histogram: what happened between the two. */
    public PrometheusHistogram since(PrometheusHistogram earlier) {
        List<double[]> delta = new ArrayList<>();
        for (double[] bucket : buckets) {
            double before = 0;
            for (double[] old : earlier.buckets) {
                if (old[0] == bucket[0]) {
                    before = old[1];
                }
            }
            delta.add(new double[] {bucket[0], bucket[1] - before});
        }
        return new PrometheusHistogram(delta);
    }
}
