package org.xai4j.concepts.nmf;

import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.WithSeed;
import org.xai4j.core.Withers;
import org.xai4j.core.util.Checks;

/** Settings of {@link Nmf}. The objective is ½‖V − S·P‖²_F + l1·(ΣS + ΣP) + ½·l2·(‖S‖²_F + ‖P‖²_F) over S, P ≥ 0.
 * scikit-learn's {@code NMF(alpha_W=a, l1_ratio=r)} on an n × c matrix is, in these terms, l1 = a·r·c and l2 = a·(1 −
 * r)·c on S, and the same with n on P; here one l1 and one l2 apply to both factors. */
@Withers
public record NmfConfig(
        @Help("number of components K (concepts)") int components,
        @Help("initialisation: NNDSVD, NNDSVDA or RANDOM") NmfInit init,
        @Help("stop when the projected-gradient violation falls to this fraction of the first iteration's")
        double tolerance,
        @Help("the most HALS iterations (one pass over the data each)") int maxIterations,
        @Help("L1 penalty on both factors") double l1,
        @Help("L2 penalty on both factors") double l2,
        @Help("seed of the RANDOM initialisation") long seed) implements WithSeed, NmfConfigWithers {
    /** K = 10, NNDSVD, tolerance 10⁻⁴, 200 iterations, no penalties, seed 0 (scikit-learn's defaults but init). */
    public static final NmfConfig DEFAULTS = new NmfConfig(10, NmfInit.NNDSVD, 1e-4, 200, 0, 0, 0);
    /** @param components see {@link #components()}
     * @param init see {@link #init()}
     * @param tolerance see {@link #tolerance()}
     * @param maxIterations see {@link #maxIterations()}
     * @param l1 see {@link #l1()}
     * @param l2 see {@link #l2()}
     * @param seed see {@link #seed()}
     * @throws InvalidConfigException if {@code components} or {@code maxIterations} is below 1, {@code init} is null,
     *     or {@code tolerance}, {@code l1} or {@code l2} is negative or not finite */
    public NmfConfig {
        Checks.requireAtLeast(components, 1, "components");
        if (init == null) {
            throw new InvalidConfigException("init must be one of NNDSVD, NNDSVDA, RANDOM but was null");
        }
        Checks.requireNonNegative(tolerance, "tolerance");
        Checks.requireAtLeast(maxIterations, 1, "maxIterations");
        Checks.requireNonNegative(l1, "l1");
        Checks.requireNonNegative(l2, "l2");
    }
}
