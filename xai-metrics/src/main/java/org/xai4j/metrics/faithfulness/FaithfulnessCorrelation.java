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
 * Faithfulness correlation (Bhatt, Weller, Moura: "Evaluating and Aggregating Feature-based Model
 * Explanations", IJCAI 2020): for {@code runs} random subsets S of k features, the Pearson correlation
 * between the summed relevance Σ_{i∈S} φᵢ and the score drop f(x) − f(x with S set to the baseline). In
 * [−1, 1], higher is better; an additive model explained by its exact contributions scores 1.
 *
 * <p>Undefined ({@link UndefinedMetricException}) for a row where either the relevance sums or the score
 * drops are all equal (a constant map, a model that ignores the features).
 */
public final class FaithfulnessCorrelation {
    private final FaithfulnessCorrelationConfig config;

    /**
     * Faithfulness correlation with {@code config}.
     *
     * @param config the subsets, baseline, seed and batch policy
     * @throws org.xai4j.core.InvalidConfigException if {@code config} is null
     */
    public FaithfulnessCorrelation(FaithfulnessCorrelationConfig config) {
        this.config = Checks.requireNonNull(config, "config");
    }

    /** Faithfulness correlation with {@link FaithfulnessCorrelationConfig#DEFAULTS}. */
    public FaithfulnessCorrelation() {
        this(FaithfulnessCorrelationConfig.DEFAULTS);
    }

    /**
     * The faithfulness correlation of every row; see {@link Deletion#evaluate} for the arguments.
     *
     * @param model the model
     * @param input N rows; not modified
     * @param attributions the maps to evaluate: the input's shape, or without its channel axis
     * @param target the scores to follow; resolved once on {@code input}
     * @return per row, Pearson's r between the subsets' summed attributions and the score drops, in [−1, 1]
     */
    public MetricValues evaluate(PredictionFunction model, INDArray input, INDArray attributions, Target target) {
        Checks.requireNonNull(model, "model");
        Checks.requireNonNull(target, "target");
        Features f = Features.of(input, attributions);
        double[][] phi = MapRows.rows(attributions, "attributions");
        double[][] x = MapRows.rows(input, "input");
        double[][] ref = Curves.baselineRows(input, config.baseline(), config.seed());
        int k = Math.max(1, (int) Math.rint(config.subsetFraction() * f.count));
        Scorer scorer = new Scorer(model, target, input, config.batch());
        double[] fx = scorer.originalScores();
        int runs = config.runs();
        int total = f.rows * runs;
        int[] source = new int[total];
        for (int j = 0; j < total; j++) {
            source[j] = j / runs;
        }
        double[] sums = new double[total];
        double[] perturbed = scorer.scores(total, source, (j, dst) -> {
            int i = j / runs;
            Rng rng = Rng.seeded(config.seed() ^ (0x9E3779B97F4A7C15L * (j + 1L)));
            int[] perm = rng.permutation(f.count);
            System.arraycopy(x[i], 0, dst, 0, dst.length);
            double s = 0;
            for (int q = 0; q < k; q++) {
                f.copyFeature(ref[i], dst, perm[q]);
                s += phi[i][perm[q]];
            }
            sums[j] = s;
        });
        double[] corr = new double[f.rows];
        for (int i = 0; i < f.rows; i++) {
            double[] a = new double[runs];
            double[] d = new double[runs];
            for (int r = 0; r < runs; r++) {
                a[r] = sums[i * runs + r];
                d[r] = fx[i] - perturbed[i * runs + r];
            }
            try {
                corr[i] = MapSimilarity.pearson().between(a, d, new long[] {runs});
            } catch (UndefinedMetricException e) {
                throw new UndefinedMetricException("faithfulness correlation, row " + i
                        + ": relevance sums or score drops do not vary over the subsets (" + e.getMessage() + ")");
            }
        }
        Long seed = config.seed();
        return new MetricValues("faithfulness-correlation", corr, Curves.provenance("faithfulness-correlation", config,
                model, scorer.target(), config.baseline().describe(), seed));
    }
}
