package org.xai4j.attribution;

import java.util.Optional;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import org.xai4j.core.model.ModelCalls;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.Capability;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.attribution.rules.RuleTable;
import org.xai4j.core.graph.Composite;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.Propagation;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Checks;

/**
 * What {@link GuidedBackprop} and {@link Deconvolution} share: one backward pass with a modified ReLU rule
 * ({@link org.xai4j.attribution.rules.RuleTables#guidedBackprop}, {@link
 * org.xai4j.attribution.rules.RuleTables#deconvolution}); a graph with a node type the table has no row for
 * is refused when the method is constructed.
 */
abstract class ModifiedReluAttribution implements AttributionMethod {
    private final String name;
    private final Graph model;
    private final ModifiedReluConfig config;
    private final Composite composite;

    ModifiedReluAttribution(String name, Graph model, ModifiedReluConfig config, RuleTable rules) {
        this.name = name;
        this.model = Checks.requireNonNull(model, "model");
        this.config = Checks.requireNonNull(config, "config");
        this.composite = rules.composite();
        RuleTable.requireCovers(composite, model, name);
    }

    /**
     * This method's settings.
     *
     * @return the settings given at construction (the defaults when none were)
     */
    public ModifiedReluConfig config() {
        return config;
    }

    @Override
    public Graph model() {
        return model;
    }

    /** Rows × 2: one forward of the input (to resolve the target), then one forward and modified backward per row. */
    @Override
    public Optional<Plan> plan(INDArray input, Target target) {
        long rows = Plans.rows(model, input);
        return Optional.of(new Plan(name, Math.multiplyExact(rows, 2L), "",
                "1 forward + 1 modified backward, " + Plans.times(rows)));
    }

    @Override
    public long checkedPassesPerRow() {
        return 1;
    }

    @Override
    public Attribution explain(INDArray input, Target target) {
        Limits.start(plan(input, target).orElseThrow());
        return AttributionMethod.explainPlain(this, input, target, config.batch());
    }

    @Override
    public INDArray attributeChecked(INDArray input, Target resolved) {
        int rows = config.batch().rowsPerBatch(Rows.bytesPerRow(input));
        return Batching.map(input, rows, (block, range) -> ModelCalls.call(model, block, () -> model.propagate(block,
                        Propagation.builder().target(resolved.rows(range.from(), range.to())).composite(composite).build()))
                .inputGradient().castTo(input.dataType()));
    }

    @Override
    public MethodDescriptor descriptor() {
        return MethodDescriptor.of(name, config, Capability.BACKWARD_RULES);
    }
}
