package org.xai4j.testkit.models;

import java.util.Optional;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.target.Target;

/**
 * f(x) = W·vec(x) + b with K outputs. Its gradient for class k is row k of W; its Integrated Gradients,
 * DeepLIFT and exact Shapley values from baseline x' are (x − x')·W[k], element by element.
 */
public final class LinearModel implements DifferentiableModel {
    private final double[][] w;
    private final double[] b;
    private final long[] rowShape;

    /**
     * A linear model with the given weights, which are not copied.
     *
     * @param w        K × D weights, row k for class k
     * @param b        K biases
     * @param rowShape the shape of one input row (D elements in all)
     * @throws IllegalArgumentException if a row of {@code w} does not have D entries
     */
    public LinearModel(double[][] w, double[] b, long... rowShape) {
        this.w = w;
        this.b = b;
        this.rowShape = rowShape.clone();
        long d = 1;
        for (long s : rowShape) {
            d *= s;
        }
        for (double[] row : w) {
            if (row.length != d) {
                throw new IllegalArgumentException("weights have " + row.length + " columns but rows have " + d + " elements");
            }
        }
    }

    /**
     * Seeded weights and biases, each uniform in [−1, 1).
     *
     * @param seed     the seed of the {@link SplittableRandom} the weights are drawn from
     * @param classes  K, the number of outputs
     * @param rowShape the shape of one input row
     * @return the model; the same seed gives the same model
     */
    public static LinearModel random(long seed, int classes, long... rowShape) {
        SplittableRandom r = new SplittableRandom(seed);
        long d = 1;
        for (long s : rowShape) {
            d *= s;
        }
        double[][] w = new double[classes][(int) d];
        double[] b = new double[classes];
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < d; j++) {
                w[k][j] = 2 * r.nextDouble() - 1;
            }
            b[k] = 2 * r.nextDouble() - 1;
        }
        return new LinearModel(w, b, rowShape);
    }

    /**
     * The weight of input element {@code j} (row-major) for class {@code k}.
     *
     * @param k the class, in [0, K)
     * @param j the flat input element, in [0, D)
     * @return W[k][j], which is also ∂f_k/∂x_j
     */
    public double weight(int k, int j) {
        return w[k][j];
    }

    @Override
    public Optional<long[]> rowShape() {
        return Optional.of(rowShape.clone());
    }

    @Override
    public INDArray predict(INDArray input) {
        int n = (int) input.size(0);
        int d = (int) Arrays2.rowLength(input);
        double[] x = Arrays2.flat(input);
        double[] out = new double[n * w.length];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < w.length; k++) {
                double s = b[k];
                for (int j = 0; j < d; j++) {
                    s += w[k][j] * x[i * d + j];
                }
                out[i * w.length + k] = s;
            }
        }
        return Arrays2.array(out, new long[] {n, w.length}, input.dataType());
    }

    @Override
    public Gradients gradients(INDArray input, Target target) {
        INDArray out = predict(input);
        double[] seed = Arrays2.flat(target.seed(out));
        int n = (int) input.size(0);
        int d = (int) Arrays2.rowLength(input);
        double[] g = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < w.length; k++) {
                double s = seed[i * w.length + k];
                if (s != 0) {
                    for (int j = 0; j < d; j++) {
                        g[i * d + j] += s * w[k][j];
                    }
                }
            }
        }
        return new Gradients(out, Arrays2.array(g, input.shape(), input.dataType()));
    }

    @Override
    public String id() {
        return "testkit-linear-" + w.length + "x" + w[0].length;
    }
}
