package org.xai4j.core.target;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidTargetException;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.HostArrays;

/**
 * A segmentation target: class {@code classIndex} of an N×K×H×W output, weighted by {@code mask} (H×W
 * for every row, or N×H×W) and summed. The mask is copied; the caller's array is never kept.
 */
public final class MaskTarget implements Target {
    private final int classIndex;
    private final INDArray mask;

    MaskTarget(int classIndex, INDArray mask) {
        if (classIndex < 0) {
            throw new InvalidTargetException("class index must be ≥ 0 but was " + classIndex);
        }
        if (mask == null || (mask.rank() != 2 && mask.rank() != 3)) {
            throw new InvalidTargetException("mask must be H×W or N×H×W but got "
                    + (mask == null ? "null" : "shape " + Arrays.toString(mask.shape())));
        }
        this.classIndex = classIndex;
        this.mask = mask.dup();
    }

    /**
     * The class whose scores are summed.
     *
     * @return the class index, at least 0
     */
    public int classIndex() {
        return classIndex;
    }

    /**
     * A copy of the mask.
     *
     * @return a new array, H×W or N×H×W
     */
    public INDArray mask() {
        return mask.dup();
    }

    @Override
    public void validate(long[] outputShape) {
        if (outputShape.length != 4) {
            throw new InvalidTargetException("a mask target needs a segmentation output N×K×H×W but the output has shape "
                    + Arrays.toString(outputShape));
        }
        if (classIndex >= outputShape[1]) {
            throw new InvalidTargetException("class index " + classIndex + " is outside the model's " + outputShape[1]
                    + " output channels (valid: 0.." + (outputShape[1] - 1) + ")");
        }
        long[] ms = mask.shape();
        long h = ms[ms.length - 2];
        long w = ms[ms.length - 1];
        boolean rowsOk = mask.rank() == 2 || ms[0] == outputShape[0];
        if (h != outputShape[2] || w != outputShape[3] || !rowsOk) {
            throw new InvalidTargetException("mask shape " + Arrays.toString(ms) + " does not fit output shape "
                    + Arrays.toString(outputShape) + " (expected [" + outputShape[2] + ", " + outputShape[3] + "] or ["
                    + outputShape[0] + ", " + outputShape[2] + ", " + outputShape[3] + "])");
        }
    }

    @Override
    public INDArray seed(INDArray output) {
        validate(output.shape());
        long n = output.size(0);
        INDArray seed = Nd4j.zeros(output.dataType(), output.shape());
        INDArray m = mask.castTo(output.dataType());
        for (int i = 0; i < n; i++) {
            INDArray rowMask = m.rank() == 2 ? m : m.slice(i);
            seed.slice(i).slice(classIndex).assign(rowMask);
        }
        return seed;
    }

    @Override
    public Target select(int... rows) {
        if (mask.rank() == 2) {
            return this;
        }
        INDArray picked = Nd4j.create(mask.dataType(), rows.length, mask.size(1), mask.size(2));
        for (int j = 0; j < rows.length; j++) {
            if (rows[j] < 0 || rows[j] >= mask.size(0)) {
                throw new InvalidTargetException("row " + rows[j] + " is outside the mask's " + mask.size(0) + " rows");
            }
            picked.slice(j).assign(Batching.rows(mask, rows[j], rows[j] + 1).reshape(mask.size(1), mask.size(2)));
        }
        return new MaskTarget(classIndex, picked);
    }

    @Override
    public String describe() {
        return "class " + classIndex + " over mask " + Arrays.toString(mask.shape()) + " (weight "
                + maskWeight() + ")";
    }

    /** The mask's sum, in index order on the host (an ND4J sum's rounding depends on the thread count). */
    private double maskWeight() {
        double sum = 0.0;
        for (double v : HostArrays.doubles(mask)) {
            sum += v;
        }
        return sum;
    }

    @Override
    public String toString() {
        return describe();
    }
}
