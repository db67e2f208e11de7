package org.xai4j.metrics.faithfulness;

import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.Help;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of {@link SensitivityMax} (Yeh et al. 2019); {@link #DEFAULTS} as Captum's {@code sensitivity_max}. */
public record SensitivityMaxConfig(
        @Help("perturbations per row") int samples,
        @Help("the perturbations are uniform in the L-infinity ball of this radius around the input") double radius,
        @Help("the norm of the change of the map: l2 (Frobenius) or linf") Norm norm,
        @Help("divide by the norm of the unperturbed map (a map of norm 0 is divided by 1, as Captum)")
        boolean normalize,
        @Help("seed of the perturbations") long seed,
        @Help("rows per explainer call") BatchPolicy batch) implements ExplainerConfig {
    public static final SensitivityMaxConfig DEFAULTS = new SensitivityMaxConfig(10, 0.02, Norm.L2, true, 0,
            BatchPolicy.DEFAULT);

    /** The norm applied to the flattened difference of maps. */
    public enum Norm {
        /** Euclidean (Frobenius) norm. */
        L2,
        /** Largest absolute element. */
        LINF
    }

    public SensitivityMaxConfig {
        Checks.requireAtLeast(samples, 1, "samples");
        Checks.requirePositive(radius, "radius");
        Checks.requireNonNull(norm, "norm");
        Checks.requireNonNull(batch, "batch");
    }

    public SensitivityMaxConfig withSamples(int samples) { return new SensitivityMaxConfig(samples, radius, norm, normalize, seed, batch); }
    public SensitivityMaxConfig withRadius(double radius) { return new SensitivityMaxConfig(samples, radius, norm, normalize, seed, batch); }
    public SensitivityMaxConfig withNorm(Norm norm) { return new SensitivityMaxConfig(samples, radius, norm, normalize, seed, batch); }
    public SensitivityMaxConfig withNormalize(boolean normalize) {
        return new SensitivityMaxConfig(samples, radius, norm, normalize, seed, batch);
    }
    public SensitivityMaxConfig withSeed(long seed) { return new SensitivityMaxConfig(samples, radius, norm, normalize, seed, batch); }
    public SensitivityMaxConfig withBatch(BatchPolicy batch) { return new SensitivityMaxConfig(samples, radius, norm, normalize, seed, batch); }
}
