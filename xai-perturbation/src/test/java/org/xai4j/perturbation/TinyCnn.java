package org.xai4j.perturbation;

import java.io.File;
import java.net.URISyntaxException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.model.PredictionFunction;

/**
 * The small CNN of {@code src/test/python/make_reference.py}, with the weights the script saved, written
 * out in plain Java (float64): conv 3→4 (3×3, pad 1), ReLU, conv 4→6 (3×3, stride 2, pad 1), ReLU,
 * flatten, linear 96→3. Input N×3×8×8, output N×3. Counts the rows it has seen.
 */
public final class TinyCnn implements PredictionFunction {
    private final double[] w1 = load("cnn_w1").data().asDouble();
    private final double[] b1 = load("cnn_b1").data().asDouble();
    private final double[] w2 = load("cnn_w2").data().asDouble();
    private final double[] b2 = load("cnn_b2").data().asDouble();
    private final double[] w3 = load("cnn_w3").data().asDouble();
    private final double[] b3 = load("cnn_b3").data().asDouble();
    public long rowsSeen;

    /** A reference array saved by the Python script (float64). */
    public static INDArray load(String name) {
        return load("reference", name);
    }

    /**
     * An array written by a generator: {@code reference/} by make_reference.py (brute force, float64),
     * {@code anchor/} by anchor_reference.py (Captum v0.8.0, shap v0.49.1, lime 0.2.0.0 themselves).
     */
    public static INDArray load(String dir, String name) {
        try {
            File f = new File(TinyCnn.class.getResource("/org/xai4j/perturbation/" + dir + "/" + name + ".npy").toURI());
            return Nd4j.createFromNpyFile(f).castTo(DataType.DOUBLE).dup('c');
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public INDArray predict(INDArray input) {
        int n = (int) input.size(0);
        rowsSeen += n;
        double[] x = input.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] out = new double[n * 3];
        double[] h1 = new double[4 * 8 * 8];
        double[] h2 = new double[6 * 4 * 4];
        for (int s = 0; s < n; s++) {
            int xo = s * 3 * 64;
            conv(x, xo, 3, 8, w1, b1, 4, 1, h1, 8);
            conv(h1, 0, 4, 8, w2, b2, 6, 2, h2, 4);
            for (int k = 0; k < 3; k++) {
                double acc = b3[k];
                for (int j = 0; j < 96; j++) {
                    acc += w3[k * 96 + j] * h2[j];
                }
                out[s * 3 + k] = acc;
            }
        }
        return Nd4j.create(out, new long[] {n, 3}, DataType.DOUBLE).castTo(input.dataType());
    }

    /** 3×3 convolution with padding 1 and the given stride, then ReLU. */
    private static void conv(double[] in, int off, int cin, int size, double[] w, double[] b, int cout, int stride,
                             double[] out, int outSize) {
        for (int o = 0; o < cout; o++) {
            for (int y = 0; y < outSize; y++) {
                for (int x = 0; x < outSize; x++) {
                    double acc = b[o];
                    for (int c = 0; c < cin; c++) {
                        for (int ky = 0; ky < 3; ky++) {
                            int iy = y * stride + ky - 1;
                            if (iy < 0 || iy >= size) {
                                continue;
                            }
                            for (int kx = 0; kx < 3; kx++) {
                                int ix = x * stride + kx - 1;
                                if (ix < 0 || ix >= size) {
                                    continue;
                                }
                                acc += w[((o * cin + c) * 3 + ky) * 3 + kx] * in[off + (c * size + iy) * size + ix];
                            }
                        }
                    }
                    out[(o * outSize + y) * outSize + x] = Math.max(0.0, acc);
                }
            }
        }
    }

    @Override
    public String id() {
        return "tiny-cnn";
    }
}
