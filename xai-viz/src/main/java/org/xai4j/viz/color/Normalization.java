package org.xai4j.viz.color;

import java.util.Map;

/**
 * Maps the values of an explanation map to colormap positions in {@code [0, 1]}. Implementations are
 * immutable records; {@link #signed()} says whether zero lands at 0.5 (use a diverging
 * {@link Colormap}) or at 0. Every implementation rejects NaN and infinities with a
 * {@link org.xai4j.core.NonFiniteValueException} and never modifies its argument.
 *
 * <ul>
 *   <li>{@link #minMax()}: {@code (v − min)/(max − min)} — pytorch-grad-cam's per-image scaling;</li>
 *   <li>{@link #symmetric()}, {@link #symmetric(double)}: {@code 0.5 + 0.5·clip(v/s, −1, 1)} with
 *       {@code s} the maximum (or a percentile) of {@code |v|}, so zero is the centre;</li>
 *   <li>{@link #percentileRange(double, double)}: min–max between two percentiles, values outside
 *       clipped;</li>
 *   <li>{@link #absolutePercentile(double)}: {@code clip(|v|/s, 0, 1)}, magnitudes only;</li>
 *   <li>{@link #captum(double, CumulativeMass.Sign)}: Captum's {@code visualize_image_attr} scaling, a
 *       cumulative-mass threshold that clips the top {@code outlierPercent} of the mass;</li>
 *   <li>{@link #fixed(double, double)}, {@link #fixedSymmetric(double)}: a range chosen in advance, the
 *       same for every map (shared normalisation).</li>
 * </ul>
 */
public sealed interface Normalization
        permits MinMax, Symmetric, PercentileRange, AbsolutePercentile, CumulativeMass, FixedRange {

    /**
     * Colormap positions in {@code [0, 1]}, one per value.
     *
     * @param values the map's values (not modified)
     * @return a new array of positions in [0, 1]
     */
    double[] apply(double[] values);

    /**
     * Whether zero maps to 0.5 (signed maps) rather than to 0.
     *
     * @return true for signed normalisations
     */
    boolean signed();

    /**
     * The settings as text, for provenance and reports.
     *
     * @return an insertion-ordered map of setting name → value as text
     */
    Map<String, String> toMap();

    /**
     * Min–max scaling to [0, 1]; a constant map becomes all zeros.
     *
     * @return the normalisation
     */
    static Normalization minMax() {
        return new MinMax();
    }

    /**
     * Signed scaling by the largest magnitude: zero at 0.5, ±max|v| at 1 and 0.
     *
     * @return the normalisation
     */
    static Normalization symmetric() {
        return new Symmetric(100.0);
    }

    /**
     * Signed scaling by the {@code percentile}-th percentile of |v|, larger magnitudes clipped.
     *
     * @param percentile the percentile of |v| that maps to the ends, in (0, 100]
     * @return the normalisation
     */
    static Normalization symmetric(double percentile) {
        return new Symmetric(percentile);
    }

    /**
     * Min–max between the {@code lo}-th and {@code hi}-th percentiles of the values, clipped outside.
     *
     * @param lo the lower percentile, in [0, 100)
     * @param hi the upper percentile, in (lo, 100]
     * @return the normalisation
     */
    static Normalization percentileRange(double lo, double hi) {
        return new PercentileRange(lo, hi);
    }

    /**
     * Magnitudes scaled by the {@code percentile}-th percentile of |v| and clipped to [0, 1].
     *
     * @param percentile the percentile of |v| that maps to 1, in (0, 100]
     * @return the normalisation
     */
    static Normalization absolutePercentile(double percentile) {
        return new AbsolutePercentile(percentile);
    }

    /**
     * Captum's scaling: cumulative-mass threshold at {@code 100 − outlierPercent}.
     *
     * @param outlierPercent the share of the mass to clip, in [0, 100)
     * @param sign which part of the map to show
     * @return the normalisation
     */
    static Normalization captum(double outlierPercent, CumulativeMass.Sign sign) {
        return new CumulativeMass(outlierPercent, sign);
    }

    /**
     * {@code clip((v − lo)/(hi − lo), 0, 1)} with the same range for every map.
     *
     * @param lo the value at position 0
     * @param hi the value at position 1, above {@code lo}
     * @return the normalisation
     */
    static Normalization fixed(double lo, double hi) {
        return new FixedRange(lo, hi, false);
    }

    /**
     * {@code 0.5 + 0.5·clip(v/scale, −1, 1)} with the same scale for every map.
     *
     * @param scale the magnitude drawn at positions 0 and 1, above zero
     * @return the normalisation
     */
    static Normalization fixedSymmetric(double scale) {
        return new FixedRange(-scale, scale, true);
    }
}
