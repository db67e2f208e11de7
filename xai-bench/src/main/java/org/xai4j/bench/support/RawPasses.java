package org.xai4j.bench.support;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.DifferentiableModel;

/**
 * The raw model work an explainer needs: the calls a {@link CallLog} recorded, replayed on the same model
 * in the same order, with the same inputs (copies kept by the log) and the same targets, so the only
 * thing missing is the explainer's own work. Timing this against the explainer gives the explainer's
 * overhead: method time ÷ raw-pass time.
 */
public final class RawPasses {
    private final DifferentiableModel model;
    private final List<CallLog.Call> calls;

    /**
     * @param model the model to run (not the logging wrapper)
     * @param calls the calls to replay
     */
    public RawPasses(DifferentiableModel model, List<CallLog.Call> calls) {
        this.model = model;
        this.calls = List.copyOf(calls);
    }

    /** Runs every recorded call once; returns a value depending on all outputs (so nothing is optimised away). */
    public double run() {
        double s = 0;
        for (CallLog.Call c : calls) {
            if (c.gradient()) {
                s += model.gradients(c.input(), c.target()).inputGradient().getDouble(0);
            } else {
                s += model.predict(c.input()).getDouble(0);
            }
        }
        return s;
    }

    /** The number of calls replayed. */
    public int size() {
        return calls.size();
    }
}
