package org.xai4j.bench.support;

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
 * The {@link CallLog} of a {@link LayeredModel} (CAM methods): records every call with a copy of its batch —
 * for an edited forward also the activation the edit produced — so that {@link #replay()} can repeat exactly
 * the same model work without the explainer. Not thread-safe; used once, in a benchmark's setup.
 */
public final class LayeredCallLog implements LayeredModel {
    private final LayeredModel model;
    private final List<Runnable> replays = new ArrayList<>();
    private final List<String> kinds = new ArrayList<>();

    public LayeredCallLog(LayeredModel model) {
        this.model = model;
    }

    @Override
    public INDArray predict(INDArray input) {
        INDArray x = input.dup();
        add("predict " + x.size(0), () -> model.predict(x));
        return model.predict(input);
    }

    @Override
    public Gradients gradients(INDArray input, Target target) {
        INDArray x = input.dup();
        add("gradients " + x.size(0), () -> model.gradients(x, target));
        return model.gradients(input, target);
    }

    @Override
    public List<String> layerNames() {
        return model.layerNames();
    }

    @Override
    public LayerPass forward(INDArray input, Collection<String> layers) {
        INDArray x = input.dup();
        List<String> l = List.copyOf(layers);
        add("forward " + x.size(0), () -> model.forward(x, l));
        return model.forward(input, layers);
    }

    @Override
    public LayerPass backward(INDArray input, Target target, Collection<String> layers) {
        INDArray x = input.dup();
        List<String> l = List.copyOf(layers);
        add("backward " + x.size(0), () -> model.backward(x, target, l));
        return model.backward(input, target, layers);
    }

    @Override
    public LayerPass layerGradients(INDArray input, Target target, Collection<String> layers) {
        INDArray x = input.dup();
        List<String> l = List.copyOf(layers);
        add("layerGradients " + x.size(0), () -> model.layerGradients(x, target, l));
        return model.layerGradients(input, target, layers);
    }

    @Override
    public INDArray predictWithEdit(INDArray input, String layer, UnaryOperator<INDArray> edit) {
        INDArray x = input.dup();
        INDArray[] edited = new INDArray[1];
        INDArray out = model.predictWithEdit(input, layer, a -> {
            INDArray e = edit.apply(a);
            edited[0] = e.dup();
            return e;
        });
        INDArray replacement = edited[0];
        add("predictWithEdit " + x.size(0), () -> model.predictWithEdit(x, layer, a -> replacement));
        return out;
    }

    @Override
    public Optional<long[]> rowShape() {
        return model.rowShape();
    }

    @Override
    public String id() {
        return model.id();
    }

    private void add(String kind, Runnable replay) {
        kinds.add(kind);
        replays.add(replay);
    }

    /** Repeats the recorded calls in order (an edited forward replaces the layer by the recorded activation). */
    public int replay() {
        replays.forEach(Runnable::run);
        return replays.size();
    }

    /** The recorded calls, e.g. "predict 64", one per call. */
    public List<String> calls() {
        return List.copyOf(kinds);
    }
}
