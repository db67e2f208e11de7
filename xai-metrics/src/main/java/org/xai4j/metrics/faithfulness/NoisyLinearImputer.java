package org.xai4j.metrics.faithfulness;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.util.Checks;
import org.xai4j.core.util.Rng;
import org.xai4j.metrics.MapRows;
import org.xai4j.metrics.UndefinedMetricException;

/**
 * Noisy linear imputation (Rong, Leemann, Borisov, Kasneci, Kasneci: "A Consistent and Efficient
 * Evaluation Strategy for Attribution Methods", ICML 2022). Each removed pixel takes the weighted mean of
 * its 8 neighbours inside the image, weight 1/6 for the 4 direct and 1/12 for the 4 diagonal neighbours,
 * where neighbours that are themselves removed are unknowns too: one sparse symmetric positive-definite
 * system per channel (all channels share the pixel mask), solved by conjugate gradients with a Jacobi
 * preconditioner to a relative residual of 1e-12. Then independent N(0, σ²) noise is added to the
 * imputed values only; kept pixels are unchanged.
 *
 * <p>At least one pixel must be kept (otherwise the system is singular).
 */
public final class NoisyLinearImputer {
    private static final int[][] OFFSETS = {{-1, -1}, {-1, 0}, {-1, 1}, {0, -1}, {0, 1}, {1, -1}, {1, 0}, {1, 1}};
    private static final double DIRECT = 1.0 / 6;
    private static final double DIAGONAL = 1.0 / 12;

    private final double noiseSd;

    /** @param noiseSd σ of the noise added to imputed pixels (ROAD uses 0.01); 0 for plain linear imputation */
    public NoisyLinearImputer(double noiseSd) {
        this.noiseSd = Checks.requireNonNegative(noiseSd, "imputation noise sd");
    }

    /**
     * The noise standard deviation.
     *
     * @return σ of the Gaussian noise added to imputed pixels, at least 0
     */
    public double noiseSd() {
        return noiseSd;
    }

    /**
     * Imputes one image given as an array: H×W or C×H×W, with a mask of shape H×W whose non-zero entries
     * mark removed pixels. Returns a new array of the image's shape and type; the arguments are not modified.
     *
     * @param image H×W or C×H×W (not modified)
     * @param removedMask H×W, non-zero where a pixel is removed (not modified)
     * @param seed seed of the noise
     * @return a new array of the image's shape and type, removed pixels replaced
     */
    public INDArray impute(INDArray image, INDArray removedMask, long seed) {
        Checks.requireRank(image, "image", 2, 3);
        Checks.requireRank(removedMask, "removed-pixel mask", 2);
        Checks.requireFinite(image, "image");
        Checks.requireFinite(removedMask, "removed-pixel mask");
        int h = Math.toIntExact(image.size(image.rank() - 2));
        int w = Math.toIntExact(image.size(image.rank() - 1));
        if (removedMask.size(0) != h || removedMask.size(1) != w) {
            throw new InvalidShapeException("removed-pixel mask has shape " + Arrays.toString(removedMask.shape())
                    + " but the image is " + h + "×" + w);
        }
        int channels = image.rank() == 3 ? Math.toIntExact(image.size(0)) : 1;
        double[] mask = MapRows.flat(removedMask);
        boolean[] removed = new boolean[mask.length];
        for (int i = 0; i < mask.length; i++) {
            removed[i] = mask[i] != 0;
        }
        double[] out = impute(MapRows.flat(image), channels, h, w, removed, Rng.seeded(seed));
        return Nd4j.create(out, image.shape(), DataType.DOUBLE).castTo(image.dataType());
    }

