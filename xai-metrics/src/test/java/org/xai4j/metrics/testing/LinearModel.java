package org.xai4j.metrics.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.model.PredictionFunction;

/**
 * A linear classifier f(x) = flatten(x) · W (D×K) in double precision, whose exact contributions
 * wᵢₖ·xᵢ make closed-form expected values possible. Counts its calls and the largest batch it saw.
 */
public final class LinearModel implements PredictionFunction {
    private final double[][] w;
    public final AtomicInteger calls = new AtomicInteger();
    public final AtomicInteger largestBatch = new AtomicInteger();

    public LinearModel(double[][] w) {
        this.w = w;
    }

    /** One output: f(x) = Σ wᵢ xᵢ. */
    public static LinearModel ofWeights(double... weights) {
        double[][] w = new double[weights.length][1];
        for (int i = 0; i < weights.length; i++) {
            w[i][0] = weights[i];
        }
        return new LinearModel(w);
    }

    /** The weight of input element i for class k. */
    public double weight(int i, int k) {
        return w[i][k];
    }

    @Override
    public INDArray predict(INDArray input) {
        calls.incrementAndGet();
        largestBatch.accumulateAndGet((int) input.size(0), Math::max);
        int n = (int) input.size(0);
        double[] x = input.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int d = x.length / n;
        if (d != w.length) {
            throw new IllegalArgumentException("expected " + w.length + " features per row, got " + d);
        }
        int k = w[0].length;
        double[] out = new double[n * k];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    s += x[r * d + i] * w[i][c];
                }
                out[r * k + c] = s;
            }
        }
        return Nd4j.create(out, new long[] {n, k}, DataType.DOUBLE);
    }

    @Override
    public String id() {
        return "linear-test-model";
    }
}
