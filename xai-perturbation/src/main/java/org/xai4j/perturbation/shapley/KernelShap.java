package org.xai4j.perturbation.shapley;

import org.xai4j.core.run.Limits;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Capability;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.util.Rng;
import org.xai4j.perturbation.SymmetricSolver;

/**
 * KernelSHAP (Lundberg and Lee, "A Unified Approach to Interpreting Model Predictions", NeurIPS 2017),
 * following shap's KernelExplainer: coalitions are chosen by {@link KernelShapSampler} (complete sizes
 * first, then paired random samples), each weighted by the Shapley kernel, and the values solve the
 * weighted least-squares fit of v(S) − v(∅) by Σ_{i∈S} φ_i under the constraint Σφ = v(N) − v(∅). The
 * constraint is enforced exactly by eliminating the last feature (φ_F = Δ − Σ_{i&lt;F} φ_i), so efficiency
 * holds to rounding for every sample count. With all 2^F − 2 coalitions the result is the exact Shapley
 * values. A background set ({@link org.xai4j.core.baseline.Baseline#background}) is averaged over.
 */
public final class KernelShap extends ShapleyExplainer<KernelShapConfig> {
    /** The method's one name (registry, command line, provenance). */
    public static final String NAME = "kernel-shap";

    /**
     * Kernel SHAP of {@code model}.
     *
     * @param model  the model explained, used as a black box (forward passes only)
     * @param config the segmenter, baseline or background set, sample count, seed and batch policy
     * @throws org.xai4j.core.InvalidConfigException if an argument is null
     */
    public KernelShap(PredictionFunction model, KernelShapConfig config) {
        super(NAME, model, config, Capability.BLACK_BOX, Capability.BASELINE,
                Capability.STOCHASTIC, Capability.CONVERGENCE_DELTA);
    }

    @Override
    Setup setup(INDArray input) {
        return new Setup(config, method());
    }

    private ShapleyRun.Method method() {
        // one explain call's designs by feature count: the plan draws each once and solve() uses it for every row
        java.util.Map<Integer, KernelShapSampler.Design> designs = new java.util.HashMap<>();
        return new ShapleyRun.Method() {
            @Override
            public void checkFeatures(int numFeatures, int row) {
                int samples = config.samplesFor(numFeatures);
                if (numFeatures > 1 && samples < numFeatures) {
                    throw new InvalidConfigException("KernelShap needs at least as many samples as features to fit one value"
                            + " per feature, but samples=" + samples + " and row " + row + " has " + numFeatures
                            + " features; raise samples or use a coarser feature mask");
                }
            }

            @Override
            public String parameter() {
                return "samples";
            }

            @Override
            public String coalitionFormula() {
                return "2 + the distinct coalitions sampled (samples=" + (config.samples() == 0
                        ? "0: 2·features + 2048" : Integer.toString(config.samples())) + ", at most 2^features − 2)";
            }

            @Override
            public long plannedCoalitions(int numFeatures) {
                if (numFeatures == 1) {
                    return 2;
                }
                long upper = 2L + (numFeatures <= 30 ? Math.min(config.samplesFor(numFeatures),
                        (1L << numFeatures) - 2) : config.samplesFor(numFeatures));
                if (upper > Limits.current().maxPasses()) {
                    return upper; // refused by the budget anyway: not worth drawing the design to count it
                }
                // the design solve() uses, so this is the exact count (fewer than samples when draws repeat)
                return 2L + design(numFeatures, Rng.seeded(config.seed())).coalitions().size();
            }

            /**
             * The coalitions and weights for rows of m features, drawn once per call: with {@code rng} seeded by
             * the settings' seed (as the plan's and every row's generator is), its first use, so every row gets the
             * same design whether it is drawn here or reused.
             */
            private KernelShapSampler.Design design(int m, Rng rng) {
                return designs.computeIfAbsent(m, f -> KernelShapSampler.sample(f, config.samplesFor(f),
                        config.paired(), rng));
            }

            @Override
            public ShapleyRun.Solution solve(ShapleyRun.Game game, Rng rng) {
                int m = game.numFeatures();
                double[] ends = game.emptyAndFull();
                double delta = ends[1] - ends[0];
                if (m == 1) {
                    return new ShapleyRun.Solution(new double[] {delta}, ends[0], ends[1]);
                }
                KernelShapSampler.Design design = design(m, rng);
                List<boolean[]> coalitions = design.coalitions();
                double[] v = game.values(coalitions.size(), (k, present) ->
                        System.arraycopy(coalitions.get(k), 0, present, 0, m));
                return new ShapleyRun.Solution(solveConstrained(coalitions, design.weights(), v, ends[0], delta), ends[0], ends[1]);
            }
        };
    }

    /**
     * The weighted least-squares values under Σφ = delta: with z the coalition indicators and
     * y = v − base, minimise Σ_k w_k (y_k − z_k·φ)² after substituting φ_last = delta − Σ_{j<last} φ_j.
     */
    static double[] solveConstrained(List<boolean[]> z, double[] w, double[] v, double base, double delta) {
        int m = z.get(0).length;
        int p = m - 1;
        double[][] a = new double[p][p];
        double[] b = new double[p];
        int[] differ = new int[p];
        for (int k = 0; k < z.size(); k++) {
            boolean[] c = z.get(k);
            boolean lastIn = c[p];
            double last = lastIn ? 1.0 : 0.0;
            double y = v[k] - base - last * delta;
            double wk = w[k];
            // x_j = [j ∈ S] − [last ∈ S] is non-zero only where feature j's membership differs from the last one's,
            // and there it is +1 for every j (last out) or −1 for every j (last in): so w·x_i·x_j is exactly w and
            // w·x_i·y exactly ±(w·y). A zero term is ±0 and changes no sum, so each entry of a and b adds the same
            // values in the same order of k as the dense sums over all entries: the result is the same to the bit.
            int count = 0;
            for (int j = 0; j < p; j++) {
                differ[count] = j;
                count += c[j] != lastIn ? 1 : 0; // no branch: membership is random
            }
            double wy = wk * y;
            double bTerm = lastIn ? -wy : wy;
            for (int q = 0; q < count; q++) {
                int i = differ[q];
                b[i] += bTerm;
                double[] ai = a[i];
                for (int r = 0; r <= q; r++) {
                    ai[differ[r]] += wk;
                }
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = i + 1; j < p; j++) {
                a[i][j] = a[j][i];
            }
        }
        double[] phiHead = SymmetricSolver.solve(a, b);
        double[] phi = new double[m];
        double sum = 0;
        for (int j = 0; j < p; j++) {
            phi[j] = phiHead[j];
            sum += phiHead[j];
        }
        phi[p] = delta - sum;
        return phi;
    }
}
