package org.xai4j.attribution.gradient;

import org.xai4j.core.model.LayerPass;
import org.xai4j.core.model.ModelCalls;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Capability;
import org.xai4j.attribution.rules.RuleTable;
import org.xai4j.core.graph.Composite;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.Propagation;
import org.xai4j.core.target.Target;
import org.xai4j.attribution.internal.PerRowAttribution;

/**
 * What {@link GuidedBackprop} and {@link Deconvolution} share: one backward pass with a modified ReLU rule
 * ({@link org.xai4j.attribution.rules.RuleTables#guidedBackprop}, {@link
 * org.xai4j.attribution.rules.RuleTables#deconvolution}); a graph with a node type the table has no row for
 * is refused when the method is constructed.
 */
abstract class ModifiedReluAttribution extends PerRowAttribution<Graph, ModifiedReluConfig> {
    private final Composite composite;

    /**
     * Checks the parts and that {@code rules} covers every node of {@code model}.
     *
     * @param name   the method's name in descriptors, provenance and plans
     * @param model  the graph to explain
     * @param config the batch policy
     * @param rules  the table with the method's ReLU rule
     * @throws org.xai4j.core.InvalidConfigException if {@code model} or {@code config} is null
     * @throws org.xai4j.core.UnsupportedModelException if the table has no row for one of the graph's node types
     */
    ModifiedReluAttribution(String name, Graph model, ModifiedReluConfig config, RuleTable rules) {
        super(name, model, config, ModifiedReluConfig::batch, "modified backward", Capability.BACKWARD_RULES);
        this.composite = rules.composite();
        RuleTable.requireCovers(composite, model, name);
    }

    /** One backward pass with the table's ReLU rule. */
    @Override
    protected BlockPass pass(INDArray block, Target target) {
        Graph model = model();
        LayerPass p = ModelCalls.call(model, block, () -> model.propagate(block,
                        Propagation.builder().target(target).composite(composite).build()));
        return new BlockPass(p.inputGradient().castTo(block.dataType()), p.output());
    }

    /** The graph's pass seeds its backward from its own output. */
    @Override
    protected boolean resolvesTargetInPass() {
        return true;
    }
}
