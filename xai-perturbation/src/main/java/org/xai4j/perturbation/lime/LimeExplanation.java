package org.xai4j.perturbation.lime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.perturbation.RowsExplanation;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.perturbation.features.FeatureMask;

/**
 * LIME's result for every input row: the surrogate's weight per feature, its intercept, its weighted R²
 * on the samples, its prediction for the unperturbed input, the samples themselves (interpretable
 * representation, model scores, kernel weights) and the feature mask; plus an {@link Attribution} of the
 * input's shape in which every element holds its feature's weight.
 */
public final class LimeExplanation extends RowsExplanation<LimeExplanation.Row> {
    /** One row's surrogate. */
    public static final class Row {
        private final FeatureMask mask;
        private final LinearFit fit;
        private final double score;
        private final double[][] design;
        private final double[] sampleScores;
        private final double[] sampleWeights;
        private final List<String> featureNames;

        /**
         * @param mask          the row's features
         * @param fit           the surrogate
         * @param score         the model's target score on the unperturbed row
         * @param design        the samples in the interpretable representation (row 0 is the input)
         * @param sampleScores  the model's target score for each sample
         * @param sampleWeights the kernel weight of each sample
         * @param featureNames  a readable name per feature (tabular rules such as {@code x2 <= 0.5}), or null
         */
        public Row(FeatureMask mask, LinearFit fit, double score, double[][] design, double[] sampleScores,
                   double[] sampleWeights, List<String> featureNames) {
            this(mask, fit, score, copyRows(design), sampleScores.clone(), sampleWeights.clone(), featureNames, true);
        }

        /** Keeps the three arrays as given; {@link #owning} says why. The flag only tells the constructors apart. */
        private Row(FeatureMask mask, LinearFit fit, double score, double[][] design, double[] sampleScores,
                    double[] sampleWeights, List<String> featureNames, boolean owned) {
            this.mask = mask;
            this.fit = fit;
            this.score = score;
            this.design = design;
            this.sampleScores = sampleScores;
            this.sampleWeights = sampleWeights;
            this.featureNames = featureNames == null ? null : List.copyOf(featureNames);
        }

        /**
         * A row that takes over the samples instead of copying them: for this package's explainers, which build
         * the arrays for the row and never touch them again (copying LIME's 1000 samples cost a measurable part
         * of its own time per call).
         */
        static Row owning(FeatureMask mask, LinearFit fit, double score, double[][] design, double[] sampleScores,
                          double[] sampleWeights, List<String> featureNames) {
            return new Row(mask, fit, score, design, sampleScores, sampleWeights, featureNames, true);
        }

        private static double[][] copyRows(double[][] rows) {
            double[][] out = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                out[i] = rows[i].clone();
            }
            return out;
        }

        /**
         * The row's features.
         *
         * @return the mask that maps each input element to its feature (for tabular rows, one feature per column)
         */
        public FeatureMask mask() {
            return mask;
        }

        /**
         * The surrogate's weight per feature.
         *
         * @return a copy, F weights indexed by compacted feature, in units of the model's target score per unit of
         *         the interpretable representation
         */
        public double[] weights() {
            return fit.coefficients();
        }

        /**
         * The surrogate's intercept (lime's {@code intercept}).
         *
         * @return the surrogate's prediction when every interpretable feature is 0
         */
        public double intercept() {
            return fit.intercept();
        }

        /**
         * The surrogate's weighted R² on the samples (lime's {@code score}).
         *
         * @return R², at most 1; values near 1 mean the linear surrogate explains the local samples well
         */
        public double r2() {
            return fit.r2();
        }

        /**
         * The surrogate's prediction for the unperturbed input (lime's {@code local_pred}).
         *
         * @return the surrogate evaluated on the input's interpretable representation (sample 0)
         */
        public double localPrediction() {
            return fit.predict(design[0]);
        }

        /**
         * The model's target score on the unperturbed input.
         *
         * @return the score the surrogate approximates near the input
         */
        public double score() {
            return score;
        }

        /**
         * The surrogate.
         *
         * @return the fitted linear model
         */
        public LinearFit fit() {
            return fit;
        }

        /**
         * The samples in the interpretable representation.
         *
         * @return a copy, S × F; row 0 is the unperturbed input
         */
        public double[][] design() {
            double[][] d = new double[design.length][];
            for (int i = 0; i < design.length; i++) {
                d[i] = design[i].clone();
            }
            return d;
        }

        /**
         * The model's target score for each sample.
         *
         * @return a copy, S scores in the order of {@link #design()}'s rows
         */
        public double[] sampleScores() {
            return sampleScores.clone();
        }

        /**
         * The kernel weight of each sample in the surrogate's fit.
         *
         * @return a copy, S weights in [0, 1] in the order of {@link #design()}'s rows
         */
        public double[] sampleWeights() {
            return sampleWeights.clone();
        }

        /**
         * Readable feature names, or null for image features.
         *
         * @return an unmodifiable list of F names (tabular rules such as {@code x2 <= 0.50}), or null
         */
        public List<String> featureNames() {
            return featureNames;
        }

        /**
         * The {@code k} features with the largest |weight|, largest first (ties: lower index).
         *
         * @param k how many features, ≥ 0; more than F gives all F
         * @return min(k, F) compacted feature indices
         * @throws InvalidConfigException if {@code k < 0}
         */
        public int[] topFeatures(int k) {
            if (k < 0) {
                throw new InvalidConfigException("k must be ≥ 0 but was " + k);
            }
            double[] w = fit.coefficients();
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < w.length; i++) {
                idx.add(i);
            }
            idx.sort(Comparator.<Integer>comparingDouble(i -> -Math.abs(w[i])).thenComparingInt(i -> i));
            return idx.stream().limit(k).mapToInt(Integer::intValue).toArray();
        }

        /**
         * A 0/1 array of the mask's shape marking those of the top {@code k} features with a positive weight
         * (lime's {@code get_image_and_mask(positive_only=True)}).
         *
         * @param k how many top features (by |weight|) to consider, ≥ 0
         * @return a new DOUBLE array of the mask's shape
         * @throws InvalidConfigException if {@code k < 0}
         */
        public INDArray positiveMask(int k) {
            return signMask(k, 1);
        }

        /**
         * A 0/1 array of the mask's shape marking those of the top {@code k} features with a negative weight.
         *
         * @param k how many top features (by |weight|) to consider, ≥ 0
         * @return a new DOUBLE array of the mask's shape
         * @throws InvalidConfigException if {@code k < 0}
         */
        public INDArray negativeMask(int k) {
            return signMask(k, -1);
        }

        private INDArray signMask(int k, int sign) {
            double[] w = fit.coefficients();
            return mask.indicator(java.util.Arrays.stream(topFeatures(k)).filter(i -> Math.signum(w[i]) == sign).toArray());
        }
    }

    /**
     * An explanation from its rows and their spread weights.
     *
     * @param rows        one surrogate per input row, in input order; copied
     * @param attribution the weights spread over the input's shape, with the provenance of the run
     */
    public LimeExplanation(List<Row> rows, Attribution attribution) {
        super(rows, attribution);
    }
}
