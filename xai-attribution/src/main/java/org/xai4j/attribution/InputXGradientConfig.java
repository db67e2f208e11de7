package org.xai4j.attribution;

import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.Help;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link InputXGradient}; Captum's {@code InputXGradient} has none beyond the target.
 *
 * @param batch how many rows go through the model per call
 */
public record InputXGradientConfig(@Help("rows per model call") BatchPolicy batch) implements ExplainerConfig {
    /** 64 rows per model call. */
    public static final InputXGradientConfig DEFAULTS = new InputXGradientConfig(BatchPolicy.DEFAULT);

    /**
     * Checks the settings.
     *
     * @param batch how many rows go through the model per call; not null
     * @throws org.xai4j.core.InvalidConfigException if {@code batch} is null
     */
    public InputXGradientConfig {
        Checks.requireNonNull(batch, "batch");
    }

    /**
     * A copy with another batch policy.
     *
     * @param batch how many rows go through the model per call; not null
     * @return new settings
     * @throws org.xai4j.core.InvalidConfigException if {@code batch} is null
     */
    public InputXGradientConfig withBatch(BatchPolicy batch) { return new InputXGradientConfig(batch); }
}
