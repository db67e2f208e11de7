package org.xai4j.metrics.faithfulness;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Checks;
import org.xai4j.core.util.Rng;
import org.xai4j.metrics.MapRows;
import org.xai4j.metrics.MetricValues;
import org.xai4j.metrics.UndefinedMetricException;
import org.xai4j.metrics.similarity.MapSimilarity;

/**
 * Monotonicity correlation (Nguyen, Martínez: "On Quantitative Aspects of Model Interpretability", 2020;
 * Quantus's {@code MonotonicityCorrelation}): for every feature i alone, its effect
 * eᵢ = mean over baseline draws of (f(x) − f(x with feature i from the baseline))², and the Spearman
 * correlation between |φᵢ| and eᵢ. In [−1, 1], higher is better. Costs one model call per feature and
 * draw (batched).
 *
 * <p>Undefined ({@link UndefinedMetricException}) for a row whose |φ| or effects are all equal.
 */
public final class MonotonicityCorrelation {
    private final MonotonicityCorrelationConfig config;

    /**
     * Monotonicity correlation with {@code config}.
     *
     * @param config the samples, baseline, seed and batch policy
     * @throws org.xai4j.core.InvalidConfigException if {@code config} is null
     */
    public MonotonicityCorrelation(MonotonicityCorrelationConfig config) {
        this.config = Checks.requireNonNull(config, "config");
    }

    /** Monotonicity correlation with {@link MonotonicityCorrelationConfig#DEFAULTS}. */
    public MonotonicityCorrelation() {
        this(MonotonicityCorrelationConfig.DEFAULTS);
    }

    /**
     * The monotonicity correlation of every row; see {@link Deletion#evaluate} for the arguments.
     *
     * @param model the model
     * @param input N rows; not modified
     * @param attributions the maps to evaluate: the input's shape, or without its channel axis
     * @param target the scores to follow; resolved once on {@code input}
     * @return per row, Spearman's ρ between the attributions and the score changes, in [−1, 1]
     */
    public MetricValues evaluate(PredictionFunction model, INDArray input, INDArray attributions, Target target) {
        Checks.requireNonNull(model, "model");
        Checks.requireNonNull(target, "target");
        Features f = Features.of(input, attributions);
        double[][] phi = MapRows.rows(attributions, "attributions");
        double[][] x = MapRows.rows(input, "input");
        int s = config.samples();
        double[][][] refs = new double[s][][];
        for (int d = 0; d < s; d++) {
            refs[d] = Curves.baselineRows(input, config.baseline(), config.seed() + d);
        }
        Scorer scorer = new Scorer(model, target, input, config.batch());
        double[] fx = scorer.originalScores();
        int perRow = f.count * s;
        int total = f.rows * perRow;
        int[] source = new int[total];
        for (int j = 0; j < total; j++) {
            source[j] = j / perRow;
        }
        double[] scores = scorer.scores(total, source, (j, dst) -> {
            int i = j / perRow;
            int feature = (j % perRow) / s;
            int draw = j % s;
            System.arraycopy(x[i], 0, dst, 0, dst.length);
            f.copyFeature(refs[draw][i], dst, feature);
        });
        double[] out = new double[f.rows];
        for (int i = 0; i < f.rows; i++) {
            double[] abs = new double[f.count];
            double[] effect = new double[f.count];
            for (int q = 0; q < f.count; q++) {
                abs[q] = Math.abs(phi[i][q]);
                for (int d = 0; d < s; d++) {
                    double delta = fx[i] - scores[i * perRow + q * s + d];
                    effect[q] += delta * delta / s;
                }
            }
            try {
                out[i] = MapSimilarity.spearman().between(abs, effect, new long[] {f.count});
            } catch (UndefinedMetricException e) {
                throw new UndefinedMetricException("monotonicity correlation, row " + i + ": " + e.getMessage()
                        + " (first: |attribution|, second: effect of each feature)");
            }
        }
        Long seed = config.baseline().isRandom() ? config.seed() : null;
        return new MetricValues("monotonicity-correlation", out, Curves.provenance("monotonicity-correlation", config,
                model, scorer.target(), config.baseline().describe(), seed));
    }
}
