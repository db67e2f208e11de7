package org.xai4j.metrics.faithfulness;

import org.xai4j.core.Help;
import org.xai4j.core.WithBatch;
import org.xai4j.core.WithSamples;
import org.xai4j.core.WithSeed;
import org.xai4j.core.Withers;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of {@link SensitivityMax} (Yeh et al. 2019); {@link #DEFAULTS} as Captum's {@code sensitivity_max}. */
@Withers
public record SensitivityMaxConfig(
        @Help("perturbations per row") int samples,
        @Help("the perturbations are uniform in the L-infinity ball of this radius around the input") double radius,
        @Help("the norm of the change of the map: l2 (Frobenius) or linf") Norm norm,
        @Help("divide by the norm of the unperturbed map (a map of norm 0 is divided by 1, as Captum)")
        boolean normalize,
        @Help("seed of the perturbations") long seed,
        @Help("rows per explainer call") BatchPolicy batch
        ) implements WithSeed, WithBatch, WithSamples, SensitivityMaxConfigWithers {
    /** Captum's {@code sensitivity_max}: 10 perturbations in the L∞ ball of radius 0.02, L2 norm, normalised, seed 0. */
    public static final SensitivityMaxConfig DEFAULTS = new SensitivityMaxConfig(10, 0.02, Norm.L2, true, 0,
            BatchPolicy.DEFAULT);
    /** The norm applied to the flattened difference of maps. */
    public enum Norm {
        /** Euclidean (Frobenius) norm. */
        L2,
        /** Largest absolute element. */
        LINF
    }
    /** @param samples see {@link #samples()}
     * @param radius see {@link #radius()}
     * @param norm see {@link #norm()}
     * @param normalize see {@link #normalize()}
     * @param seed see {@link #seed()}
     * @param batch see {@link #batch()}
     * @throws org.xai4j.core.InvalidConfigException if {@code samples} is below 1, {@code radius} is not a positive
     *     finite number, {@code norm} is null or {@code batch} is null */
    public SensitivityMaxConfig {
        Checks.requireAtLeast(samples, 1, "samples");
        Checks.requirePositive(radius, "radius");
        Checks.requireNonNull(norm, "norm");
        Checks.requireNonNull(batch, "batch");
    }
}
