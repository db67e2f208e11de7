package org.xai4j.metrics.testing;

import java.util.Collection;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.target.ClassTarget;
import org.xai4j.core.util.Rng;
import org.xai4j.metrics.faithfulness.AttributionFunction;
import org.xai4j.metrics.sanity.RandomisableModel;

/**
 * A two-layer perceptron out = W2ᵀ relu(W1ᵀ x + b1) + b2 over flattened inputs, with layers "fc1" and
 * "fc2", an exact input-gradient explainer, and randomisation that re-draws a layer's weights from
 * N(0, 1/fan-in) with a generator derived from the seed and the layer name.
 */
public final class TinyMlp implements RandomisableModel<TinyMlp> {
    private final double[][] w1; // D×H
    private final double[] b1;
    private final double[][] w2; // H×K
    private final double[] b2;

    private TinyMlp(double[][] w1, double[] b1, double[][] w2, double[] b2) {
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
    }

    /** A model with weights drawn from {@code seed}. */
    public static TinyMlp random(int d, int h, int k, long seed) {
        return new TinyMlp(draw(d, h, seed ^ "fc1".hashCode() * 31L), new double[h], draw(h, k, seed ^ "fc2".hashCode() * 31L),
                new double[k]);
    }

    private static double[][] draw(int rows, int cols, long seed) {
        Rng rng = Rng.seeded(seed);
        double[][] w = new double[rows][cols];
        for (double[] r : w) {
            for (int j = 0; j < cols; j++) {
                r[j] = rng.nextGaussian() / Math.sqrt(rows);
            }
        }
        return w;
    }

    @Override
    public List<String> randomisableLayers() {
        return List.of("fc1", "fc2");
    }

    @Override
    public TinyMlp randomise(Collection<String> layers, long seed) {
        for (String l : layers) {
            if (!randomisableLayers().contains(l)) {
                throw new UnknownLayerException(l, randomisableLayers());
            }
        }
        double[][] n1 = layers.contains("fc1") ? draw(w1.length, b1.length, seed * 1_000_003L + "fc1".hashCode()) : w1;
        double[][] n2 = layers.contains("fc2") ? draw(w2.length, b2.length, seed * 1_000_003L + "fc2".hashCode()) : w2;
        return new TinyMlp(n1, b1, n2, b2);
    }

    private double[] hidden(double[] x, int off) {
        double[] pre = b1.clone();
        for (int i = 0; i < w1.length; i++) {
            for (int j = 0; j < pre.length; j++) {
                pre[j] += x[off + i] * w1[i][j];
            }
        }
        return pre;
    }

    @Override
    public INDArray predict(INDArray input) {
        int n = (int) input.size(0);
        double[] x = input.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int d = w1.length;
        int k = b2.length;
        double[] out = new double[n * k];
        for (int r = 0; r < n; r++) {
            double[] pre = hidden(x, r * d);
            for (int c = 0; c < k; c++) {
                double s = b2[c];
                for (int j = 0; j < pre.length; j++) {
                    s += Math.max(pre[j], 0) * w2[j][c];
                }
                out[r * k + c] = s;
            }
        }
        return Nd4j.create(out, new long[] {n, k}, DataType.DOUBLE);
    }

    /** The exact gradient of the target logit with respect to the input, in the input's shape. */
    public AttributionFunction gradient() {
        return (input, target) -> {
            int n = (int) input.size(0);
            int[] classes = ((ClassTarget) target.resolve(predict(input))).classes(n);
            double[] x = input.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            int d = w1.length;
            double[] g = new double[n * d];
            for (int r = 0; r < n; r++) {
                double[] pre = hidden(x, r * d);
                for (int i = 0; i < d; i++) {
                    double s = 0;
                    for (int j = 0; j < pre.length; j++) {
                        if (pre[j] > 0) {
                            s += w1[i][j] * w2[j][classes[r]];
                        }
                    }
                    g[r * d + i] = s;
                }
            }
            return Nd4j.create(g, input.shape(), DataType.DOUBLE);
        };
    }

    /** An "explainer" that ignores the model: the input itself. */
    public static AttributionFunction inputItself() {
        return (input, target) -> input.castTo(DataType.DOUBLE).dup();
    }

    @Override
    public String id() {
        return "tiny-mlp";
    }
}
