package org.xai4j.metrics.faithfulness;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Checks;

/**
 * Pixel flipping (Bach et al.: "On pixel-wise explanations for non-linear classifier decisions by
 * layer-wise relevance propagation", PLoS ONE 2015) summarised by the area over the perturbation curve
 * (Samek et al.: "Evaluating the visualization of what a deep neural network has learned", IEEE TNNLS
 * 2017): features are flipped to the baseline {@code stepSize} at a time, most relevant first by default,
 * and
 * <pre>AOPC = 1/(L+1) · Σ_{k=0..L} (f(x⁽⁰⁾) − f(x⁽ᵏ⁾))</pre>
 * over the L steps (x⁽⁰⁾ the unperturbed input). Higher AOPC (with most-relevant-first) is better.
 */
public final class PixelFlipping {
    private final CurveConfig config;

    /**
     * Pixel flipping with {@code config}.
     *
     * @param config the order, step size, baseline, seed and batch policy
     * @throws org.xai4j.core.InvalidConfigException if {@code config} is null
     */
    public PixelFlipping(CurveConfig config) {
        this.config = Checks.requireNonNull(config, "config");
    }

    /** With the defaults: most relevant first, one feature per step, zero baseline. */
    public PixelFlipping() {
        this(CurveConfig.DEFAULTS);
    }

    /** The result: the flipping curve and each row's AOPC. */
    public record Result(PerturbationCurve curve, double[] aopc) {
        /**
         * Copies the AOPC array.
         *
         * @param curve the flipping curve, most relevant first
         * @param aopc  each row's AOPC
         */
        public Result {
            aopc = aopc.clone();
        }

        /**
         * Each row's AOPC (area over the perturbation curve).
         *
         * @return a copy of the N values
         */
        @Override
        public double[] aopc() {
            return aopc.clone();
        }

        /**
         * The mean AOPC over rows.
         *
         * @return the mean of {@link #aopc()}
         */
        public double meanAopc() {
            double s = 0;
            for (double a : aopc) {
                s += a;
            }
            return s / aopc.length;
        }
    }

    /**
     * Flips the features of every row; see {@link Deletion#evaluate} for the arguments.
     *
     * @param model the model
     * @param input N rows; not modified
     * @param attributions the maps to evaluate: the input's shape, or without its channel axis
     * @param target the scores to follow; resolved once on {@code input}
     * @return the flipping curve and each row's AOPC
     */
    public Result evaluate(PredictionFunction model, INDArray input, INDArray attributions, Target target) {
        PerturbationCurve curve = Curves.run("pixel-flipping", model, input, attributions, target,
                config.order() == PerturbationOrder.MOST_RELEVANT_FIRST, true, config);
        double[][] s = curve.scores();
        double[] aopc = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            double sum = 0;
            for (double v : s[i]) {
                sum += s[i][0] - v;
            }
            aopc[i] = sum / s[i].length;
        }
        return new Result(curve, aopc);
    }
}
