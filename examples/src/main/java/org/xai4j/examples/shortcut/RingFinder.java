package org.xai4j.examples.shortcut;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;

/**
 * Scans a data set for the images a model judges by the ring: an image is flagged when its positive relevance
 * (pixel relevance summed over colour channels, positive part) inside the ring region exceeds a threshold
 * ({@link #masses}; {@link #shares} gives the same as a share of the image's positive relevance). The threshold
 * is fitted on images whose rings are known (a validation set): the midpoint between two neighbouring scores that
 * maximises the F1 score of the flags against the planted rings.
 *
 * @param threshold flag an image when its score (ring mass or share) is above this
 */
public record RingFinder(double threshold) {
    /** Precision and recall of flags against the truth (each 0 when its denominator is 0). */
    public record Score(double precision, double recall, int truePositives, int flagged, int planted) {
    }

    /**
     * Each image's share of positive relevance inside its ring region: Σ max(r, 0)·mask / Σ max(r, 0), 0 for an
     * image without positive relevance.
     *
     * @param relevance N × C × H × W (summed over C) or N × H × W
     * @param regions   N × H × W, 1 inside the ring region
     */
    public static double[] shares(INDArray relevance, INDArray regions) {
        double[][] parts = parts(relevance, regions);
        double[] out = new double[parts[0].length];
        for (int i = 0; i < out.length; i++) {
            out[i] = parts[1][i] > 0 ? parts[0][i] / parts[1][i] : 0;
        }
        return out;
    }

    /**
     * Each image's positive relevance mass inside its ring region: Σ max(r, 0)·mask (the finder's score; with the
     * relevance started at the logit it grows with how strongly the ring region drives the class score).
     */
    public static double[] masses(INDArray relevance, INDArray regions) {
        double[][] parts = parts(relevance, regions);
        return parts[0];
    }

    /** Per image: [0] positive mass inside the region, [1] positive mass in total. */
    private static double[][] parts(INDArray relevance, INDArray regions) {
        INDArray r = relevance.rank() == 4 ? relevance.sum(1) : relevance;
        if (r.rank() != 3 || !Arrays.equals(r.shape(), regions.shape())) {
            throw new InvalidConfigException("ring finder: relevance " + Arrays.toString(relevance.shape())
                    + " does not match the ring regions " + Arrays.toString(regions.shape()));
        }
        int n = (int) r.size(0);
        double[] rv = r.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] mv = regions.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int plane = rv.length / Math.max(1, n);
        double[][] out = new double[2][n];
        for (int i = 0; i < n; i++) {
            for (int q = i * plane; q < (i + 1) * plane; q++) {
                double p = Math.max(rv[q], 0);
                out[1][i] += p;
                out[0][i] += p * mv[q];
            }
        }
        return out;
    }

    /** The threshold that flags {@code planted} best (highest F1) on images with known rings. */
    public static RingFinder fit(double[] shares, boolean[] planted) {
        if (shares.length != planted.length || shares.length == 0) {
            throw new InvalidConfigException("ring finder: " + shares.length + " shares for " + planted.length
                    + " images");
        }
        double[] sorted = shares.clone();
        Arrays.sort(sorted);
        double[] candidates = new double[sorted.length + 1];
        candidates[0] = sorted[0] - 1e-9;
        for (int k = 0; k < sorted.length; k++) {
            candidates[k + 1] = k + 1 < sorted.length ? (sorted[k] + sorted[k + 1]) / 2 : sorted[k] + 1e-9;
        }
        double best = -1;
        double bestThreshold = candidates[0];
        for (double t : candidates) {
            Score s = new RingFinder(t).score(shares, planted);
            double f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
            if (f1 > best) {
                best = f1;
                bestThreshold = t;
            }
        }
        return new RingFinder(bestThreshold);
    }

    /** Which images are flagged. */
    public boolean[] flags(double[] shares) {
        boolean[] f = new boolean[shares.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = shares[i] > threshold;
        }
        return f;
    }

    /** Precision and recall of this finder's flags against the planted rings. */
    public Score score(double[] shares, boolean[] planted) {
        return score(flags(shares), planted);
    }

    /** Precision and recall of {@code flagged} against {@code planted}. */
    public static Score score(boolean[] flagged, boolean[] planted) {
        if (flagged.length != planted.length) {
            throw new InvalidConfigException("ring finder: " + flagged.length + " flags for " + planted.length
                    + " images");
        }
        int tp = 0;
        int f = 0;
        int p = 0;
        for (int i = 0; i < flagged.length; i++) {
            tp += flagged[i] && planted[i] ? 1 : 0;
            f += flagged[i] ? 1 : 0;
            p += planted[i] ? 1 : 0;
        }
        return new Score(f == 0 ? 0 : tp / (double) f, p == 0 ? 0 : tp / (double) p, tp, f, p);
    }
}
