package org.sanke.loadtest.soak;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Whether a resource stayed flat once warm: the first quarter of the run is warm-up (JIT, pools, caches filling); the
 * mean of the last quarter is compared with the mean of the second. Within {@value #TOLERANCE_PERCENT}% of the
 * second quarter's mean plus the resource's noise floor it is flat; above, growing; below, falling. Means over a
 * quarter of the samples smooth out what churn and garbage collection do from one reading to the next.
 */
public final class Flatness {
    public static final int TOLERANCE_PERCENT = 10;
    /** Two readings per quarter at least, or there is nothing to compare. */
    static final int MIN_SAMPLES = 8;

    public enum Verdict {
        FLAT("flat after warm-up"),
        GROWING("GROWING"),
        FALLING("falling after warm-up"),
        TOO_SHORT("too few samples to judge"),
        NOT_EXPORTED("not exported by the server (or never measured)");

        public final String text;

        Verdict(String text) {
            this.text = text;
        }
    }

    /** One resource's judgement, with its numbers (in the unit shown). */
    public record Judgement(Verdict verdict, double secondQuarterMean, double lastQuarterMean, double max,
                            double allowed) {
        /** The last quarter's change against the second, in percent; NaN without a base. */
        public double changePercent() {
            return secondQuarterMean == 0 ? Double.NaN : 100 * (lastQuarterMean - secondQuarterMean)
                    / Math.abs(secondQuarterMean);
        }
    }

    private Flatness() {
    }

    /** Judges {@code value} over the samples, allowing it to move by {@code floor} besides the tolerance. */
    public static <T> Judgement judge(List<T> samples, ToDoubleFunction<T> value, double floor) {
        int n = samples.size();
        double max = samples.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
        if (Double.isNaN(max)) {
            return new Judgement(Verdict.NOT_EXPORTED, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        if (n < MIN_SAMPLES) {
            return new Judgement(Verdict.TOO_SHORT, Double.NaN, Double.NaN, max, Double.NaN);
        }
        double second = mean(samples.subList(n / 4, n / 2), value);
        double last = mean(samples.subList(n - n / 4, n), value);
        if (Double.isNaN(second) || Double.isNaN(last)) { // the server stopped answering for a whole quarter
            return new Judgement(Verdict.TOO_SHORT, second, last, max, Double.NaN);
        }
        double allowed = Math.abs(second) * TOLERANCE_PERCENT / 100 + floor;
        Verdict verdict = last - second > allowed ? Verdict.GROWING
                : second - last > allowed ? Verdict.FALLING : Verdict.FLAT;
        return new Judgement(verdict, second, last, max, allowed);
    }

    private static <T> double mean(List<T> samples, ToDoubleFunction<T> value) {
        return samples.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }
}
