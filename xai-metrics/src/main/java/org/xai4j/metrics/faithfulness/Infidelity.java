package org.xai4j.metrics.faithfulness;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Checks;
import org.xai4j.core.util.Rng;
import org.xai4j.metrics.MapRows;
import org.xai4j.metrics.MetricValues;

/**
 * Explanation infidelity (Yeh, Hsieh, Suggala, Inouye, Ravikumar: "On the (In)fidelity and Sensitivity of
 * Explanations", NeurIPS 2019):
 * <pre>INFD(Φ, f, x) = E_I [ (Iᵀ Φ(x) − (f(x) − f(x − I)))² ]</pre>
 * estimated per row from {@code samples} Gaussian perturbations I ~ N(0, σ²) of the input. For a map
 * without the channel axis, element e of I is paired with the relevance of the feature (pixel) it belongs
 * to. With {@code normalize}, Φ is first multiplied by β = Σ(IᵀΦ)·Δ / Σ(IᵀΦ)² (per row, over the samples),
 * Captum's normalisation. Lower is better; a linear model explained by its gradient scores exactly 0.
 */
public final class Infidelity {
    private final InfidelityConfig config;

    /**
     * Infidelity with {@code config}.
     *
     * @param config the samples, noise, rescaling, seed and batch policy
     * @throws org.xai4j.core.InvalidConfigException if {@code config} is null
     */
    public Infidelity(InfidelityConfig config) {
        this.config = Checks.requireNonNull(config, "config");
    }

    /** Infidelity with {@link InfidelityConfig#DEFAULTS} (Captum's). */
    public Infidelity() {
        this(InfidelityConfig.DEFAULTS);
    }

    /**
     * The infidelity of every row.
     *
     * @param model        the model
     * @param input        N rows; not modified
     * @param attributions the input's shape, or without its channel axis
     * @param target       resolved once on {@code input}
     * @return per row, the mean squared error between the attributions' and the model's response to the
     *     perturbations, at least 0
     */
    public MetricValues evaluate(PredictionFunction model, INDArray input, INDArray attributions, Target target) {
        Checks.requireNonNull(model, "model");
        Checks.requireNonNull(target, "target");
        Features f = Features.of(input, attributions);
        double[][] phi = MapRows.rows(attributions, "attributions");
        double[][] x = MapRows.rows(input, "input");
        Scorer scorer = new Scorer(model, target, input, config.batch());
        double[] fx = scorer.originalScores();
        int s = config.samples();
        int total = f.rows * s;
        int[] source = new int[total];
        for (int j = 0; j < total; j++) {
            source[j] = j / s;
        }
        double[] dots = new double[total];
        double[] perturbedScores = scorer.scores(total, source, (j, dst) -> {
            int i = j / s;
            Rng rng = Rng.seeded(config.seed() ^ (0x9E3779B97F4A7C15L * (j + 1L)));
            double dot = 0;
            for (int e = 0; e < dst.length; e++) {
                double noise = config.noiseSd() * rng.nextGaussian();
                dst[e] = x[i][e] - noise;
                dot += noise * phi[i][f.featureOf(e)];
            }
            dots[j] = dot;
        });
        double[] infd = new double[f.rows];
        for (int i = 0; i < f.rows; i++) {
            double beta = 1.0;
            if (config.normalize()) {
                double num = 0, den = 0;
                for (int k = 0; k < s; k++) {
                    double d = fx[i] - perturbedScores[i * s + k];
                    num += dots[i * s + k] * d;
                    den += dots[i * s + k] * dots[i * s + k];
                }
                beta = den == 0 ? 1.0 : num / den;
            }
            double sum = 0;
            for (int k = 0; k < s; k++) {
                double d = fx[i] - perturbedScores[i * s + k];
                double e = beta * dots[i * s + k] - d;
                sum += e * e;
            }
            infd[i] = sum / s;
        }
        return new MetricValues("infidelity", infd,
                Curves.provenance("infidelity", config, model, scorer.target(), null, config.seed()));
    }
}
