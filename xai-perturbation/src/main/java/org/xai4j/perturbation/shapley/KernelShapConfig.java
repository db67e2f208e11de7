package org.xai4j.perturbation.shapley;

import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.WithBaseline;
import org.xai4j.core.WithBatch;
import org.xai4j.core.WithSamples;
import org.xai4j.core.WithSeed;
import org.xai4j.core.Withers;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;
import org.xai4j.perturbation.features.Segmenter;

/** Settings of {@link KernelShap} (Lundberg &amp; Lee 2017). */
@Withers
public record KernelShapConfig(
        @Help("the features of each row") Segmenter segmenter,
        @Help("\"feature absent\" values: a number, zeros, blur:SIGMA or uniform:LO:HI; a background set is "
                + "averaged over, as in shap's KernelExplainer") Baseline baseline,
        @Help("coalitions to evaluate besides the empty and the full one; 0 means shap's auto, 2F + 2048; at "
                + "least F, capped at 2^F - 2 (then exact)") int samples,
        @Help("paired (antithetic) sampling: each sampled coalition comes with its complement") boolean paired,
        @Help("perturbed rows per model call") BatchPolicy batch,
        @Help("seeds the coalition sampling") long seed)
        implements CoalitionSettings, WithBaseline, WithBatch, WithSeed, WithSamples, KernelShapConfigWithers {
    /** Every element its own feature, zero baseline, shap's automatic sample count (2F + 2048), paired, seed 0. */
    public static final KernelShapConfig DEFAULTS = new KernelShapConfig(Segmenter.perElement(), Baseline.zeros(), 0,
            true, BatchPolicy.DEFAULT, 0);
    /** @param segmenter see {@link #segmenter()}
     * @param baseline see {@link #baseline()}
     * @param samples see {@link #samples()}
     * @param paired see {@link #paired()}
     * @param batch see {@link #batch()}
     * @param seed see {@link #seed()}
     * @throws InvalidConfigException if a setting is null or out of its range; the message names it */
    public KernelShapConfig {
        Checks.requireNonNull(segmenter, "segmenter");
        Checks.requireNonNull(baseline, "baseline");
        if (samples < 0) {
            throw new InvalidConfigException("KernelShap samples must be ≥ 0 (0 = auto) but was " + samples);
        }
        Checks.requireNonNull(batch, "batch policy");
    }
    /** The number of coalitions sampled for a row with {@code features} features, before capping.
     * @param features F, the row's number of features
     * @return {@code samples}, or 2F + 2048 when it is 0 (shap's auto); the caller caps it at 2^F − 2 */
    public int samplesFor(int features) { return samples == 0 ? 2 * features + 2048 : samples; }
}
