package org.xai4j.attribution;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.Capability;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.graph.Composite;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.Propagation;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Checks;

/** What {@link GuidedBackprop} and {@link Deconvolution} share: one backward pass with a {@link ReluRule}. */
abstract class ModifiedReluAttribution implements AttributionMethod {
    private final String name;
    private final Graph model;
    private final ModifiedReluConfig config;
    private final Composite composite;

    ModifiedReluAttribution(String name, Graph model, ModifiedReluConfig config, ReluRule rule) {
        this.name = name;
        this.model = Checks.requireNonNull(model, "model");
        this.config = Checks.requireNonNull(config, "config");
        this.composite = rule.composite();
    }

    /** This method's settings. */
    public ModifiedReluConfig config() {
        return config;
    }

    @Override
    public Graph model() {
        return model;
    }

    @Override
    public Attribution explain(INDArray input, Target target) {
        return AttributionMethod.explainPlain(this, input, target, config.batch());
    }

    @Override
    public INDArray attributeChecked(INDArray input, Target resolved) {
        int rows = config.batch().rowsPerBatch(Rows.bytesPerRow(input));
        return Batching.map(input, rows, (block, range) -> model.propagate(block, Propagation.builder()
                        .target(resolved.rows(range.from(), range.to())).composite(composite).build())
                .inputGradient().castTo(input.dataType()));
    }

    @Override
    public MethodDescriptor descriptor() {
        return MethodDescriptor.of(name, config, Capability.BACKWARD_RULES);
    }
}
