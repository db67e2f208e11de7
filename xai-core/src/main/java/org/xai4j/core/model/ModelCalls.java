package org.xai4j.core.model;

import java.util.Arrays;
import java.util.Collection;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.core.XaiException;
import org.xai4j.core.run.Limits;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Checks;
import org.xai4j.core.util.HostArrays;

/**
 * The checked way explainers talk to models: inputs are validated against the model's declared row shape
 * and for NaN before the call, outputs are checked for rows and NaN after it, and a model's own runtime
 * failure comes back as an {@link XaiException} naming the batch shape. Every call is counted and checked
 * against the thread's {@link Limits}: an interrupt, a passed deadline or an exhausted budget stops the
 * explanation before the next model call.
 */
public final class ModelCalls {
    private ModelCalls() {
    }

    /**
     * Validates a caller's input: an open, non-empty array of numbers (not BOOL) with a batch axis, finite, and
     * matching the model's {@link PredictionFunction#rowShape()} when it declares one.
     *
     * @param model the model
     * @param input the caller's input
     * @param name what to call the input in messages
     * @return {@code input}
     */
    public static INDArray requireInput(PredictionFunction model, INDArray input, String name) {
        Checks.requireArray(input, name);
        if (input.rank() < 2) {
            throw new InvalidShapeException(name + ": expected a batch (N×…) of rank ≥ 2 but got shape "
                    + Arrays.toString(input.shape()));
        }
        if (!input.dataType().isNumerical()) { // BOOL, UTF8, COMPRESSED, UNKNOWN
            throw new InvalidShapeException(name + ": expected numbers (FLOAT, DOUBLE, HALF or an integer type) but got"
                    + " data type " + input.dataType() + " (shape " + Arrays.toString(input.shape())
                    + "); convert it first, e.g. input.castTo(DataType.FLOAT)");
        }
        model.rowShape().ifPresent(row -> {
            long[] shape = input.shape();
            boolean ok = shape.length == row.length + 1;
            for (int i = 0; ok && i < row.length; i++) {
                ok = row[i] < 0 || row[i] == shape[i + 1];
            }
            if (!ok && shape.length != row.length + 1) {
                throw new InvalidShapeException(name + ": model " + model.id() + " expects a batch of rank "
                        + (row.length + 1) + " (N×" + pattern(row) + ") but got rank " + shape.length + ", shape "
                        + Arrays.toString(shape));
            }
            if (!ok) {
                long[] given = Arrays.copyOfRange(shape, 1, shape.length);
                boolean channels = row.length == 3 && row[0] >= 0 && row[0] != given[0];
                throw new InvalidShapeException(name + ": model " + model.id() + " expects rows of shape "
                        + pattern(row) + " but the " + shape[0] + " row" + (shape[0] == 1 ? "" : "s") + " given are "
                        + pattern(given) + " (input shape " + Arrays.toString(shape) + ")" + (channels
                                ? " (" + given[0] + " channel" + (given[0] == 1 ? "" : "s") + " where the model takes "
                                + row[0] + ": convert the images to " + (row[0] == 1 ? "greyscale" : row[0] == 3
                                ? "RGB" : row[0] + " channels") + ")"
                                : "; resize the input to the model's size"));
            }
        });
        Checks.requireFinite(input, name);
        return input;
    }

    /**
     * Any other call of {@code model} on {@code batch} (a rule-based backward pass on a graph, say): counted and
     * checked against the thread's {@link Limits}, and a model's own runtime failure reported as an
     * {@link XaiException} naming the batch's shape. Every other entry point of this class goes through it, so
     * this is the one place where a model's failure is wrapped. The caller checks the result.
     *
     * @param model the model, named in messages
     * @param batch the batch the call runs on
     * @param call the call
     * @param <T> the call's result type
     * @return what {@code call} returned
     */
    public static <T> T call(PredictionFunction model, INDArray batch, Supplier<T> call) {
        Limits.beforeModelCall(batch.size(0));
        T out;
        try {
            out = call.get();
        } catch (XaiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new XaiException("model " + model.id() + " failed on a batch of shape "
                    + Arrays.toString(batch.shape()) + ": " + e.getMessage(), e);
        }
        Limits.afterModelCall(batch.size(0));
        return out;
    }

