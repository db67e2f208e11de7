package org.xai4j.metrics.faithfulness;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Checks;

/**
 * Monotonicity (Arya et al.: "One Explanation Does Not Fit All: A Toolkit and Taxonomy of AI
 * Explainability Techniques", 2019; Quantus's {@code Monotonicity}): starting from the baseline, features
 * are added back {@code stepSize} at a time from the least to the most relevant; the explanation is
 * monotonic when the target score never decreases along the way. Reported per row: the curve, whether
 * it is monotonic, and the share of steps that do not decrease the score.
 *
 * <p>The order is by signed relevance (pass |φ| to order by magnitude). {@link CurveConfig#order()} is
 * ignored.
 */
public final class Monotonicity {
    private final CurveConfig config;

    /**
     * Monotonicity with {@code config}; its order is ignored (features are always added least relevant first).
     *
     * @param config the step size, baseline, seed and batch policy
     * @throws org.xai4j.core.InvalidConfigException if {@code config} is null
     */
    public Monotonicity(CurveConfig config) {
        this.config = Checks.requireNonNull(config, "config");
    }

    /** Monotonicity with {@link CurveConfig#DEFAULTS}. */
    public Monotonicity() {
        this(CurveConfig.DEFAULTS);
    }

    /**
     * The result.
     *
     * @param curve                the insertion curve, least relevant first
     * @param monotonic            per row: no step decreased the score
     * @param nonDecreasingShare   per row: the share of steps that did not decrease the score
     */
    public record Result(PerturbationCurve curve, boolean[] monotonic, double[] nonDecreasingShare) {
        /**
         * Copies the arrays, so that later changes by the caller do not reach this result.
         *
         * @param curve the insertion curve, least relevant first
         * @param monotonic per row: no step decreased the score
         * @param nonDecreasingShare per row: the share of steps that did not decrease the score
         */
        public Result {
            monotonic = monotonic.clone();
            nonDecreasingShare = nonDecreasingShare.clone();
        }

        /**
         * Per row: no step decreased the score.
         *
         * @return a copy
         */
        @Override
        public boolean[] monotonic() {
            return monotonic.clone();
        }

        /**
         * Per row: the share of steps that did not decrease the score.
         *
         * @return a copy
         */
        @Override
        public double[] nonDecreasingShare() {
            return nonDecreasingShare.clone();
        }
    }

    /**
     * Monotonicity of every row; see {@link Deletion#evaluate} for the arguments.
     *
     * @param model the model
     * @param input N rows; not modified
     * @param attributions the maps to evaluate: the input's shape, or without its channel axis
     * @param target the scores to follow; resolved once on {@code input}
     * @return the insertion curve and, per row, whether it never decreases and the share of steps that do not
     */
    public Result evaluate(PredictionFunction model, INDArray input, INDArray attributions, Target target) {
        PerturbationCurve curve = Curves.run("monotonicity", model, input, attributions, target, false, false, config);
        double[][] s = curve.scores();
        boolean[] mono = new boolean[s.length];
        double[] share = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            int ok = 0;
            for (int j = 1; j < s[i].length; j++) {
                if (s[i][j] >= s[i][j - 1]) {
                    ok++;
                }
            }
            mono[i] = ok == s[i].length - 1;
            share[i] = ok / (double) (s[i].length - 1);
        }
        return new Result(curve, mono, share);
    }
}
