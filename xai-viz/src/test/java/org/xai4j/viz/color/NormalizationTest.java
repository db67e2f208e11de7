package org.xai4j.viz.color;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.viz.Reference;

class NormalizationTest {
    private static final double[] V = {-2, -1, 0, 1, 4};

    @Test
    void handComputedExamples() {
        assertThat(Normalization.minMax().apply(V)).containsExactly(new double[] {0, 1 / 6.0, 2 / 6.0, 3 / 6.0, 1}, within(1e-15));
        assertThat(Normalization.symmetric().apply(V)).containsExactly(new double[] {0.25, 0.375, 0.5, 0.625, 1}, within(1e-15));
        // 25th/75th percentiles of the sorted values are ranks 1 and 3: −1 and 1.
        assertThat(Normalization.percentileRange(25, 75).apply(V)).containsExactly(new double[] {0, 0, 0.5, 1, 1}, within(1e-15));
        // |v| sorted = 0, 1, 1, 2, 4; the median is 1.
        assertThat(Normalization.absolutePercentile(50).apply(V)).containsExactly(new double[] {1, 1, 0, 1, 1}, within(1e-15));
        // Cumulative |v|: 0, 1, 2, 4, 8. 80 % of 8 = 6.4 is first reached at 4; 50 % (= 4) at 2.
        assertThat(Normalization.captum(20, CumulativeMass.Sign.ALL).apply(V))
                .containsExactly(new double[] {0.25, 0.375, 0.5, 0.625, 1}, within(1e-15));
        assertThat(Normalization.captum(50, CumulativeMass.Sign.ALL).apply(V))
                .containsExactly(new double[] {0, 0.25, 0.5, 0.75, 1}, within(1e-15));
        // Negative part only: magnitudes 2, 1, 0, 0, 0 → total 3, 98 % reached at 2.
        assertThat(Normalization.captum(2, CumulativeMass.Sign.NEGATIVE).apply(V))
                .containsExactly(new double[] {1, 0.5, 0, 0, 0}, within(1e-15));
        assertThat(Normalization.symmetric().signed()).isTrue();
        assertThat(Normalization.captum(2, CumulativeMass.Sign.POSITIVE).signed()).isFalse();
    }

    @Test
    void degenerateMapsHaveDefinedPositions() {
        assertThat(Normalization.minMax().apply(new double[] {3, 3, 3})).containsExactly(0, 0, 0);
        assertThat(Normalization.symmetric().apply(new double[] {0, 0})).containsExactly(0.5, 0.5);
        assertThat(Normalization.captum(2, CumulativeMass.Sign.ALL).apply(new double[] {0, 0})).containsExactly(0.5, 0.5);
        assertThat(Normalization.absolutePercentile(99).apply(new double[] {0, 0})).containsExactly(0, 0);
        assertThat(Normalization.percentileRange(10, 90).apply(new double[] {2, 2})).containsExactly(0, 0);
    }

