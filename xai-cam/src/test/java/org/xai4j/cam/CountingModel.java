package org.xai4j.cam;

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
 * Delegates to a model and records every call (its kind and batch rows); optionally reshapes flat N×L
 * inputs into the delegate's row shape, to act as a model whose input is not an image.
 */
final class CountingModel implements LayeredModel {
    private final LayeredModel inner;
    private final long[] reshapeTo;
    final List<String> calls = new ArrayList<>();

    CountingModel(LayeredModel inner) {
        this(inner, null);
    }

    CountingModel(LayeredModel inner, long[] reshapeTo) {
        this.inner = inner;
        this.reshapeTo = reshapeTo;
    }

    private INDArray in(INDArray x) {
        if (reshapeTo == null) {
            return x;
        }
        long[] s = new long[reshapeTo.length + 1];
        s[0] = x.size(0);
        System.arraycopy(reshapeTo, 0, s, 1, reshapeTo.length);
        return x.reshape(s);
    }

    private void log(String kind, INDArray x) {
        calls.add(kind + ":" + x.size(0));
    }

    /** The number of calls of a kind ("predict", "forward", "backward", "edit"). */
    long count(String kind) {
        return calls.stream().filter(c -> c.startsWith(kind + ":")).count();
    }

    @Override
    public List<String> layerNames() {
        return inner.layerNames();
    }

    @Override
    public LayerPass forward(INDArray input, Collection<String> layers) {
        log("forward", input);
        return inner.forward(in(input), layers);
    }

    @Override
    public LayerPass backward(INDArray input, Target target, Collection<String> layers) {
        log("backward", input);
        return inner.backward(in(input), target, layers);
    }

    @Override
    public INDArray predictWithEdit(INDArray input, String layer, UnaryOperator<INDArray> edit) {
        log("edit", input);
        return inner.predictWithEdit(in(input), layer, edit);
    }

    @Override
    public Gradients gradients(INDArray input, Target target) {
        log("gradients", input);
        return inner.gradients(in(input), target);
    }

    @Override
    public INDArray predict(INDArray input) {
        log("predict", input);
        return inner.predict(in(input));
    }

    @Override
    public Optional<long[]> rowShape() {
        return reshapeTo == null ? inner.rowShape() : Optional.empty();
    }

    @Override
    public String id() {
        return "counting(" + inner.id() + ")";
    }
}
