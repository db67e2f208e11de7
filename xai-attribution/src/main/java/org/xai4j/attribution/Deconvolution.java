package org.xai4j.attribution;

import org.xai4j.attribution.rules.RuleTables;
import org.xai4j.core.graph.Graph;

/**
 * Deconvolution (Zeiler &amp; Fergus, "Visualizing and Understanding Convolutional Networks", ECCV 2014), as
 * Captum's {@code Deconvolution}: the gradient of the target score, except that every ReLU passes
 * max(g_out, 0) whatever its forward input (the ReLU is applied to the backward signal instead of being
 * differentiated). Other nodes pass their plain gradient. Cost: one forward and one backward pass.
 */
public final class Deconvolution extends ModifiedReluAttribution {
    /** The method's name in descriptors and provenance. */
    public static final String NAME = "deconvolution";

    public Deconvolution(Graph model) {
        this(model, ModifiedReluConfig.DEFAULTS);
    }

    public Deconvolution(Graph model, ModifiedReluConfig config) {
        super(NAME, model, config, RuleTables.deconvolution());
    }
}
