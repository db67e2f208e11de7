package org.xai4j.attribution;

import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.Help;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link Saliency} (Simonyan et al. 2014). {@link #DEFAULTS} follow Captum's
 * {@code Saliency.attribute}: the magnitude of the gradient, no reduction over channels. Captum has no
 * {@code maxOverChannels}.
 */
public record SaliencyConfig(
        @Help("absolute value of the gradient (Captum's abs); false gives the signed gradient") boolean abs,
        @Help("keep the largest channel per pixel: N×C×H×W becomes N×1×H×W (Simonyan et al.'s map)")
        boolean maxOverChannels,
        @Help("rows per model call") BatchPolicy batch) implements ExplainerConfig {
    /** Captum's defaults: the absolute gradient, every channel kept, 64 rows per call. */
    public static final SaliencyConfig DEFAULTS = new SaliencyConfig(true, false, BatchPolicy.DEFAULT);

    /**
     * Checks the settings.
     *
     * @param abs             report |∇f| (Captum's {@code abs}); false gives the signed gradient
     * @param maxOverChannels reduce N × C × H × W to N × 1 × H × W by the maximum over C
     * @param batch           how many rows go through the model per call
     * @throws org.xai4j.core.InvalidConfigException if {@code batch} is null
     */
    public SaliencyConfig {
        Checks.requireNonNull(batch, "batch");
    }

    /**
     * A copy that reports the gradient's magnitude or its sign.
     *
     * @param abs true for |∇f| (Captum's default), false for the signed gradient
     * @return new settings, the other components unchanged
     */
    public SaliencyConfig withAbs(boolean abs) { return new SaliencyConfig(abs, maxOverChannels, batch); }

    /**
     * A copy that keeps the largest channel per position, or every channel.
     *
     * @param maxOverChannels true to reduce N × C × H × W to N × 1 × H × W by the maximum over C (Simonyan et
     *                        al.'s map), false to keep the input's shape
     * @return new settings, the other components unchanged
     */
    public SaliencyConfig withMaxOverChannels(boolean maxOverChannels) { return new SaliencyConfig(abs, maxOverChannels, batch); }

    /**
     * A copy with another batch policy.
     *
     * @param batch how many rows go through the model per call; not null
     * @return new settings, the other components unchanged
     * @throws org.xai4j.core.InvalidConfigException if {@code batch} is null
     */
    public SaliencyConfig withBatch(BatchPolicy batch) { return new SaliencyConfig(abs, maxOverChannels, batch); }
}
