package org.xai4j.bench.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.target.Target;

/**
 * A model wrapper that records every call an explainer makes (forward or forward+input-gradient, with a copy
 * of the batch and the target), so that a benchmark can replay exactly the same passes on the same data
 * without the explainer: see {@link RawPasses}. Not thread-safe; used once, in a benchmark's setup.
 */
public final class CallLog implements DifferentiableModel {
    /**
     * One model call: a forward, or a forward+backward with the target it was given.
     *
     * @param gradient whether the input gradient was asked for
     * @param input    a copy of the batch the model got
     * @param target   the target of a gradient call, else {@code null}
     */
    public record Call(boolean gradient, INDArray input, Target target) {
        /** The number of rows of the batch. */
        public int rows() {
            return (int) input.size(0);
        }
    }

    private final DifferentiableModel model;
    private final List<Call> calls = new ArrayList<>();

    public CallLog(DifferentiableModel model) {
        this.model = model;
    }

    @Override
    public INDArray predict(INDArray input) {
        calls.add(new Call(false, input.dup(), null));
        return model.predict(input);
    }

    @Override
    public Gradients gradients(INDArray input, Target target) {
        calls.add(new Call(true, input.dup(), target));
        return model.gradients(input, target);
    }

    @Override
    public Optional<long[]> rowShape() {
        return model.rowShape();
    }

    @Override
    public String id() {
        return model.id();
    }

    /** The calls so far, in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** A one-line summary, e.g. "1 forward (1 rows) + 1 gradient (50 rows)". */
    public String summary() {
        int f = 0;
        int fr = 0;
        int g = 0;
        int gr = 0;
        for (Call c : calls) {
            if (c.gradient()) {
                g++;
                gr += c.rows();
            } else {
                f++;
                fr += c.rows();
            }
        }
        return f + " forward calls (" + fr + " rows) + " + g + " forward+gradient calls (" + gr + " rows)";
    }
}
