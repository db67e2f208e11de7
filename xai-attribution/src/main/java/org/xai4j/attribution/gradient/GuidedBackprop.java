package org.xai4j.attribution.gradient;

import org.xai4j.attribution.rules.RuleTables;
import org.xai4j.core.graph.Graph;

/**
 * Guided backpropagation (Springenberg, Dosovitskiy, Brox &amp; Riedmiller, "Striving for Simplicity: The All
 * Convolutional Net", ICLR 2015 workshop), as Captum's {@code GuidedBackprop}: the gradient of the target
 * score, except that at every ReLU only positive gradients pass, and only where the forward input was
 * positive: g_in = max(g_out, 0) ⊙ [x &gt; 0]. Other nodes (including leaky ReLU, clip and max pooling) pass
 * their plain gradient. Cost: one forward and one backward pass.
 */
public final class GuidedBackprop extends ModifiedReluAttribution {
    /** The method's name in descriptors and provenance. */
    public static final String NAME = "guided-backprop";

    /**
     * GuidedBackprop with the default settings (64 rows per pass).
     *
     * @param model the differentiable graph to explain; not null
     * @throws org.xai4j.core.InvalidConfigException if {@code model} is null
     * @throws org.xai4j.core.UnsupportedModelException if a node that the input reaches is of a type
     *         {@link RuleTables#guidedBackprop()} has no row for (nodes computed from constants only are not checked)
     */
    public GuidedBackprop(Graph model) {
        this(model, ModifiedReluConfig.DEFAULTS);
    }

    /**
     * GuidedBackprop with the given settings.
     *
     * @param model  the differentiable graph to explain; not null
     * @param config the settings; not null
     * @throws org.xai4j.core.InvalidConfigException if {@code model} or {@code config} is null
     * @throws org.xai4j.core.UnsupportedModelException if a node that the input reaches is of a type
     *         {@link RuleTables#guidedBackprop()} has no row for (nodes computed from constants only are not checked)
     */
    public GuidedBackprop(Graph model, ModifiedReluConfig config) {
        super(NAME, model, config, RuleTables.guidedBackprop());
    }
}
