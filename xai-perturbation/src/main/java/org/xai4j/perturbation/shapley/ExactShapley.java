package org.xai4j.perturbation.shapley;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Capability;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.util.Rng;

/**
 * Exact Shapley values (Shapley 1953) by evaluating every one of the 2^F coalitions of a row's F features
 * (batched), then φ_i = Σ_{S ∌ i} |S|!(F−|S|−1)!/F! · (v(S ∪ {i}) − v(S)). Deterministic; feasible up to
 * about 20 features (the configured {@code maxFeatures}); beyond that use {@link ShapleyValueSampling} or
 * {@link KernelShap}.
 */
public final class ExactShapley extends ShapleyExplainer<ExactShapleyConfig> {
    /** The method's one name (registry, command line, provenance). */
    public static final String NAME = "shapley-exact";

    /**
     * Exact Shapley values of {@code model} over every coalition of features.
     *
     * @param model  the model explained, used as a black box (forward passes only)
     * @param config the segmenter, baseline, feature limit and batch policy
     * @throws org.xai4j.core.InvalidConfigException if an argument is null
     */
    public ExactShapley(PredictionFunction model, ExactShapleyConfig config) {
        super(NAME, model, config, Capability.BLACK_BOX, Capability.BASELINE,
                Capability.CONVERGENCE_DELTA);
    }

    @Override
    Setup setup(INDArray input) {
        return new Setup(config, method());
    }

    private ShapleyRun.Method method() {
        return new ShapleyRun.Method() {
            @Override
            public void checkFeatures(int numFeatures, int row) {
                if (numFeatures > config.maxFeatures()) {
                    throw new InvalidConfigException("ExactShapley enumerates all 2^F coalitions and allows at most maxFeatures="
                            + config.maxFeatures() + " features (hard limit " + ExactShapleyConfig.HARD_MAX_FEATURES
                            + "), but row " + row + " has " + numFeatures + " features; use ShapleyValueSampling or KernelShap"
                            + " for this many features, or a coarser feature mask");
                }
            }

            @Override
            public String parameter() {
                return "the features (a coarser grid or fewer superpixels)";
            }

            @Override
            public String coalitionFormula() {
                return "2^features coalitions";
            }

            @Override
            public long plannedCoalitions(int numFeatures) {
                return 1L << numFeatures;
            }

            @Override
            public boolean stochastic() {
                return false;
            }

            @Override
            public ShapleyRun.Solution solve(ShapleyRun.Game game, Rng rng) {
                int m = game.numFeatures();
                int count = 1 << m;
                double[] v = game.values(count, (k, present) -> {
                    for (int j = 0; j < m; j++) {
                        present[j] = (k >>> j & 1) != 0;
                    }
                });
                return new ShapleyRun.Solution(shapley(v, m), v[0], v[count - 1]);
            }
        };
    }

    /** Shapley values from the values of all 2^m coalitions (bit j of the index = feature j present). */
    static double[] shapley(double[] v, int m) {
        double[] weight = new double[m];
        for (int s = 0; s < m; s++) {
            // s!(m-s-1)!/m! = 1 / (m · C(m-1, s))
            weight[s] = 1.0 / (m * binomial(m - 1, s));
        }
        double[] phi = new double[m];
        int count = 1 << m;
        for (int set = 0; set < count; set++) {
            double w = weight[Integer.bitCount(set) == m ? 0 : Integer.bitCount(set)];
            for (int i = 0; i < m; i++) {
                int bit = 1 << i;
                if ((set & bit) == 0) {
                    phi[i] += w * (v[set | bit] - v[set]);
                }
            }
        }
        return phi;
    }

    static double binomial(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }
}
