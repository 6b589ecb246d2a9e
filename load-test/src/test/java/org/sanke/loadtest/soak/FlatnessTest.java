package org.sanke.loadtest.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FlatnessTest {
    private static List<Double> series(int n, IntToDoubleFunction value) {
        return IntStream.range(0, n).mapToDouble(value).boxed().toList();
    }

    @Test
    void aSawtoothAfterAWarmUpIsFlat() {
        // Warm-up climbs to 200, then garbage collection saws between 200 and 300 for the rest of the run.
        List<Double> heap = series(400, i -> i < 100 ? 2.0 * i : 200 + (i % 20) * 5);
        Flatness.Judgement j = Flatness.judge(heap, Double::doubleValue, 16);
        assertThat(j.verdict()).isEqualTo(Flatness.Verdict.FLAT);
        assertThat(j.secondQuarterMean()).isCloseTo(247.5, offset(0.01));
        assertThat(j.changePercent()).isCloseTo(0, offset(0.01));
    }

    @Test
    void aSlowLeakUnderTheNoiseIsGrowing() {
        // One unit a sample under noise of ±10: from the second quarter to the last, the mean rises by 200.
        List<Double> leak = series(400, i -> 1000 + i + (i % 2 == 0 ? 10 : -10));
        Flatness.Judgement j = Flatness.judge(leak, Double::doubleValue, 4);
        assertThat(j.verdict()).isEqualTo(Flatness.Verdict.GROWING);
        assertThat(j.lastQuarterMean() - j.secondQuarterMean()).isCloseTo(200, offset(1.0));
    }

    @Test
    void aRiseWithinTheToleranceAndFloorIsStillFlatAndAFallIsFalling() {
        List<Double> slight = series(40, i -> i < 20 ? 100 : 113); // +13 against 10% of 100 plus a floor of 4
        assertThat(Flatness.judge(slight, Double::doubleValue, 4).verdict()).isEqualTo(Flatness.Verdict.FLAT);
        assertThat(Flatness.judge(slight, Double::doubleValue, 2).verdict()).isEqualTo(Flatness.Verdict.GROWING);
        List<Double> falling = series(40, i -> i < 20 ? 100 : 50);
        assertThat(Flatness.judge(falling, Double::doubleValue, 2).verdict()).isEqualTo(Flatness.Verdict.FALLING);
    }

    @Test
    void tooFewSamplesOrNoneExportedAreSaidSo() {
        assertThat(Flatness.judge(series(7, i -> i), Double::doubleValue, 1).verdict())
                .isEqualTo(Flatness.Verdict.TOO_SHORT);
        assertThat(Flatness.judge(series(50, i -> Double.NaN), Double::doubleValue, 1).verdict())
                .isEqualTo(Flatness.Verdict.NOT_EXPORTED);
    }
}
