package org.xai4j.attribution.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.Attribution;
import org.xai4j.core.Capability;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import org.xai4j.core.target.ClassTarget;
import org.xai4j.core.target.PredictedTarget;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Batching;
import org.xai4j.attribution.AttributionMethod;

/**
 * A method that sends every input row through the model once (one forward and one backward pass of some kind)
 * and has no baseline, seed or convergence delta: Saliency, gradient × input, layer gradient × activation,
 * guided backpropagation, deconvolution, LRP. The subclass supplies its per-block formula
 * ({@link #pass}); this class validates the input, resolves the target, cuts the input into blocks of
 * the batch policy's rows and records the provenance.
 *
 * <p>A method whose pass seeds its backward from the pass's own output ({@link #resolvesTargetInPass()}) explains a
 * class or predicted target in one pass per row: the target's row count is checked first, each class index against
 * the output where the pass seeds it, and "predicted" is the arg-max of that same output, which the pass returns
 * for the provenance. Captum's {@code Saliency} is likewise one forward and one backward. Other targets (masks,
 * functions) and other methods take a forward pass first to validate and resolve the target: rows × 2.
 *
 * @param <M> the kind of model the method needs
 * @param <C> the method's settings record
 */
public abstract class PerRowAttribution<M extends PredictionFunction, C extends ExplainerConfig> extends AttributionBase<M, C> {
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
    protected PerRowAttribution(String name, M model, C config, Function<C, BatchPolicy> batch, String pass,
            Capability... capabilities) {
        super(name, model, config);
        this.batch = batch.apply(config);
        this.pass = pass;
        this.capabilities = capabilities.clone();
    }

    /**
     * The attribution of one block of rows (the method's formula) with the model's output from the same pass.
     *
     * @param block  rows of the validated input (a view: not to be modified)
     * @param target the target of exactly these rows: resolved, or (when {@link #resolvesTargetInPass()}) a class or
     *               predicted target that the pass seeds from its own output
     * @return the attribution, one row per row of {@code block} (a new array or one the model returned), and the
     *         model's output on the block
     */
    protected abstract BlockPass pass(INDArray block, Target target);

    /** One block's attribution and the model's output on the block, from one pass. */
    public record BlockPass(INDArray values, INDArray output) {
    }

    /**
     * Whether {@link #pass} seeds its backward from the pass's own output (the model's gradient pass does: a
     * class target is checked there against the output, "predicted" resolved on it), so no forward pass is needed
     * first.
     *
     * @return false unless the method says so
     */
    protected boolean resolvesTargetInPass() {
        return false;
    }

    /**
     * What the method asks of the input beyond the model's checks, before any pass.
     *
     * @param input the caller's input, already checked against the model
     */
    protected void checkInput(INDArray input) {
    }

    private boolean onePass(Target target) {
        return resolvesTargetInPass() && (target instanceof ClassTarget || target instanceof PredictedTarget);
    }

    /** Rows × 1 where the pass resolves the target itself, else rows × 2: a forward to resolve it, then the pass. */
    @Override
    public final Optional<Plan> plan(INDArray input, Target target) {
        long rows = Plans.rows(model(), input);
        if (onePass(target)) {
            return Optional.of(new Plan(name(), rows, "", "1 " + pass + ", " + Plans.times(rows)));
        }
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
        if (!onePass(target)) {
            return AttributionMethod.explainPlain(this, input, target, batch);
        }
        ModelCalls.requireInput(model(), input, "input");
        checkInput(input);
        if (target instanceof ClassTarget classes && !classes.isShared()) {
            // the row count now; each class index against the output where the pass seeds it
            classes.validate(new long[] {input.size(0), Integer.MAX_VALUE});
        }
        List<INDArray> outputs = new ArrayList<>();
        INDArray values = blocks(input, target, outputs);
        INDArray output = outputs.size() == 1 ? outputs.get(0) : Nd4j.concat(0, outputs.toArray(INDArray[]::new));
        return result(values, null, new Prepared(input, output, target.resolve(output)), null, null);
    }

    @Override
    public INDArray attributeChecked(INDArray input, Target resolved) {
        checkInput(input);
        return blocks(input, resolved, null);
    }

    /** {@link #pass} over the input in blocks of the batch policy's rows; each block's output added to {@code outputs}. */
    private INDArray blocks(INDArray input, Target target, List<INDArray> outputs) {
        int rows = batch.rowsPerBatch(FlatRows.bytesPerRow(input));
        return Batching.map(input, rows, (block, range) -> {
            BlockPass p = pass(block, target.rows(range.from(), range.to()));
            if (outputs != null) {
                outputs.add(p.output());
            }
            return p.values();
        });
    }

    @Override
    public MethodDescriptor descriptor() {
        return MethodDescriptor.of(name(), config(), capabilities);
    }
}
