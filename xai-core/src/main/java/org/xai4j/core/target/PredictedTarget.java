package org.xai4j.core.target;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidTargetException;

/**
 * Each row's highest-scoring class (for outputs of rank above 2, the class with the largest total over
 * all positions). Ties go to the lower class index.
 */
public final class PredictedTarget implements Target {
    static final PredictedTarget INSTANCE = new PredictedTarget();

    private PredictedTarget() {
    }

    @Override
    public void validate(long[] outputShape) {
        if (outputShape.length < 2) {
            throw new InvalidTargetException("the predicted class needs an output of rank ≥ 2 (N×K…) but the output has shape "
                    + Arrays.toString(outputShape));
        }
    }

    @Override
    public ClassTarget resolve(INDArray output) {
        validate(output.shape());
        INDArray perClass = output;
        if (output.rank() > 2) {
            perClass = output.reshape(output.size(0), output.size(1), -1).sum(2);
        }
        double[][] s = perClass.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        int[] classes = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            int best = 0;
            for (int k = 1; k < s[i].length; k++) {
                if (s[i][k] > s[i][best]) {
                    best = k;
                }
            }
            classes[i] = best;
        }
        return ClassTarget.perRow(classes);
    }

    @Override
    public INDArray scores(INDArray output) {
        return resolve(output).scores(output);
    }

    @Override
    public INDArray seed(INDArray output) {
        return resolve(output).seed(output);
    }

    @Override
    public Target select(int... rows) {
        return this;
    }

    @Override
    public String describe() {
        return "predicted";
    }

    @Override
    public String toString() {
        return describe();
    }
}
