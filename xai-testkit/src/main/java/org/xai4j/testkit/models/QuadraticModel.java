package org.xai4j.testkit.models;

import java.util.Optional;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.target.Target;

/**
 * f_k(x) = ½·xᵀA_k x + c_kᵀx with symmetric A_k. Gradient A_k x + c_k. Along the straight path from a
 * baseline x' the gradient is linear in α, so the trapezoid and midpoint rules integrate it exactly:
 * IG_j = (x − x')_j · (A_k (x + x')/2 + c_k)_j.
 */
public final class QuadraticModel implements DifferentiableModel {
    private final double[][][] a;
    private final double[][] c;
    private final int d;

    /**
     * A quadratic model with the given coefficients, which are neither copied nor checked.
     *
     * @param a K matrices A_k, each D × D and symmetric (the gradient formula assumes it)
     * @param c K vectors c_k, each of length D; D is taken from {@code c[0]}
     */
    public QuadraticModel(double[][][] a, double[][] c) {
        this.a = a;
        this.c = c;
        this.d = c[0].length;
    }

    /**
     * Seeded symmetric A_k and c_k, each entry uniform in [−1, 1).
     *
     * @param seed     the seed of the {@link SplittableRandom} the coefficients are drawn from
     * @param classes  K, the number of outputs
     * @param features D, the length of an input row
     * @return the model; the same seed gives the same model
     */
    public static QuadraticModel random(long seed, int classes, int features) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][][] a = new double[classes][features][features];
        double[][] c = new double[classes][features];
        for (int k = 0; k < classes; k++) {
            for (int i = 0; i < features; i++) {
                for (int j = 0; j <= i; j++) {
                    double v = 2 * r.nextDouble() - 1;
                    a[k][i][j] = v;
                    a[k][j][i] = v;
                }
                c[k][i] = 2 * r.nextDouble() - 1;
            }
        }
        return new QuadraticModel(a, c);
    }

    /**
     * (A_k x + c_k)_j for one row x.
     *
     * @param k the class, in [0, K)
     * @param x one input row, length D
     * @param j the input element, in [0, D)
     * @return ∂f_k/∂x_j at {@code x}, in closed form
     */
    public double gradient(int k, double[] x, int j) {
        double s = c[k][j];
        for (int i = 0; i < d; i++) {
            s += a[k][j][i] * x[i];
        }
        return s;
    }

    @Override
    public Optional<long[]> rowShape() {
        return Optional.of(new long[] {d});
    }

    @Override
    public INDArray predict(INDArray input) {
        int n = (int) input.size(0);
        double[] x = Arrays2.flat(input);
        double[] out = new double[n * a.length];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < a.length; k++) {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    double xi = x[r * d + i];
                    s += c[k][i] * xi;
                    for (int j = 0; j < d; j++) {
                        s += 0.5 * xi * a[k][i][j] * x[r * d + j];
                    }
                }
                out[r * a.length + k] = s;
            }
        }
        return Arrays2.array(out, new long[] {n, a.length}, input.dataType());
    }

    @Override
    public Gradients gradients(INDArray input, Target target) {
        INDArray out = predict(input);
        double[] seed = Arrays2.flat(target.seed(out));
        int n = (int) input.size(0);
        double[] x = Arrays2.flat(input);
        double[] g = new double[n * d];
        for (int r = 0; r < n; r++) {
            double[] row = java.util.Arrays.copyOfRange(x, r * d, r * d + d);
            for (int k = 0; k < a.length; k++) {
                double s = seed[r * a.length + k];
                if (s != 0) {
                    for (int j = 0; j < d; j++) {
                        g[r * d + j] += s * gradient(k, row, j);
                    }
                }
            }
        }
        return new Gradients(out, Arrays2.array(g, input.shape(), input.dataType()));
    }

    @Override
    public String id() {
        return "testkit-quadratic-" + a.length + "x" + d;
    }
}
