package org.xai4j.metrics.faithfulness;

/**
 * The insertion curve and its area (Petsiuk, Das, Saenko, RISE, BMVC 2018). Starting from the baseline
 * (zeros, or e.g. {@link org.xai4j.core.baseline.Baseline#blur(double) a blurred copy}), the input's
 * features are put back {@code stepSize} at a time in order of relevance (most relevant first by
 * default); the target score is recorded at fractions 0 … 1. With most-relevant-first, a faithful map
 * makes the score rise fast: higher AUC is better.
 */
public final class Insertion extends CurveMetric {
    /**
     * Insertion with {@code config}.
     *
     * @param config the order, step size, baseline, seed and batch policy
     * @throws org.xai4j.core.InvalidConfigException if {@code config} is null
     */
    public Insertion(CurveConfig config) {
        super("insertion", false, config);
    }

    /** With the defaults: most relevant first, one feature per step, zero baseline. */
    public Insertion() {
        this(CurveConfig.DEFAULTS);
    }
}