    /**
     * {@code model.predict(batch)}, checked: one output row per input row, all finite.
     *
     * @param model the model
     * @param batch the rows to score
     * @return the output, one row per input row
     */
    public static INDArray predict(PredictionFunction model, INDArray batch) {
        return call(model, batch, () -> checkOutput(model, batch, model.predict(batch)));
    }

    /**
     * {@code model.gradients(batch, target)}, checked like {@link #predict}; the gradient has the batch's shape.
     *
     * @param model the model
     * @param batch the rows to differentiate at
     * @param target the resolved target
     * @return the output and the input gradient
     */
    public static Gradients gradients(DifferentiableModel model, INDArray batch, Target target) {
        return call(model, batch, () -> {
            Gradients g = model.gradients(batch, target);
            checkOutput(model, batch, g.output());
            if (!Arrays.equals(g.inputGradient().shape(), batch.shape())) {
                throw new XaiException("model " + model.id() + " returned an input gradient of shape "
                        + Arrays.toString(g.inputGradient().shape()) + " for an input of shape "
                        + Arrays.toString(batch.shape()));
            }
            if (!HostArrays.allFinite(g.inputGradient())) {
                Checks.requireFinite(g.inputGradient(), "input gradient of model " + model.id());
            }
            return g;
        });
    }

    /**
     * {@code model.forward(batch, layers)}: a forward pass keeping the named layers' activations, counted like
     * {@link #predict}. The caller checks the activations it reads.
     *
     * @param model the model
     * @param batch the rows to run
     * @param layers the layers whose activations to keep
     * @return the pass
     */
    public static LayerPass forward(LayeredModel model, INDArray batch, Collection<String> layers) {
        return call(model, batch, () -> model.forward(batch, layers));
    }

    /**
     * {@code model.layerGradients(batch, target, layers)}: activations and target gradients at the named layers,
     * counted like {@link #predict}. The caller checks the arrays it reads.
     *
     * @param model the model
     * @param batch the rows to differentiate at
     * @param target the resolved target, one class per row of {@code batch}
     * @param layers the layers whose activations and gradients to keep
     * @return the pass
     */
    public static LayerPass layerGradients(LayeredModel model, INDArray batch, Target target,
                                           Collection<String> layers) {
        return call(model, batch, () -> model.layerGradients(batch, target, layers));
    }

    /**
     * {@code model.backwardReplacing(batch, target, layer, activation, layers)}: a backward pass with
     * {@code layer}'s activation replaced, counted like {@link #predict}. The caller checks the arrays it reads.
     *
     * @param model the model
     * @param batch the rows to run
     * @param target the resolved target, one class per row of {@code batch}
     * @param layer the layer whose activation is replaced
     * @param activation the replacement, shaped like the layer's activation for {@code batch}
     * @param layers the layers whose gradients to keep
     * @return the pass
     */
    public static LayerPass backwardReplacing(LayeredModel model, INDArray batch, Target target, String layer,
                                              INDArray activation, Collection<String> layers) {
        return call(model, batch, () -> model.backwardReplacing(batch, target, layer, activation, layers));
    }

    /**
     * {@code model.predictWithEdit(batch, layer, edit)}, its output checked like {@link #predict}'s.
     *
     * @param model the model
     * @param batch the rows to run
     * @param layer the layer whose activation {@code edit} changes
     * @param edit the change, given the layer's activation for {@code batch}
     * @return the output, one row per input row
     */
    public static INDArray predictWithEdit(LayeredModel model, INDArray batch, String layer,
                                           UnaryOperator<INDArray> edit) {
        return call(model, batch, () -> checkOutput(model, batch, model.predictWithEdit(batch, layer, edit)));
    }

    private static INDArray checkOutput(PredictionFunction model, INDArray batch, INDArray out) {
        if (out == null || out.rank() == 0 || out.size(0) != batch.size(0)) {
            throw new XaiException("model " + model.id() + " returned " + (out == null ? "null" : "shape "
                    + Arrays.toString(out.shape())) + " for a batch of " + batch.size(0) + " rows");
        }
        if (!HostArrays.allFinite(out)) {
            try {
                Checks.requireFinite(out, "output of model " + model.id());
            } catch (NonFiniteValueException e) {
                throw new NonFiniteValueException(e.getMessage() + " for a batch of shape "
                        + Arrays.toString(batch.shape()));
            }
        }
        return out;
    }

    private static String pattern(long[] row) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            sb.append(i == 0 ? "" : "×").append(row[i] < 0 ? "*" : Long.toString(row[i]));
        }
        return sb.toString();
    }
}
