package org.xai4j.attribution.gradient;

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

    /**
     * Deconvolution with the default settings (64 rows per pass).
     *
     * @param model the differentiable graph to explain; not null
     * @throws org.xai4j.core.InvalidConfigException if {@code model} is null
     * @throws org.xai4j.core.UnsupportedModelException if a node that the input reaches is of a type
     *         {@link RuleTables#deconvolution()} has no row for (nodes computed from constants only are not checked)
     */
    public Deconvolution(Graph model) {
        this(model, ModifiedReluConfig.DEFAULTS);
    }

    /**
     * Deconvolution with the given settings.
     *
     * @param model  the differentiable graph to explain; not null
     * @param config the settings; not null
     * @throws org.xai4j.core.InvalidConfigException if {@code model} or {@code config} is null
     * @throws org.xai4j.core.UnsupportedModelException if a node that the input reaches is of a type
     *         {@link RuleTables#deconvolution()} has no row for (nodes computed from constants only are not checked)
     */
    public Deconvolution(Graph model, ModifiedReluConfig config) {
        super(NAME, model, config, RuleTables.deconvolution());
    }
}
