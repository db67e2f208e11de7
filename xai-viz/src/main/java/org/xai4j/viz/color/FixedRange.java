package org.xai4j.viz.color;

import java.util.Map;
import org.xai4j.core.InvalidConfigException;

/**
 * A range fixed in advance, so that several maps drawn with it have comparable colours (one normalisation
 * shared across methods or images). Unsigned: {@code t = clip((v − lo)/(hi − lo), 0, 1)}. Signed
 * ({@code lo = −hi}): zero lands at 0.5, as {@link Symmetric} does with a scale chosen across maps.
 *
 * @param lo     the value drawn at position 0
 * @param hi     the value drawn at position 1, above {@code lo}
 * @param signed whether the range is symmetric about zero ({@code lo == −hi})
 */
public record FixedRange(double lo, double hi, boolean signed) implements Normalization {
    /**
     * Checks the range: finite, {@code lo < hi}, and {@code lo == −hi} when signed.
     *
     * @param lo the value drawn at position 0
     * @param hi the value drawn at position 1, above {@code lo}
     * @param signed whether the range is symmetric about zero ({@code lo == −hi})
     * @throws org.xai4j.core.InvalidConfigException if the range is not finite, {@code lo ≥ hi}, or signed but
     *     not symmetric
     */
    public FixedRange {
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi)) {
            throw new InvalidConfigException("a fixed range needs finite lo < hi but was [" + lo + ", " + hi + "]");
        }
        if (signed && lo != -hi) {
            throw new InvalidConfigException("a signed fixed range must be symmetric about zero but was [" + lo
                    + ", " + hi + "]");
        }
    }

    @Override
    public double[] apply(double[] values) {
        Percentiles.requireFinite(values, "map");
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.max(0.0, Math.min(1.0, (values[i] - lo) / (hi - lo)));
        }
        return out;
    }

    @Override
    public Map<String, String> toMap() {
        return Percentiles.settings(signed ? "fixed-symmetric" : "fixed", "lo", Double.toString(lo), "hi", Double.toString(hi));
    }
}
