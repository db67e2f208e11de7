package org.xai4j.bench.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.util.Rng;

/**
 * The raw model work an explainer needs: the calls a {@link CallLog} recorded, replayed on the same model
 * in the same order and batch sizes, on inputs built beforehand (the input row plus a little seeded noise,
 * one block per distinct batch size). Timing this against the explainer gives the explainer's overhead:
 * method time ÷ raw-pass time.
 */
public final class RawPasses {
    private final DifferentiableModel model;
    private final List<CallLog.Call> calls;
    private final Map<Integer, INDArray> blocks = new HashMap<>();

    /**
     * @param model the model to run (not the logging wrapper)
     * @param calls the calls to replay
     * @param row   one input row (1×…) the replayed inputs are made from
     */
    public RawPasses(DifferentiableModel model, List<CallLog.Call> calls, INDArray row) {
        this.model = model;
        this.calls = List.copyOf(calls);
        Rng rng = Rng.seeded(5);
        for (CallLog.Call c : calls) {
            blocks.computeIfAbsent(c.rows(), n -> {
                long[] shape = row.shape().clone();
                shape[0] = n;
                INDArray base = Nd4j.concat(0, java.util.Collections.nCopies(n, row).toArray(INDArray[]::new));
                return base.add(rng.gaussian(row.dataType() == DataType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT,
                        0.01, shape).castTo(row.dataType()));
            });
        }
    }

    /** Runs every recorded call once; returns a value depending on all outputs (so nothing is optimised away). */
    public double run() {
        double s = 0;
        for (CallLog.Call c : calls) {
            INDArray in = blocks.get(c.rows());
            if (c.gradient()) {
                s += model.gradients(in, c.target()).inputGradient().getDouble(0);
            } else {
                s += model.predict(in).getDouble(0);
            }
        }
        return s;
    }

    /** The number of calls replayed. */
    public int size() {
        return calls.size();
    }
}
