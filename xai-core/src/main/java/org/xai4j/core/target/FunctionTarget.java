package org.xai4j.core.target;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidTargetException;

/** A user-given row-wise scalarising function of the output, with its gradient. */
public final class FunctionTarget implements Target {
    private final String name;
    private final UnaryOperator<INDArray> score;
    private final UnaryOperator<INDArray> seed;

    FunctionTarget(String name, UnaryOperator<INDArray> score, UnaryOperator<INDArray> seed) {
        if (name == null || score == null || seed == null) {
            throw new InvalidTargetException("a function target needs a name, a score function and its gradient");
        }
        this.name = name;
        this.score = score;
        this.seed = seed;
    }

    @Override
    public void validate(long[] outputShape) {
        if (outputShape.length < 1) {
            throw new InvalidTargetException("a function target needs an output with a batch axis but got shape "
                    + Arrays.toString(outputShape));
        }
    }

    @Override
    public Target resolve(INDArray output) {
        return this;
    }

    @Override
    public INDArray scores(INDArray output) {
        INDArray s = score.apply(output);
        if (s == null || s.length() != output.size(0)) {
            throw new InvalidTargetException("target function '" + name + "' must return one score per row ("
                    + output.size(0) + ") but returned " + (s == null ? "null" : Arrays.toString(s.shape())));
        }
        return s.reshape(output.size(0));
    }

    @Override
    public INDArray seed(INDArray output) {
        INDArray g = seed.apply(output);
        if (g == null || !Arrays.equals(g.shape(), output.shape())) {
            throw new InvalidTargetException("gradient of target function '" + name + "' must have the output's shape "
                    + Arrays.toString(output.shape()) + " but had " + (g == null ? "null" : Arrays.toString(g.shape())));
        }
        return g;
    }

    @Override
    public Target select(int... rows) {
        return this;
    }

    @Override
    public String describe() {
        return "function " + name;
    }

    @Override
    public String toString() {
        return describe();
    }
}
