package org.xai4j.attribution;

import java.util.Optional;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.Capability;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Batching;

/**
 * A method that sends every input row through the model once (one forward and one backward pass of some kind)
 * and has no baseline, seed or convergence delta: Saliency, gradient × input, layer gradient × activation,
 * guided backpropagation, deconvolution, LRP. The subclass supplies its per-block formula
 * ({@link #attributeBlock}); this class plans rows × 2 passes, validates the input, resolves the target, cuts
 * the input into blocks of the batch policy's rows and records the provenance.
 *
 * @param <M> the kind of model the method needs
 * @param <C> the method's settings record
 */
abstract class PerRowAttribution<M extends PredictionFunction, C extends ExplainerConfig> extends AttributionBase<M, C> {
    private final BatchPolicy batch;
    private final String pass;
    private final Capability[] capabilities;

    /**
     * Checks and keeps the method's parts.
     *
     * @param name         the method's name in descriptors, provenance and plans
     * @param model        the model to explain
     * @param config       the method's settings
     * @param batch        the settings' batch policy (read after {@code config} is checked not null)
     * @param pass         the pass run per row after the forward that resolves the target, for the plan's words
     *                     ("gradient" gives "1 forward + 1 gradient, × N input rows")
     * @param capabilities what the method needs of the model, for its descriptor
     * @throws org.xai4j.core.InvalidConfigException if {@code model} or {@code config} is null
     */
    PerRowAttribution(String name, M model, C config, Function<C, BatchPolicy> batch, String pass,
            Capability... capabilities) {
        super(name, model, config);
        this.batch = batch.apply(config);
        this.pass = pass;
        this.capabilities = capabilities.clone();
    }

    /**
     * The attribution of one block of rows: the method's formula.
     *
     * @param block  rows of the validated input (a view: not to be modified)
     * @param target the resolved target of exactly these rows
     * @return a new array (or one the model returned) with one row per row of {@code block}
     */
    abstract INDArray attributeBlock(INDArray block, Target target);

    /** Rows × 2: one forward of the input (to resolve the target), then one pass per row. */
    @Override
    public final Optional<Plan> plan(INDArray input, Target target) {
        long rows = Plans.rows(model(), input);
        return Optional.of(new Plan(name(), Math.multiplyExact(rows, 2L), "",
                "1 forward + 1 " + pass + ", " + Plans.times(rows)));
    }

    @Override
    public final long checkedPassesPerRow() {
        return 1;
    }

    @Override
    public final Attribution explain(INDArray input, Target target) {
        Limits.start(plan(input, target).orElseThrow());
        return AttributionMethod.explainPlain(this, input, target, batch);
    }

    @Override
    public INDArray attributeChecked(INDArray input, Target resolved) {
        int rows = batch.rowsPerBatch(Rows.bytesPerRow(input));
        return Batching.map(input, rows, (block, range) -> attributeBlock(block, resolved.rows(range.from(), range.to())));
    }

    @Override
    public MethodDescriptor descriptor() {
        return MethodDescriptor.of(name(), config(), capabilities);
    }
}
