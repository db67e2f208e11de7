package org.xai4j.core.baseline;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.util.Checks;
import org.xai4j.core.util.Rng;

/**
 * The input blurred by a separable Gaussian over its last two axes (H, W), truncated at 4σ, with
 * mirror-reflected edges (scipy.ndimage's "reflect" mode: d c b a | a b c d | d c b a).
 */
public record BlurBaseline(double sigma) implements Baseline {
    /**
     * Checks {@code sigma}.
     *
     * @param sigma the Gaussian's standard deviation in pixels, &gt; 0
     * @throws org.xai4j.core.InvalidConfigException if {@code sigma} is not a positive finite number
     */
    public BlurBaseline {
        Checks.requirePositive(sigma, "blur sigma");
    }

    @Override
    public INDArray referenceFor(INDArray input, Rng rng) {
        Checks.requireArray(input, "input");
        if (input.rank() < 2) {
            throw new InvalidShapeException("a blur baseline needs an input of rank ≥ 2 (…×H×W) but got shape "
                    + java.util.Arrays.toString(input.shape()));
        }
        long[] shape = input.shape();
        int h = (int) shape[shape.length - 2];
        int w = (int) shape[shape.length - 1];
        double[] data = org.xai4j.core.util.HostArrays.doubles(input);
        double[] kernel = kernel(sigma);
        int planes = data.length / (h * w);
        double[] tmp = new double[h * w];
        for (int p = 0; p < planes; p++) {
            int off = p * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double s = 0;
                    for (int k = 0; k < kernel.length; k++) {
                        s += kernel[k] * data[off + y * w + reflect(x + k - kernel.length / 2, w)];
                    }
                    tmp[y * w + x] = s;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double s = 0;
                    for (int k = 0; k < kernel.length; k++) {
                        s += kernel[k] * tmp[reflect(y + k - kernel.length / 2, h) * w + x];
                    }
                    data[off + y * w + x] = s;
                }
            }
        }
        return Nd4j.create(data, shape, DataType.DOUBLE).castTo(input.dataType());
    }

    /** Normalised Gaussian weights for offsets −r..r with r = round(4σ). */
    static double[] kernel(double sigma) {
        int r = (int) Math.round(4.0 * sigma);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** Index into [0, n) reflected about the edges, the edge sample repeated. */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }

    @Override
    public String describe() {
        return "gaussian blur sigma " + sigma;
    }
}
