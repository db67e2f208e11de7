package org.xai4j.metrics.similarity;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.util.Checks;

/**
 * The Jaccard index |A ∩ B| / |A ∪ B| of thresholded maps: A holds the elements of the first row that pass
 * the threshold, B those of the second row. Three rules:
 * <ul>
 *   <li>{@link #above(double)}: value &gt; t;</li>
 *   <li>{@link #absoluteAbove(double)}: |value| &gt; t;</li>
 *   <li>{@link #relativeToMax(double)}: |value| &gt; f · max|value| of that row (each map on its own scale).</li>
 * </ul>
 * When neither map has an element past the threshold the two (empty) sets are identical and the index is
 * defined as 1, as scipy's {@code spatial.distance.jaccard} (distance 0) does.
 */
public final class ThresholdJaccard implements MapSimilarity {
    /** How an element is tested against the threshold. */
    public enum Rule {
        /** value &gt; t. */
        ABOVE,
        /** |value| &gt; t. */
        ABSOLUTE_ABOVE,
        /** |value| &gt; t · max |value| of the row. */
        RELATIVE_TO_MAX
    }

    private final Rule rule;
    private final double threshold;

    private ThresholdJaccard(Rule rule, double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new InvalidConfigException("Jaccard threshold must be finite but was " + threshold);
        }
        if (rule == Rule.RELATIVE_TO_MAX && !(threshold >= 0 && threshold < 1)) {
            throw new InvalidConfigException("relative Jaccard threshold must lie in [0, 1) but was " + threshold);
        }
        this.rule = Checks.requireNonNull(rule, "rule");
        this.threshold = threshold;
    }

    /**
     * Elements whose value exceeds {@code t}.
     *
     * @param t the threshold
     * @return the measure
     */
    public static ThresholdJaccard above(double t) {
        return new ThresholdJaccard(Rule.ABOVE, t);
    }

    /**
     * Elements whose absolute value exceeds {@code t}.
     *
     * @param t the threshold, at least 0
     * @return the measure
     */
    public static ThresholdJaccard absoluteAbove(double t) {
        return new ThresholdJaccard(Rule.ABSOLUTE_ABOVE, t);
    }

    /**
     * Elements whose absolute value exceeds {@code fraction} of the row's largest absolute value.
     *
     * @param fraction the fraction of the row's largest absolute value, in [0, 1]
     * @return the measure
     */
    public static ThresholdJaccard relativeToMax(double fraction) {
        return new ThresholdJaccard(Rule.RELATIVE_TO_MAX, fraction);
    }

    @Override
    public String name() {
        return "threshold-jaccard";
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("rule", rule.name());
        m.put("threshold", Double.toString(threshold));
        return m;
    }

    @Override
    public double between(double[] a, double[] b, long[] rowShape) {
        boolean[] sa = select(a);
        boolean[] sb = select(b);
        int inter = 0;
        int union = 0;
        for (int i = 0; i < sa.length; i++) {
            if (sa[i] && sb[i]) {
                inter++;
            }
            if (sa[i] || sb[i]) {
                union++;
            }
        }
        return union == 0 ? 1.0 : inter / (double) union;
    }

    private boolean[] select(double[] v) {
        double t = threshold;
        if (rule == Rule.RELATIVE_TO_MAX) {
            double max = 0;
            for (double x : v) {
                max = Math.max(max, Math.abs(x));
            }
            t = threshold * max;
        }
        boolean[] s = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            double x = rule == Rule.ABOVE ? v[i] : Math.abs(v[i]);
            s[i] = x > t;
        }
        return s;
    }
}
