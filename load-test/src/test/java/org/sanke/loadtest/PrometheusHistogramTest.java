package org.sanke.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusHistogramTest {
    private static final String BEFORE = """
            # TYPE sanke_media_forwarding_delay_seconds histogram
            sanke_media_forwarding_delay_seconds_bucket{le="1.0E-5"} 0
            sanke_media_forwarding_delay_seconds_bucket{le="1.0E-4"} 10
            sanke_media_forwarding_delay_seconds_bucket{le="0.001"} 20
            sanke_media_forwarding_delay_seconds_bucket{le="+Inf"} 20
            sanke_media_forwarding_delay_seconds_count 20
            """;
    private static final String AFTER = """
            sanke_media_forwarding_delay_seconds_bucket{le="1.0E-5"} 0
            sanke_media_forwarding_delay_seconds_bucket{le="1.0E-4"} 60
            sanke_media_forwarding_delay_seconds_bucket{le="0.001"} 119
            sanke_media_forwarding_delay_seconds_bucket{le="+Inf"} 120
            other_metric_bucket{le="1.0"} 5
            """;

    @Test
    void quantilesAreTheUpperBoundOfTheBucketHoldingThem() {
        PrometheusHistogram h = PrometheusHistogram.parse(AFTER, "sanke_media_forwarding_delay_seconds");
        assertThat(h.count()).isEqualTo(120);
        assertThat(h.quantileUpperBound(0.5)).isEqualTo(1.0E-4);
        assertThat(h.quantileUpperBound(0.99)).isEqualTo(0.001);
        assertThat(h.quantileUpperBound(1.0)).isInfinite();
    }

    @Test
    void sinceSubtractsAnEarlierReading() {
        PrometheusHistogram delta = PrometheusHistogram.parse(AFTER, "sanke_media_forwarding_delay_seconds")
                .since(PrometheusHistogram.parse(BEFORE, "sanke_media_forwarding_delay_seconds"));
        assertThat(delta.count()).isEqualTo(100);
        assertThat(delta.quantileUpperBound(0.5)).isEqualTo(1.0E-4);
        assertThat(delta.quantileUpperBound(0.99)).isEqualTo(0.001);
    }

    @Test
    void anAbsentMetricIsEmpty() {
        PrometheusHistogram h = PrometheusHistogram.parse(AFTER, "missing");
        assertThat(h.count()).isZero();
        assertThat(h.quantileUpperBound(0.5)).isNaN();
    }
}