    /**
     * Imputes one image held row-major as C planes of H×W in {@code image}; {@code removed[p]} marks pixel p.
     * Returns a new array.
     */
    double[] impute(double[] image, int channels, int h, int w, boolean[] removed, Rng rng) {
        int pixels = h * w;
        int[] unknownIndex = new int[pixels];
        int unknowns = 0;
        for (int p = 0; p < pixels; p++) {
            unknownIndex[p] = removed[p] ? unknowns++ : -1;
        }
        double[] out = image.clone();
        if (unknowns == 0) {
            return out;
        }
        if (unknowns == pixels) {
            throw new UndefinedMetricException("noisy linear imputation needs at least one kept pixel but all "
                    + pixels + " are removed");
        }
        int[] pixelOf = new int[unknowns];
        double[] diag = new double[unknowns];
        // Neighbour lists: for unknown u, up to 8 (pixel, weight) entries.
        int[][] nbPixel = new int[unknowns][];
        double[][] nbWeight = new double[unknowns][];
        for (int p = 0; p < pixels; p++) {
            int u = unknownIndex[p];
            if (u < 0) {
                continue;
            }
            pixelOf[u] = p;
            int r = p / w;
            int c = p % w;
            int[] np = new int[8];
            double[] nw = new double[8];
            int k = 0;
            for (int[] o : OFFSETS) {
                int rr = r + o[0];
                int cc = c + o[1];
                if (rr < 0 || rr >= h || cc < 0 || cc >= w) {
                    continue;
                }
                np[k] = rr * w + cc;
                nw[k] = o[0] == 0 || o[1] == 0 ? DIRECT : DIAGONAL;
                diag[u] += nw[k];
                k++;
            }
            nbPixel[u] = Arrays.copyOf(np, k);
            nbWeight[u] = Arrays.copyOf(nw, k);
        }
        for (int ch = 0; ch < channels; ch++) {
            int off = ch * pixels;
            double[] b = new double[unknowns];
            for (int u = 0; u < unknowns; u++) {
                for (int k = 0; k < nbPixel[u].length; k++) {
                    int q = nbPixel[u][k];
                    if (unknownIndex[q] < 0) {
                        b[u] += nbWeight[u][k] * image[off + q];
                    }
                }
            }
            double[] x = solve(b, diag, nbPixel, nbWeight, unknownIndex);
            for (int u = 0; u < unknowns; u++) {
                out[off + pixelOf[u]] = x[u] + (noiseSd == 0 ? 0 : noiseSd * rng.nextGaussian());
            }
        }
        return out;
    }

    /** Preconditioned conjugate gradients on A x = b, A = diag − (weights between unknowns). */
    private static double[] solve(double[] b, double[] diag, int[][] nbPixel, double[][] nbWeight, int[] unknownIndex) {
        int n = b.length;
        double[] x = new double[n];
        double bNorm = Math.sqrt(dot(b, b));
        if (bNorm == 0) {
            return x;
        }
        double[] r = b.clone();
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = r[i] / diag[i];
        }
        double[] p = z.clone();
        double[] ap = new double[n];
        double rz = dot(r, z);
        int maxIter = 10 * n + 100;
        for (int it = 0; it < maxIter; it++) {
            for (int u = 0; u < n; u++) {
                double s = diag[u] * p[u];
                for (int k = 0; k < nbPixel[u].length; k++) {
                    int v = unknownIndex[nbPixel[u][k]];
                    if (v >= 0) {
                        s -= nbWeight[u][k] * p[v];
                    }
                }
                ap[u] = s;
            }
            double alpha = rz / dot(p, ap);
            for (int i = 0; i < n; i++) {
                x[i] += alpha * p[i];
                r[i] -= alpha * ap[i];
            }
            if (Math.sqrt(dot(r, r)) <= 1e-12 * bNorm) {
                break;
            }
            for (int i = 0; i < n; i++) {
                z[i] = r[i] / diag[i];
            }
            double rzNew = dot(r, z);
            double beta = rzNew / rz;
            rz = rzNew;
            for (int i = 0; i < n; i++) {
                p[i] = z[i] + beta * p[i];
            }
        }
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
