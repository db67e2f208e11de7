package org.xai4j.attribution.gradient;

import org.xai4j.core.Help;
import org.xai4j.core.WithBatch;
import org.xai4j.core.Withers;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of {@link Saliency} (Simonyan et al. 2014); {@link #DEFAULTS} follow Captum's {@code Saliency.attribute},
 * which has no {@code maxOverChannels}. */
@Withers
public record SaliencyConfig(
        @Help("absolute value of the gradient (Captum's abs); false gives the signed gradient") boolean abs,
        @Help("keep the largest channel per pixel: N×C×H×W becomes N×1×H×W (Simonyan et al.'s map)")
        boolean maxOverChannels,
        @Help("rows per model call") BatchPolicy batch) implements WithBatch, SaliencyConfigWithers {
    /** Captum's defaults: the absolute gradient (its magnitude), every channel kept, 64 rows per call. */
    public static final SaliencyConfig DEFAULTS = new SaliencyConfig(true, false, BatchPolicy.DEFAULT);
    /** @param abs see {@link #abs()}
     * @param maxOverChannels see {@link #maxOverChannels()}
     * @param batch see {@link #batch()}
     * @throws org.xai4j.core.InvalidConfigException if {@code batch} is null */
    public SaliencyConfig {
        Checks.requireNonNull(batch, "batch");
    }
}
