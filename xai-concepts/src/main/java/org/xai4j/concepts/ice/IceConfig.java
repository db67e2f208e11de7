package org.xai4j.concepts.ice;

import org.xai4j.concepts.nmf.NmfConfig;
import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.WithBatch;
import org.xai4j.core.WithLayer;
import org.xai4j.core.Withers;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of {@link Ice}. */
@Withers
public record IceConfig(
        @Help("the layer to factorise (an N×C×h×w ReLU output)") String layer,
        @Help("the NMF settings (components = K concepts)") NmfConfig nmf,
        @Help("present when the concept score reaches this fraction of its largest score") double presenceThreshold,
        @Help("images per model call") BatchPolicy batch) implements WithBatch, WithLayer, IceConfigWithers {
    /** No layer, {@link NmfConfig#DEFAULTS} (K = 10, NNDSVD), presence at half the largest score, 64 images per call. */
    public static final IceConfig DEFAULTS = new IceConfig(null, NmfConfig.DEFAULTS, 0.5, BatchPolicy.DEFAULT);
    /** @param layer see {@link #layer()}
     * @param nmf see {@link #nmf()}
     * @param presenceThreshold see {@link #presenceThreshold()}
     * @param batch see {@link #batch()}
     * @throws InvalidConfigException if {@code layer} is blank, {@code nmf} or {@code batch} is null, or {@code
     *     presenceThreshold} is outside [0, 1] */
    public IceConfig {
        if (layer != null && layer.isBlank()) {
            throw new InvalidConfigException("layer must not be blank");
        }
        Checks.requireNonNull(nmf, "nmf");
        if (!(presenceThreshold >= 0 && presenceThreshold <= 1)) {
            throw new InvalidConfigException("presenceThreshold must lie in [0, 1] but was " + presenceThreshold);
        }
        Checks.requireNonNull(batch, "batch");
    }
    /** {@return {@link #DEFAULTS} at {@code layer} with K concepts}
     * @param layer the layer to factorise (an N×C×h×w ReLU output)
     * @param concepts K, at least 1 */
    public static IceConfig of(String layer, int concepts) {
        return DEFAULTS.withLayer(layer).withNmf(DEFAULTS.nmf.withComponents(concepts));
    }
    /** {@return a copy with another number of concepts K ({@code nmf.components})}
     * @param components K, at least 1 */
    public IceConfig withComponents(int components) { return withNmf(nmf.withComponents(components)); }
    /** {@return a copy with another NMF seed ({@code nmf.seed}, used by the RANDOM initialisation)}
     * @param seed the seed */
    public IceConfig withSeed(long seed) { return withNmf(nmf.withSeed(seed)); }
    /** The layer, or an error saying it must be set. */
    String requireLayer() {
        if (layer == null) {
            throw new InvalidConfigException("layer: ICE needs the name of the layer to factorise (IceConfig.withLayer)");
        }
        return layer;
    }
}
