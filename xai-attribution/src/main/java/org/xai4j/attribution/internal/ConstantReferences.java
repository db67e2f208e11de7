package org.xai4j.attribution.internal;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.baseline.ConstantBaseline;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.HostArrays;

/**
 * One explainer's references for a {@link ConstantBaseline} (zeros by default), kept between its calls: such a
 * baseline depends only on the input's shape and type, not on its values, so the reference rows (flattened) and
 * the model's output on them are made at the first call and reused while the shape and type stay the same. Each
 * call then saves one forward pass and the native arrays of the references and of that pass; the values are the
 * same, bit for bit, as made anew (the same model on the same rows in the same blocks). References longer than
 * {@link #MAX_VALUES} values are not kept. One instance belongs to one explainer, whose model, baseline and batch
 * policy are fixed; the output is kept whole, and each call applies its own target to it. Safe to share between
 * threads; the kept arrays are private to this class's callers in the package and only read.
 */
public final class ConstantReferences {
    /** The longest references kept (values over all rows): 4 Mi values, 32 MiB as doubles. */
    static final long MAX_VALUES = 1L << 22;

    /** The references of one input shape and type: flattened, and the model's output on them. */
    public record Kept(long[] shape, DataType type, double[] flat, INDArray output) {
        boolean fits(INDArray input) {
            return input.dataType() == type && Arrays.equals(input.shape(), shape);
        }
    }

    private volatile Kept kept;

    /**
     * The references for {@code input} and the model's output on them, made now when none are kept for its shape
     * and type, or null when {@code baseline} is not a {@link ConstantBaseline} or the references would be longer
     * than {@link #MAX_VALUES} (then the caller makes them itself).
     *
     * @param baseline the method's baseline
     * @param input    the input (only its shape and type are used)
     * @param model    the model the references go through
     * @param batch    the blocks the references go through the model in, as for the input
     * @return the references and their output, only to be read; or null
     */
    public Kept of(Baseline baseline, INDArray input, PredictionFunction model, BatchPolicy batch) {
        if (!(baseline instanceof ConstantBaseline) || input.length() > MAX_VALUES) {
            return null;
        }
        Kept k = kept;
        if (k != null && k.fits(input)) {
            return k;
        }
        INDArray ref = References.of(baseline, input, 0L); // a constant baseline draws nothing: the seed is unused
        int rows = batch.rowsPerBatch(FlatRows.bytesPerRow(input));
        INDArray out = Batching.map(ref, rows, block -> ModelCalls.predict(model, block));
        k = new Kept(input.shape(), input.dataType(), HostArrays.doubles(ref), out);
        kept = k;
        return k;
    }
}
