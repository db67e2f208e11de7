package org.xai4j.perturbation.shapley;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Capability;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.util.Rng;

/**
 * Shapley value sampling (Castro, Gómez and Tejada, "Polynomial calculation of the Shapley value based on
 * sampling", 2009; Captum's {@code ShapleyValueSampling}): for each of P random orderings of the features,
 * add the features one at a time to the empty coalition and credit each with the change in the score;
 * the values are the mean credits. With {@code antithetic}, every second ordering is the reverse of the
 * previous one, which cancels much of the variance. Each ordering telescopes, so the values always sum
 * to v(N) − v(∅) exactly. Cost: 2 + P·(F − 1) coalitions per row (v(∅) and v(N) are shared).
 */
public final class ShapleyValueSampling extends ShapleyExplainer<ShapleyValueSamplingConfig> {
    /** The method's one name (registry, command line, provenance). */
    public static final String NAME = "shapley-sampling";

    /**
     * Shapley value sampling of {@code model}.
     *
     * @param model  the model explained, used as a black box (forward passes only)
     * @param config the segmenter, baseline, number of permutations, seed and batch policy
     * @throws org.xai4j.core.InvalidConfigException if an argument is null
     */
    public ShapleyValueSampling(PredictionFunction model, ShapleyValueSamplingConfig config) {
        super(NAME, model, config, Capability.BLACK_BOX,
                Capability.BASELINE, Capability.STOCHASTIC, Capability.CONVERGENCE_DELTA);
    }

    @Override
    Setup setup(INDArray input) {
        return new Setup(config, method());
    }

    private ShapleyRun.Method method() {
        int p = config.permutations();
        return new ShapleyRun.Method() {
            @Override
            public void checkFeatures(int numFeatures, int row) {
                if (plannedCoalitions(numFeatures) > Integer.MAX_VALUE) {
                    throw new InvalidConfigException(p + " permutations of " + numFeatures + " features need more than "
                            + Integer.MAX_VALUE + " coalitions for row " + row + "; use fewer permutations or features");
                }
            }

            @Override
            public String parameter() {
                return "samples (ShapleyValueSamplingConfig.permutations in the API)";
            }

            @Override
            public String coalitionFormula() {
                return "2 + samples=" + p + " × (features − 1) coalitions";
            }

            @Override
            public long plannedCoalitions(int numFeatures) {
                return 2 + (long) p * (numFeatures - 1);
            }

            @Override
            public ShapleyRun.Solution solve(ShapleyRun.Game game, Rng rng) {
                int m = game.numFeatures();
                int[][] orders = new int[p][];
                for (int k = 0; k < p; k++) {
                    if (config.antithetic() && k % 2 == 1) {
                        orders[k] = new int[m];
                        for (int j = 0; j < m; j++) {
                            orders[k][j] = orders[k - 1][m - 1 - j];
                        }
                    } else {
                        orders[k] = rng.permutation(m);
                    }
                }
                double[] ends = game.emptyAndFull();
                double[] v = m > 1 ? game.values(p * (m - 1), (k, present) -> {
                    int[] order = orders[k / (m - 1)];
                    int size = k % (m - 1) + 1;
                    for (int j = 0; j < size; j++) {
                        present[order[j]] = true;
                    }
                }) : new double[0];
                double[] phi = new double[m];
                for (int k = 0; k < p; k++) {
                    double previous = ends[0];
                    for (int j = 0; j < m; j++) {
                        double current = j == m - 1 ? ends[1] : v[k * (m - 1) + j];
                        phi[orders[k][j]] += current - previous;
                        previous = current;
                    }
                }
                for (int i = 0; i < m; i++) {
                    phi[i] /= p;
                }
                return new ShapleyRun.Solution(phi, ends[0], ends[1]);
            }
        };
    }
}
