package org.xai4j.attribution.gradient;

import org.xai4j.core.Help;
import org.xai4j.core.WithBatch;
import org.xai4j.core.Withers;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of {@link InputXGradient}; Captum's {@code InputXGradient} has none beyond the target. */
@Withers
public record InputXGradientConfig(@Help("rows per model call") BatchPolicy batch
        ) implements WithBatch, InputXGradientConfigWithers {
    /** 64 rows per model call. */
    public static final InputXGradientConfig DEFAULTS = new InputXGradientConfig(BatchPolicy.DEFAULT);
    /** @param batch see {@link #batch()}
     * @throws org.xai4j.core.InvalidConfigException if {@code batch} is null */
    public InputXGradientConfig {
        Checks.requireNonNull(batch, "batch");
    }
}
