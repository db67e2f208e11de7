package org.xai4j.attribution.gradient;

import org.xai4j.core.Help;
import org.xai4j.core.WithBatch;
import org.xai4j.core.Withers;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of {@link GuidedBackprop} and {@link Deconvolution}; Captum's classes have none beyond the target. */
@Withers
public record ModifiedReluConfig(@Help("rows per backward pass") BatchPolicy batch
        ) implements WithBatch, ModifiedReluConfigWithers {
    /** 64 rows per pass. */
    public static final ModifiedReluConfig DEFAULTS = new ModifiedReluConfig(BatchPolicy.DEFAULT);
    /** @param batch see {@link #batch()}
     * @throws org.xai4j.core.InvalidConfigException if a setting is null or out of its range; the message names it */
    public ModifiedReluConfig {
        Checks.requireNonNull(batch, "batch");
    }
}
