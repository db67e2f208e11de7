package org.xai4j.testkit.models;

import java.util.Optional;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.target.Target;

/** y = W2·relu(W1·x + b1) + b2: piecewise linear, with the gradient W2·diag(1[h > 0])·W1. */
public final class TwoLayerReluNet implements DifferentiableModel {
    private final double[][] w1;
    private final double[] b1;
    private final double[][] w2;
    private final double[] b2;

    /**
     * A network with the given weights, which are neither copied nor checked.
     *
     * @param w1 H × D first-layer weights
     * @param b1 H first-layer biases
     * @param w2 K × H second-layer weights
     * @param b2 K output biases
     */
    public TwoLayerReluNet(double[][] w1, double[] b1, double[][] w2, double[] b2) {
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
    }

    /**
     * Seeded weights uniform in [−1, 1) scaled by 1/√fan-in, biases uniform in [−0.1, 0.1).
     *
     * @param seed     the seed of the {@link SplittableRandom} the weights are drawn from
     * @param features D, the length of an input row
     * @param hidden   H, the number of hidden ReLU units
     * @param classes  K, the number of outputs
     * @return the network; the same seed gives the same network
     */
    public static TwoLayerReluNet random(long seed, int features, int hidden, int classes) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] w1 = new double[hidden][features];
        double[] b1 = new double[hidden];
        double[][] w2 = new double[classes][hidden];
        double[] b2 = new double[classes];
        for (int h = 0; h < hidden; h++) {
            for (int j = 0; j < features; j++) {
                w1[h][j] = (2 * r.nextDouble() - 1) / Math.sqrt(features);
            }
            b1[h] = 0.1 * (2 * r.nextDouble() - 1);
        }
        for (int k = 0; k < classes; k++) {
            for (int h = 0; h < hidden; h++) {
                w2[k][h] = (2 * r.nextDouble() - 1) / Math.sqrt(hidden);
            }
            b2[k] = 0.1 * (2 * r.nextDouble() - 1);
        }
        return new TwoLayerReluNet(w1, b1, w2, b2);
    }

    private double[] hidden(double[] x, int off) {
        double[] h = new double[w1.length];
        for (int u = 0; u < w1.length; u++) {
            double s = b1[u];
            for (int j = 0; j < w1[u].length; j++) {
                s += w1[u][j] * x[off + j];
            }
            h[u] = s;
        }
        return h;
    }

    @Override
    public Optional<long[]> rowShape() {
        return Optional.of(new long[] {w1[0].length});
    }

    @Override
    public INDArray predict(INDArray input) {
        int n = (int) input.size(0);
        int d = w1[0].length;
        double[] x = Arrays2.flat(input);
        double[] out = new double[n * w2.length];
        for (int r = 0; r < n; r++) {
            double[] h = hidden(x, r * d);
            for (int k = 0; k < w2.length; k++) {
                double s = b2[k];
                for (int u = 0; u < h.length; u++) {
                    s += w2[k][u] * Math.max(0, h[u]);
                }
                out[r * w2.length + k] = s;
            }
        }
        return Arrays2.array(out, new long[] {n, w2.length}, input.dataType());
    }

    @Override
    public Gradients gradients(INDArray input, Target target) {
        INDArray out = predict(input);
        double[] seed = Arrays2.flat(target.seed(out));
        int n = (int) input.size(0);
        int d = w1[0].length;
        double[] x = Arrays2.flat(input);
        double[] g = new double[n * d];
        for (int r = 0; r < n; r++) {
            double[] h = hidden(x, r * d);
            for (int u = 0; u < h.length; u++) {
                if (h[u] <= 0) {
                    continue;
                }
                double dh = 0;
                for (int k = 0; k < w2.length; k++) {
                    dh += seed[r * w2.length + k] * w2[k][u];
                }
                for (int j = 0; j < d; j++) {
                    g[r * d + j] += dh * w1[u][j];
                }
            }
        }
        return new Gradients(out, Arrays2.array(g, input.shape(), input.dataType()));
    }

    @Override
    public String id() {
        return "testkit-relu-mlp-" + w1[0].length + "-" + w1.length + "-" + w2.length;
    }
}