    @Test
    void percentilesMatchNumpy() {
        Map<String, Object> ref = Reference.section("percentiles");
        double[] values = Reference.doubles(ref.get("values"));
        double[] ps = Reference.doubles(ref.get("p"));
        double[] expected = Reference.doubles(ref.get("percentile"));
        double[] expectedAbs = Reference.doubles(ref.get("absPercentile"));
        double[] abs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            abs[i] = Math.abs(values[i]);
        }
        for (int k = 0; k < ps.length; k++) {
            assertThat(Percentiles.percentile(values, ps[k])).as("p%s", ps[k]).isCloseTo(expected[k], within(1e-12));
            assertThat(Percentiles.percentile(abs, ps[k])).as("|v| p%s", ps[k]).isCloseTo(expectedAbs[k], within(1e-12));
        }
    }

    @Test
    void percentileClippingCutsTheOutlier() {
        Map<String, Object> ref = Reference.section("percentiles");
        double[] values = Reference.doubles(ref.get("values"));
        double[] before = values.clone();
        double s99 = Reference.doubles(ref.get("absPercentile"))[5]; // p = 99
        assertThat(values[5]).isEqualTo(40.0);
        assertThat(s99).isLessThan(40.0).isGreaterThan(5.0);
        double[] t = Normalization.symmetric(99).apply(values);
        assertThat(values).containsExactly(before); // not modified
        for (int i = 0; i < values.length; i++) {
            double expected = 0.5 + 0.5 * Math.max(-1, Math.min(1, values[i] / s99));
            assertThat(t[i]).isCloseTo(expected, within(1e-12));
        }
        assertThat(t[5]).isEqualTo(1.0);
        // Without clipping the outlier squeezes everything else towards the centre.
        double[] unclipped = Normalization.symmetric().apply(values);
        assertThat(Math.abs(unclipped[0] - 0.5)).isLessThan(Math.abs(t[0] - 0.5));
    }

    @Test
    void cumulativeMassThresholdsMatchTheReference() {
        Map<String, Object> ref = Reference.section("percentiles");
        double[] values = Reference.doubles(ref.get("values"));
        double[] abs = new double[values.length];
        double[] pos = new double[values.length];
        double[] neg = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            abs[i] = Math.abs(values[i]);
            pos[i] = Math.max(values[i], 0);
            neg[i] = Math.max(-values[i], 0);
        }
        assertThat(Percentiles.cumulativeMassThreshold(abs, 98)).isEqualTo(((Number) ref.get("cumulativeAbs98")).doubleValue());
        assertThat(Percentiles.cumulativeMassThreshold(pos, 98)).isEqualTo(((Number) ref.get("cumulativePositive98")).doubleValue());
        assertThat(-Percentiles.cumulativeMassThreshold(neg, 98)).isEqualTo(((Number) ref.get("cumulativeNegative98")).doubleValue());
        double s = ((Number) ref.get("cumulativeAbs98")).doubleValue();
        double[] t = Normalization.captum(2, CumulativeMass.Sign.ALL).apply(values);
        for (int i = 0; i < values.length; i++) {
            assertThat(t[i]).isCloseTo(0.5 + 0.5 * Math.max(-1, Math.min(1, values[i] / s)), within(1e-12));
        }
    }

    @Test
    void badInputIsRejected() {
        for (Normalization n : new Normalization[] {Normalization.minMax(), Normalization.symmetric(99),
            Normalization.percentileRange(1, 99), Normalization.absolutePercentile(99),
            Normalization.captum(2, CumulativeMass.Sign.ALL)}) {
            assertThatThrownBy(() -> n.apply(new double[] {1, Double.NaN, 2})).as(n.toString())
                    .isInstanceOf(NonFiniteValueException.class).hasMessageContaining("index 1");
            assertThatThrownBy(() -> n.apply(new double[0])).isInstanceOf(InvalidShapeException.class);
        }
        assertThatThrownBy(() -> Normalization.symmetric(0)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> Normalization.percentileRange(50, 50)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> Normalization.captum(100, CumulativeMass.Sign.ALL)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> Percentiles.percentile(V, 101)).isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void settingsNameTheNormalizationFirstThenItsParametersInOrder() {
        assertThat(Normalization.minMax().toMap()).containsExactly(Map.entry("normalization", "min-max"));
        assertThat(Normalization.symmetric(99).toMap()).containsExactly(Map.entry("normalization", "symmetric"),
                Map.entry("percentile", "99.0"));
        assertThat(Normalization.absolutePercentile(95).toMap()).containsExactly(
                Map.entry("normalization", "absolute-percentile"), Map.entry("percentile", "95.0"));
        assertThat(Normalization.percentileRange(2, 98).toMap()).containsExactly(
                Map.entry("normalization", "percentile-range"), Map.entry("lo", "2.0"), Map.entry("hi", "98.0"));
        assertThat(Normalization.fixed(-1, 3).toMap()).containsExactly(Map.entry("normalization", "fixed"),
                Map.entry("lo", "-1.0"), Map.entry("hi", "3.0"));
        assertThat(Normalization.fixedSymmetric(2).toMap()).containsExactly(
                Map.entry("normalization", "fixed-symmetric"), Map.entry("lo", "-2.0"), Map.entry("hi", "2.0"));
        assertThat(Normalization.captum(2, CumulativeMass.Sign.ABSOLUTE_VALUE).toMap()).containsExactly(
                Map.entry("normalization", "cumulative-mass"), Map.entry("outlierPercent", "2.0"),
                Map.entry("sign", "absolute-value"));
    }

    @Test
    void percentileScalingsClipToTheUnitInterval() {
        // |V| = 2 1 0 1 4; its 75th percentile is 2: |v| / 2 clipped to 1.
        assertThat(Normalization.absolutePercentile(75).apply(V)).containsExactly(1, 0.5, 0, 0.5, 1);
        // V's 25th and 75th percentiles are −1 and 1: (v + 1) / 2 clipped to [0, 1].
        assertThat(Normalization.percentileRange(25, 75).apply(V)).containsExactly(0, 0, 0.5, 1, 1);
        assertThat(Normalization.percentileRange(25, 75).apply(new double[] {3, 3})).containsExactly(0, 0);
        assertThat(Normalization.absolutePercentile(50).apply(new double[] {0, 0})).containsExactly(0, 0);
    }
}
