package org.xai4j.metrics.similarity;

import java.util.Arrays;
import java.util.Map;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.util.Checks;

/**
 * The structural similarity index (Wang, Bovik, Sheikh, Simoncelli: "Image quality assessment: from error
 * visibility to structural similarity", IEEE TIP 13(4), 2004), with scikit-image's conventions for
 * {@code structural_similarity}.
 *
 * <p>For every window position where the whole window fits inside the map (the "valid" region; positions
 * within (w−1)/2 of an edge are cropped, as scikit-image does) the local means μ, variances σ² and
 * covariance σ<sub>xy</sub> are computed with the window's weights (uniform w×w, or a Gaussian truncated
 * at 3.5σ), the (co)variances multiplied by N/(N−1) with N = w² when {@code sampleCovariance} is on, and
 * <pre>SSIM = (2 μx μy + C1)(2 σxy + C2) / ((μx² + μy² + C1)(σx² + σy² + C2)),  C1 = (K1 L)², C2 = (K2 L)²</pre>
 * is averaged over the valid region. L is the configured data range, or by default the joint range of the
 * two rows (max of both − min of both).
 *
 * <p>Rows of shape H×W are compared as one image; rows of shape C×H×W as C channel images whose SSIMs
 * are averaged (scikit-image's {@code channel_axis=0}), with one data range for the whole row. H and W
 * must be at least the window side.
 *
 * <p>Edge case: when the data range is the joint range and it is 0 (both rows constant with the same
 * value, hence identical), the result is defined as 1.
 */
public final class Ssim implements MapSimilarity {
    private final SsimConfig config;
    private final double[] weights;

    /**
     * SSIM with {@code config}'s window, constants and data range.
     *
     * @param config the settings, e.g. {@link SsimConfig#DEFAULTS}
     * @throws org.xai4j.core.XaiException if {@code config} is null
     */
    public Ssim(SsimConfig config) {
        this.config = Checks.requireNonNull(config, "SSIM config");
        this.weights = windowWeights(config);
    }

    /**
     * The settings.
     *
     * @return the settings given to the constructor
     */
    public SsimConfig settings() {
        return config;
    }

    @Override
    public String name() {
        return config.window() == SsimConfig.Window.GAUSSIAN ? "ssim-gaussian" : "ssim";
    }

    @Override
    public Map<String, String> config() {
        return config.toMap();
    }

    @Override
    public double between(double[] a, double[] b, long[] rowShape) {
        if (rowShape.length != 2 && rowShape.length != 3) {
            throw new InvalidShapeException("SSIM compares rows of shape H×W or C×H×W but the rows have shape "
                    + Arrays.toString(rowShape));
        }
        int channels = rowShape.length == 3 ? Math.toIntExact(rowShape[0]) : 1;
        int h = Math.toIntExact(rowShape[rowShape.length - 2]);
        int w = Math.toIntExact(rowShape[rowShape.length - 1]);
        int side = weights.length;
        if (h < side || w < side) {
            throw new InvalidShapeException("SSIM needs maps of at least " + side + "×" + side
                    + " (the window side) but the rows have shape " + Arrays.toString(rowShape));
        }
        double range = config.dataRange();
        if (config.jointDataRange()) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < a.length; i++) {
                lo = Math.min(lo, Math.min(a[i], b[i]));
                hi = Math.max(hi, Math.max(a[i], b[i]));
            }
            range = hi - lo;
            if (range == 0) {
                return 1.0; // both rows are the same constant
            }
        }
        double sum = 0;
        int plane = h * w;
        for (int c = 0; c < channels; c++) {
            sum += channel(a, b, c * plane, h, w, range);
        }
        return sum / channels;
    }

    /** Mean SSIM over the valid region of one H×W plane starting at {@code offset}. */
    private double channel(double[] a, double[] b, int offset, int h, int w, double range) {
        int side = weights.length;
        int vh = h - side + 1;
        int vw = w - side + 1;
        double c1 = Math.pow(config.k1() * range, 2);
        double c2 = Math.pow(config.k2() * range, 2);
        double np = (double) side * side;
        double covNorm = config.sampleCovariance() ? np / (np - 1) : 1.0;
        // Horizontal pass over all rows, only at columns where the window fits.
        double[] hx = new double[h * vw];
        double[] hy = new double[h * vw];
        double[] hxx = new double[h * vw];
        double[] hyy = new double[h * vw];
        double[] hxy = new double[h * vw];
        for (int r = 0; r < h; r++) {
            int rowStart = offset + r * w;
            for (int j = 0; j < vw; j++) {
                double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
                for (int k = 0; k < side; k++) {
                    double wk = weights[k];
                    double x = a[rowStart + j + k];
                    double y = b[rowStart + j + k];
                    sx += wk * x;
                    sy += wk * y;
                    sxx += wk * x * x;
                    syy += wk * y * y;
                    sxy += wk * x * y;
                }
                int o = r * vw + j;
                hx[o] = sx;
                hy[o] = sy;
                hxx[o] = sxx;
                hyy[o] = syy;
                hxy[o] = sxy;
            }
        }
        // Vertical pass at valid rows, then the SSIM formula.
        double total = 0;
        for (int i = 0; i < vh; i++) {
            for (int j = 0; j < vw; j++) {
                double ux = 0, uy = 0, uxx = 0, uyy = 0, uxy = 0;
                for (int k = 0; k < side; k++) {
                    double wk = weights[k];
                    int o = (i + k) * vw + j;
                    ux += wk * hx[o];
                    uy += wk * hy[o];
                    uxx += wk * hxx[o];
                    uyy += wk * hyy[o];
                    uxy += wk * hxy[o];
                }
                double vx = covNorm * (uxx - ux * ux);
                double vy = covNorm * (uyy - uy * uy);
                double vxy = covNorm * (uxy - ux * uy);
                double num = (2 * ux * uy + c1) * (2 * vxy + c2);
                double den = (ux * ux + uy * uy + c1) * (vx + vy + c2);
                total += num / den;
            }
        }
        return total / ((double) vh * vw);
    }

    /** The 1-D weights of the separable window, summing to 1. */
    private static double[] windowWeights(SsimConfig config) {
        int side = config.effectiveWindowSize();
        double[] wts = new double[side];
        if (config.window() == SsimConfig.Window.UNIFORM) {
            Arrays.fill(wts, 1.0 / side);
            return wts;
        }
        int r = side / 2;
        double s = 0;
        for (int k = 0; k < side; k++) {
            double x = k - r;
            wts[k] = Math.exp(-0.5 * x * x / (config.sigma() * config.sigma()));
            s += wts[k];
        }
        for (int k = 0; k < side; k++) {
            wts[k] /= s;
        }
        return wts;
    }
}
