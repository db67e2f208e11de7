package org.xai4j.models.samediff;

import java.util.Arrays;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.InvalidTargetException;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Checks;
import org.xai4j.core.util.Names;

/**
 * A SameDiff graph as a {@link DifferentiableModel}: forward and input gradient through SameDiff's own
 * execution and autodiff. Slower and hungrier than the explanation graph (see ARCHITECTURE.md), so meant for
 * graphs the ONNX and DL4J converters cannot express.
 *
 * <p>The user's graph is copied once; the copy gains a placeholder for the target's seed and the scalar
 * loss {@code Σ output ⊙ seed}, whose gradient with respect to the input placeholder is each row's target
 * gradient. SameDiff sessions are not thread-safe, so calls are serialised.
 */
public final class SameDiffModel implements DifferentiableModel {
    private static final String SEED = "xai4j_seed";
    private static final String LOSS = "xai4j_loss";

    private final String id;
    private final SameDiff sd;
    private final String input;
    private final String output;

    private SameDiffModel(String id, SameDiff sd, String input, String output) {
        this.id = id;
        this.sd = sd;
        this.input = input;
        this.output = output;
    }

    /**
     * Wraps {@code graph} (not modified), whose placeholder {@code input} takes a batch and whose variable
     * {@code output} is the model output.
     *
     * @param id the model's id, for provenance and messages
     * @param graph the SameDiff graph; copied, the caller's graph is left unchanged
     * @param input the name of the placeholder that takes a batch
     * @param output the name of the variable that is the model output
     * @return the model
     * @throws InvalidConfigException if {@code id} or {@code graph} is null, or {@code input} is not a placeholder
     * @throws UnknownLayerException if {@code input} or {@code output} names no variable (with the closest names)
     */
    public static SameDiffModel of(String id, SameDiff graph, String input, String output) {
        if (graph == null || id == null) {
            throw new InvalidConfigException("SameDiffModel needs an id and a graph");
        }
        for (String name : new String[] {input, output}) {
            if (name == null || !graph.hasVariable(name)) {
                throw new UnknownLayerException(String.valueOf(name), Names.closest(String.valueOf(name),
                        graph.variableMap().keySet(), 5));
            }
        }
        if (graph.getVariable(input).getVariableType() != VariableType.PLACEHOLDER) {
            throw new InvalidConfigException("SameDiff variable '" + input + "' must be a placeholder but is "
                    + graph.getVariable(input).getVariableType());
        }
        SameDiff copy = graph.dup();
        SDVariable out = copy.getVariable(output);
        SDVariable seed = copy.placeHolder(SEED, out.dataType(), (long[]) null);
        copy.sum(LOSS, out.mul(seed));
        copy.setLossVariables(LOSS);
        return new SameDiffModel(id, copy, input, output);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public synchronized INDArray predict(INDArray x) {
        Checks.requireArray(x, "input");
        return run(x).dup();
    }

    private INDArray run(INDArray x) {
        try {
            return sd.output(Map.of(input, x), output).get(output);
        } catch (RuntimeException e) {
            throw new InvalidShapeException("SameDiff model '" + id + "' failed on input of shape "
                    + Arrays.toString(x.shape()) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Gradients gradients(INDArray x, Target target) {
        Checks.requireArray(x, "input");
        if (target == null) {
            throw new InvalidTargetException("a backward pass needs a target but got null");
        }
        INDArray out = run(x).dup();
        INDArray seed = target.seed(out);
        Map<String, INDArray> g;
        try {
            g = sd.calculateGradients(Map.of(input, x, SEED, seed), input);
        } catch (RuntimeException e) {
            throw new InvalidShapeException("SameDiff model '" + id + "' could not differentiate '" + output
                    + "' with respect to '" + input + "': " + e.getMessage(), e);
        }
        INDArray grad = g.get(input);
        if (grad == null) {
            throw new InvalidShapeException("SameDiff returned no gradient for input '" + input + "' of model '" + id + "'");
        }
        return new Gradients(out, grad.dup());
    }
}
