package org.xai4j.testkit.models;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.target.Target;

/**
 * Delegates every model entry point ({@code predict}, {@code gradients}, {@code forward}, {@code backward},
 * {@code layerGradients}, {@code backwardReplacing}, {@code predictWithEdit}) to another model and records the
 * batch shape of each call, so a test can compare the rows the model really saw with what an explainer counted.
 * Made with {@link #failingOnCall}, it throws a plain {@link IllegalStateException} on one call instead of
 * delegating, standing for a model's own runtime failure.
 */
public final class CallRecordingModel implements LayeredModel {
    /** The message of the exception a failing model throws. */
    public static final String FAILURE = "simulated model failure";

    private final LayeredModel inner;
    private final int failingCall;
    private final List<long[]> shapes = new ArrayList<>();

    private CallRecordingModel(LayeredModel inner, int failingCall) {
        this.inner = inner;
        this.failingCall = failingCall;
    }

    /**
     * A model that records its calls and never fails.
     *
     * @param inner the model that computes the results
     * @return the recording model
     */
    public static CallRecordingModel recording(LayeredModel inner) {
        return new CallRecordingModel(inner, 0);
    }

    /**
     * A model that records its calls and throws an {@link IllegalStateException} with message {@link #FAILURE}
     * on call number {@code call} (1-based, any entry point).
     *
     * @param inner the model that computes the other calls' results
     * @param call  the call that fails, at least 1
     * @return the failing model
     */
    public static CallRecordingModel failingOnCall(LayeredModel inner, int call) {
        if (call < 1) {
            throw new IllegalArgumentException("call: expected at least 1 but got " + call);
        }
        return new CallRecordingModel(inner, call);
    }

    /**
     * The number of calls made so far, the failed one included.
     *
     * @return the call count
     */
    public int calls() {
        return shapes.size();
    }

    /**
     * The rows sent through the model so far: the sum of the calls' batch sizes.
     *
     * @return the row count
     */
    public long rows() {
        return shapes.stream().mapToLong(s -> s[0]).sum();
    }

    /**
     * The batch shape of call number {@code call} (1-based).
     *
     * @param call the call
     * @return a copy of the shape the model was given
     */
    public long[] shapeOfCall(int call) {
        return shapes.get(call - 1).clone();
    }

    private INDArray record(INDArray input) {
        shapes.add(input.shape());
        if (shapes.size() == failingCall) {
            throw new IllegalStateException(FAILURE);
        }
        return input;
    }

    @Override
    public INDArray predict(INDArray input) {
        return inner.predict(record(input));
    }

    @Override
    public Gradients gradients(INDArray input, Target target) {
        return inner.gradients(record(input), target);
    }

    @Override
    public LayerPass forward(INDArray input, Collection<String> layers) {
        return inner.forward(record(input), layers);
    }

    @Override
    public LayerPass backward(INDArray input, Target target, Collection<String> layers) {
        return inner.backward(record(input), target, layers);
    }

    @Override
    public LayerPass layerGradients(INDArray input, Target target, Collection<String> layers) {
        return inner.layerGradients(record(input), target, layers);
    }

    @Override
    public LayerPass backwardReplacing(INDArray input, Target target, String layer, INDArray activation,
                                       Collection<String> layers) {
        return inner.backwardReplacing(record(input), target, layer, activation, layers);
    }

    @Override
    public INDArray predictWithEdit(INDArray input, String layer, UnaryOperator<INDArray> edit) {
        return inner.predictWithEdit(record(input), layer, edit);
    }

    @Override
    public List<String> layerNames() {
        return inner.layerNames();
    }

    @Override
    public Optional<long[]> rowShape() {
        return inner.rowShape();
    }

    @Override
    public String id() {
        return "recording(" + inner.id() + ")";
    }

    @Override
    public String engine() {
        return inner.engine();
    }
}
